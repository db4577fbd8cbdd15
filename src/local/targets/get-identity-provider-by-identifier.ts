import type { GetIdentityProviderByIdentifierRequest } from "@aws-sdk/client-cognito-identity-provider";
import { ResourceNotFoundException } from "../errors.js";
import { describeProvider, type ProviderData } from "../services/identity-providers.js";
import { defineTarget } from "./target.js";

export default defineTarget<GetIdentityProviderByIdentifierRequest>((input, { services }) => {
  const pool = services.pools.get(input.UserPoolId as string);
  const found = services.resources
    .all<ProviderData>(pool.id, "identity-provider")
    .find((p) => p.data.IdpIdentifiers?.includes(input.IdpIdentifier as string));
  if (!found)
    throw new ResourceNotFoundException(
      `Identity provider with identifier ${input.IdpIdentifier} does not exist.`,
    );
  return { IdentityProvider: describeProvider(pool.id, found.data, found.created) };
});
