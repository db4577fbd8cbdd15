// GetUserPoolClientSessionConfiguration: the app client's SSO session settings (default 60 minutes).
import type { GetUserPoolClientSessionConfigurationRequest } from "@aws-sdk/client-cognito-identity-provider";
import { defineTarget } from "./target.js";

export default defineTarget<GetUserPoolClientSessionConfigurationRequest>((input, { services }) => {
  const pool = services.pools.get(input.UserPoolId as string);
  const client = services.clients.get(pool.id, input.ClientId as string);
  const clientId = client.ClientId as string;
  return { UserPoolId: pool.id, ClientId: clientId, ...services.sessionConfig.forClient(clientId) };
});
