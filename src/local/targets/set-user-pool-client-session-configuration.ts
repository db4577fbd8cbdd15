// SetUserPoolClientSessionConfiguration: the app client's SSO session settings (stored; there is no
// managed login locally, so no SSO session reuses them).
import type { SetUserPoolClientSessionConfigurationRequest } from "@aws-sdk/client-cognito-identity-provider";
import { checkExtraInput } from "../model/extra-input-model.js";
import { defineTarget } from "./target.js";

export default defineTarget<SetUserPoolClientSessionConfigurationRequest>((input, { services }) => {
  checkExtraInput("SetUserPoolClientSessionConfiguration", input);
  const pool = services.pools.get(input.UserPoolId as string);
  const client = services.clients.get(pool.id, input.ClientId as string);
  const stored = services.sessionConfig.setForClient(pool, client, {
    SSOSession: { MaxValidityMinutes: input.SSOSession?.MaxValidityMinutes as number },
  });
  return { UserPoolId: pool.id, ClientId: client.ClientId, ...stored };
});
