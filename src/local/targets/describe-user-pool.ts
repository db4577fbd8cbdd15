import type { DescribeUserPoolRequest } from "@aws-sdk/client-cognito-identity-provider";
import { defineTarget } from "./target.js";

export default defineTarget<DescribeUserPoolRequest>((input, { services }) => ({
  UserPool: services.pools.describe(services.pools.get(input.UserPoolId as string)),
}));
