import type { AdminEnableUserRequest } from "@aws-sdk/client-cognito-identity-provider";
import { defineTarget } from "./target.js";

export default defineTarget<AdminEnableUserRequest>((input, { services }) => {
  const pool = services.pools.get(input.UserPoolId as string);
  services.users.modify(pool, services.users.get(pool, input.Username as string), (u) => {
    u.enabled = true;
  });
  return {};
});
