import type { ListUserPoolsRequest } from "@aws-sdk/client-cognito-identity-provider";
import { defineTarget } from "./target.js";

export default defineTarget<ListUserPoolsRequest>((input, { services }) => {
  const { pools, nextToken } = services.pools.list(input.MaxResults as number, input.NextToken);
  return {
    UserPools: pools.map((p) => services.pools.summary(p)),
    ...(nextToken ? { NextToken: nextToken } : {}),
  };
});
