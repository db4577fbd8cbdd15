import type { DeleteIdentityProviderRequest } from "@aws-sdk/client-cognito-identity-provider";
import { getProvider } from "../services/identity-providers.js";
import { defineTarget } from "./target.js";

export default defineTarget<DeleteIdentityProviderRequest>((input, { services }) => {
  const pool = services.pools.get(input.UserPoolId as string);
  getProvider(services, pool.id, input.ProviderName as string);
  services.resources.delete(pool.id, "identity-provider", input.ProviderName as string);
  return {};
});
