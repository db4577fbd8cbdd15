import type { CreateUserPoolRequest } from "@aws-sdk/client-cognito-identity-provider";
import { defineTarget } from "./target.js";

export default defineTarget<CreateUserPoolRequest>((input, { services }) => {
  const pool = services.pools.create(input);
  return { UserPool: services.pools.describe(pool) };
});
