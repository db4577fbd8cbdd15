// DeleteUserPoolClientSecret: removes one of a client's secrets; the last one cannot be deleted.
import type { DeleteUserPoolClientSecretRequest } from "@aws-sdk/client-cognito-identity-provider";
import { defineTarget } from "./target.js";

export default defineTarget<DeleteUserPoolClientSecretRequest>((input, { services }) => {
  const pool = services.pools.get(input.UserPoolId as string);
  const client = services.clients.get(pool.id, input.ClientId as string);
  services.clientSecrets.delete(client, input.ClientSecretId as string);
  return {};
});
