// SetUserPoolSessionConfiguration: replaces the pool's session tracking settings (Essentials/Plus).
import type { SetUserPoolSessionConfigurationRequest } from "@aws-sdk/client-cognito-identity-provider";
import type { PoolSessionConfig } from "../services/session-config.js";
import { checkServiceRule } from "../validate.js";
import { defineTarget } from "./target.js";

export default defineTarget<SetUserPoolSessionConfigurationRequest>((input, { services }) => {
  // Cognito's range for MaxPerUser (API reference); the vendored model predates the operation.
  checkServiceRule(input.TokenSession?.MaxPerUser, "TokenSession.MaxPerUser", { min: 1, max: 100 });
  const pool = services.pools.get(input.UserPoolId as string);
  const stored = services.sessionConfig.setForPool(pool, {
    UserSessionTracking: input.UserSessionTracking as PoolSessionConfig["UserSessionTracking"],
    TokenSession: { MaxPerUser: input.TokenSession?.MaxPerUser as number },
  });
  return { UserPoolId: pool.id, ...stored };
});
