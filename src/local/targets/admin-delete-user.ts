import type { AdminDeleteUserRequest } from "@aws-sdk/client-cognito-identity-provider";
import { defineTarget } from "./target.js";

export default defineTarget<AdminDeleteUserRequest>((input, { services }) => {
  const pool = services.pools.get(input.UserPoolId as string);
  services.users.delete(pool, services.users.get(pool, input.Username as string));
  return {};
});
