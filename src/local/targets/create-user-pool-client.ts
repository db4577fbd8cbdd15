import type { CreateUserPoolClientRequest } from "@aws-sdk/client-cognito-identity-provider";
import { defineTarget } from "./target.js";

export default defineTarget<CreateUserPoolClientRequest>((input, { services }) => {
  const pool = services.pools.get(input.UserPoolId as string);
  return { UserPoolClient: services.clients.describe(services.clients.create(pool, input)) };
});
