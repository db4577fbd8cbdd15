import type { AdminRemoveUserFromGroupRequest } from "@aws-sdk/client-cognito-identity-provider";
import { defineTarget } from "./target.js";

export default defineTarget<AdminRemoveUserFromGroupRequest>((input, { services }) => {
  const pool = services.pools.get(input.UserPoolId as string);
  const user = services.users.get(pool, input.Username as string);
  services.groups.removeMember(pool, input.GroupName as string, user);
  return {};
});
