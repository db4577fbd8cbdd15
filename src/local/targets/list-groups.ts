import type { ListGroupsRequest } from "@aws-sdk/client-cognito-identity-provider";
import { defineTarget } from "./target.js";

export default defineTarget<ListGroupsRequest>((input, { services }) => {
  const pool = services.pools.get(input.UserPoolId as string);
  const { groups, token } = services.groups.list(pool, input.Limit || 60, input.NextToken);
  return { Groups: groups.map((g) => services.groups.describe(g)), ...(token ? { NextToken: token } : {}) };
});
