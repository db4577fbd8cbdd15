import type { UpdateIdentityProviderRequest } from "@aws-sdk/client-cognito-identity-provider";
import {
  checkIdentifiers,
  checkProviderDetails,
  describeProvider,
  getProvider,
} from "../services/identity-providers.js";
import { defineTarget } from "./target.js";

export default defineTarget<UpdateIdentityProviderRequest>((input, { services }) => {
  const pool = services.pools.get(input.UserPoolId as string);
  const name = input.ProviderName as string;
  const tx = services.db.transaction(() => {
    const p = getProvider(services, pool.id, name);
    if (input.ProviderDetails)
      p.ProviderDetails = checkProviderDetails(p.ProviderType as string, name, {
        ...p.ProviderDetails,
        ...input.ProviderDetails,
      });
    if (input.AttributeMapping) p.AttributeMapping = input.AttributeMapping;
    if (input.IdpIdentifiers) {
      checkIdentifiers(services, pool.id, name, input.IdpIdentifiers);
      p.IdpIdentifiers = input.IdpIdentifiers;
    }
    p.LastModified = services.clock().getTime();
    services.resources.put(pool.id, "identity-provider", name, p);
    return p;
  });
  const p = tx.immediate();
  const created = services.resources.get(pool.id, "identity-provider", name)?.created ?? p.LastModified;
  return { IdentityProvider: describeProvider(pool.id, p, created) };
});
