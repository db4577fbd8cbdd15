import type { AdminGetUserRequest } from "@aws-sdk/client-cognito-identity-provider";
import { defineTarget } from "./target.js";

export default defineTarget<AdminGetUserRequest>((input, { services }) => {
  const pool = services.pools.get(input.UserPoolId as string);
  return services.users.toAdminGetUser(services.users.get(pool, input.Username as string));
});
