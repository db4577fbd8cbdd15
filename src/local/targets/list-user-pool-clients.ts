import type { ListUserPoolClientsRequest } from "@aws-sdk/client-cognito-identity-provider";
import { defineTarget } from "./target.js";

export default defineTarget<ListUserPoolClientsRequest>((input, { services }) => {
  const pool = services.pools.get(input.UserPoolId as string);
  const { clients, nextToken } = services.clients.list(pool.id, input.MaxResults ?? 60, input.NextToken);
  return {
    UserPoolClients: clients.map((c) => ({
      ClientId: c.ClientId,
      UserPoolId: c.UserPoolId,
      ClientName: c.ClientName,
    })),
    ...(nextToken ? { NextToken: nextToken } : {}),
  };
});
