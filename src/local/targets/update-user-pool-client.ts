import type { UpdateUserPoolClientRequest } from "@aws-sdk/client-cognito-identity-provider";
import { defineTarget } from "./target.js";

export default defineTarget<UpdateUserPoolClientRequest>((input, { services }) => {
  const pool = services.pools.get(input.UserPoolId as string);
  const { UserPoolId: _p, ClientId, ...settings } = input;
  const current = services.clients.get(pool.id, ClientId as string);
  // ClientName is optional on update: keep the old one when it is left out.
  const updated = services.clients.update(pool, ClientId as string, {
    ClientName: current.ClientName,
    ...settings,
  });
  return { UserPoolClient: services.clients.describe(updated) };
});
