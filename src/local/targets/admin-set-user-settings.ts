// AdminSetUserSettings: SetUserSettings for any user of the pool.
import type { AdminSetUserSettingsRequest } from "@aws-sdk/client-cognito-identity-provider";
import { setMfaOptions } from "../signin/mfa-preferences.js";
import { defineTarget } from "./target.js";

export default defineTarget<AdminSetUserSettingsRequest>((input, { services }) => {
  const pool = services.pools.get(input.UserPoolId as string);
  setMfaOptions(services, pool, services.users.get(pool, input.Username as string), input.MFAOptions);
  return {};
});
