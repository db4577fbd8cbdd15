import type { DescribeIdentityProviderRequest } from "@aws-sdk/client-cognito-identity-provider";
import { describeProvider, getProvider } from "../services/identity-providers.js";
import { defineTarget } from "./target.js";

export default defineTarget<DescribeIdentityProviderRequest>((input, { services }) => {
  const pool = services.pools.get(input.UserPoolId as string);
  const p = getProvider(services, pool.id, input.ProviderName as string);
  const created =
    services.resources.get(pool.id, "identity-provider", p.ProviderName)?.created ?? p.LastModified;
  return { IdentityProvider: describeProvider(pool.id, p, created) };
});
