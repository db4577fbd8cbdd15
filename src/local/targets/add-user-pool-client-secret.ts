// AddUserPoolClientSecret: a second secret for a confidential app client (rotation). The value is
// returned only when the endpoint generated it; a secret the caller chose is never echoed.
import type { AddUserPoolClientSecretRequest } from "@aws-sdk/client-cognito-identity-provider";
import { toEpochSeconds } from "../services/ids.js";
import { defineTarget } from "./target.js";

export default defineTarget<AddUserPoolClientSecretRequest>((input, { services }) => {
  const pool = services.pools.get(input.UserPoolId as string);
  const client = services.clients.get(pool.id, input.ClientId as string);
  const { record, generated } = services.clientSecrets.add(client, input.ClientSecret);
  return {
    ClientSecretDescriptor: {
      ClientSecretId: record.id,
      ...(generated ? { ClientSecretValue: record.secret } : {}),
      ClientSecretCreateDate: toEpochSeconds(record.created),
    },
  };
});
