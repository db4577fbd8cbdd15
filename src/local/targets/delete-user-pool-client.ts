import type { DeleteUserPoolClientRequest } from "@aws-sdk/client-cognito-identity-provider";
import { defineTarget } from "./target.js";

export default defineTarget<DeleteUserPoolClientRequest>((input, { services }) => {
  const pool = services.pools.get(input.UserPoolId as string);
  services.clients.delete(pool.id, input.ClientId as string);
  return {};
});
