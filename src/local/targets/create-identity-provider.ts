import type { CreateIdentityProviderRequest } from "@aws-sdk/client-cognito-identity-provider";
import { DuplicateProviderException } from "../errors.js";
import {
  checkIdentifiers,
  checkProviderDetails,
  describeProvider,
  type ProviderData,
} from "../services/identity-providers.js";
import { defineTarget } from "./target.js";

export default defineTarget<CreateIdentityProviderRequest>((input, { services }) => {
  const pool = services.pools.get(input.UserPoolId as string);
  const name = input.ProviderName as string;
  const data: ProviderData = {
    ProviderName: name,
    ProviderType: input.ProviderType as ProviderData["ProviderType"],
    ProviderDetails: checkProviderDetails(input.ProviderType as string, name, input.ProviderDetails ?? {}),
    ...(input.AttributeMapping ? { AttributeMapping: input.AttributeMapping } : {}),
    ...(input.IdpIdentifiers ? { IdpIdentifiers: input.IdpIdentifiers } : {}),
    LastModified: services.clock().getTime(),
  };
  const tx = services.db.transaction(() => {
    checkIdentifiers(services, pool.id, name, input.IdpIdentifiers);
    if (!services.resources.insert(pool.id, "identity-provider", name, data)) {
      throw new DuplicateProviderException(
        `A provider with the name ${name} already exists in this user pool.`,
      );
    }
  });
  tx.immediate();
  const stored = services.resources.get<ProviderData>(pool.id, "identity-provider", name);
  return { IdentityProvider: describeProvider(pool.id, data, stored?.created ?? data.LastModified) };
});
