import type { ListUsersInGroupRequest } from "@aws-sdk/client-cognito-identity-provider";
import { defineTarget } from "./target.js";

export default defineTarget<ListUsersInGroupRequest>((input, { services }) => {
  const pool = services.pools.get(input.UserPoolId as string);
  const { keys, token } = services.groups.membersOf(
    pool,
    input.GroupName as string,
    input.Limit || 60,
    input.NextToken,
  );
  const users = keys.map((k) => services.users.byKey(pool, k)).filter((u) => u !== undefined);
  return { Users: users.map((u) => services.users.toUserType(u)), ...(token ? { NextToken: token } : {}) };
});
