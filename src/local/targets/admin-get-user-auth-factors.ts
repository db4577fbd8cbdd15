// AdminGetUserAuthFactors: GetUserAuthFactors for any user of the pool (no access token).
import type { AdminGetUserAuthFactorsRequest } from "@aws-sdk/client-cognito-identity-provider";
import { authFactors } from "../signin/auth-factors.js";
import { defineTarget } from "./target.js";

export default defineTarget<AdminGetUserAuthFactorsRequest>((input, { services }) => {
  const pool = services.pools.get(input.UserPoolId as string);
  return authFactors(services.users.get(pool, input.Username as string));
});
