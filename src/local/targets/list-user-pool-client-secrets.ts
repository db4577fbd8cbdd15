// ListUserPoolClientSecrets: ids and creation dates of the client's (at most two) secrets, never the
// values. No pagination: the service returns both in one page.
import type { ListUserPoolClientSecretsRequest } from "@aws-sdk/client-cognito-identity-provider";
import { toEpochSeconds } from "../services/ids.js";
import { defineTarget } from "./target.js";

export default defineTarget<ListUserPoolClientSecretsRequest>((input, { services }) => {
  const pool = services.pools.get(input.UserPoolId as string);
  const client = services.clients.get(pool.id, input.ClientId as string);
  return {
    ClientSecrets: services.clientSecrets
      .list(client)
      .map((r) => ({ ClientSecretId: r.id, ClientSecretCreateDate: toEpochSeconds(r.created) })),
  };
});
