// SetUserPoolClientSessionConfiguration: the app client's SSO session settings (stored; there is no
// managed login locally, so no SSO session reuses them).
import type { SetUserPoolClientSessionConfigurationRequest } from "@aws-sdk/client-cognito-identity-provider";
import { checkServiceRule } from "../validate.js";
import { defineTarget } from "./target.js";

export default defineTarget<SetUserPoolClientSessionConfigurationRequest>((input, { services }) => {
  // Cognito's range for MaxValidityMinutes (API reference); the vendored model predates the operation.
  checkServiceRule(input.SSOSession?.MaxValidityMinutes, "SSOSession.MaxValidityMinutes", {
    min: 0,
    max: 129600,
  });
  const pool = services.pools.get(input.UserPoolId as string);
  const client = services.clients.get(pool.id, input.ClientId as string);
  const stored = services.sessionConfig.setForClient(pool, client, {
    SSOSession: { MaxValidityMinutes: input.SSOSession?.MaxValidityMinutes as number },
  });
  return { UserPoolId: pool.id, ClientId: client.ClientId, ...stored };
});
