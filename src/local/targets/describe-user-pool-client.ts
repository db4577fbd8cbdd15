import type { DescribeUserPoolClientRequest } from "@aws-sdk/client-cognito-identity-provider";
import { defineTarget } from "./target.js";

export default defineTarget<DescribeUserPoolClientRequest>((input, { services }) => {
  const pool = services.pools.get(input.UserPoolId as string);
  return {
    UserPoolClient: services.clients.describe(services.clients.get(pool.id, input.ClientId as string)),
  };
});
