// SetUserPoolSessionConfiguration: replaces the pool's session tracking settings (Essentials/Plus).
import type { SetUserPoolSessionConfigurationRequest } from "@aws-sdk/client-cognito-identity-provider";
import { checkExtraInput } from "../model/extra-input-model.js";
import type { PoolSessionConfig } from "../services/session-config.js";
import { defineTarget } from "./target.js";

export default defineTarget<SetUserPoolSessionConfigurationRequest>((input, { services }) => {
  checkExtraInput("SetUserPoolSessionConfiguration", input);
  const pool = services.pools.get(input.UserPoolId as string);
  const stored = services.sessionConfig.setForPool(pool, {
    UserSessionTracking: input.UserSessionTracking as PoolSessionConfig["UserSessionTracking"],
    TokenSession: { MaxPerUser: input.TokenSession?.MaxPerUser as number },
  });
  return { UserPoolId: pool.id, ...stored };
});
