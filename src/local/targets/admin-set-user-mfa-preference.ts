// AdminSetUserMFAPreference: SetUserMFAPreference for any user of the pool.
import type { AdminSetUserMFAPreferenceRequest } from "@aws-sdk/client-cognito-identity-provider";
import { setMfaPreference } from "../signin/mfa-preferences.js";
import { defineTarget } from "./target.js";

export default defineTarget<AdminSetUserMFAPreferenceRequest>((input, { services }) => {
  const pool = services.pools.get(input.UserPoolId as string);
  setMfaPreference(services, pool, services.users.get(pool, input.Username as string), input);
  return {};
});
