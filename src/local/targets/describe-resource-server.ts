import type { DescribeResourceServerRequest } from "@aws-sdk/client-cognito-identity-provider";
import { describeResourceServer, getResourceServer } from "../services/resource-servers.js";
import { defineTarget } from "./target.js";

export default defineTarget<DescribeResourceServerRequest>((input, { services }) => {
  const pool = services.pools.get(input.UserPoolId as string);
  return {
    ResourceServer: describeResourceServer(
      pool.id,
      getResourceServer(services, pool.id, input.Identifier as string),
    ),
  };
});
