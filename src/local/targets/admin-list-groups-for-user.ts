import type { AdminListGroupsForUserRequest } from "@aws-sdk/client-cognito-identity-provider";
import { defineTarget } from "./target.js";

export default defineTarget<AdminListGroupsForUserRequest>((input, { services }) => {
  const pool = services.pools.get(input.UserPoolId as string);
  const user = services.users.get(pool, input.Username as string);
  const { groups, token } = services.groups.groupsOf(pool, user, input.Limit || 60, input.NextToken);
  return { Groups: groups.map((g) => services.groups.describe(g)), ...(token ? { NextToken: token } : {}) };
});
