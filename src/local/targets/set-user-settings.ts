// SetUserSettings: the legacy MFAOptions (SMS MFA on or off) of the signed-in user.
import type { SetUserSettingsRequest } from "@aws-sdk/client-cognito-identity-provider";
import { signedInUser } from "../signin/access.js";
import { setMfaOptions } from "../signin/mfa-preferences.js";
import { defineTarget } from "./target.js";

export default defineTarget<SetUserSettingsRequest>(async (input, { services }) => {
  const { pool, user } = await signedInUser(services, input.AccessToken);
  setMfaOptions(services, pool, user, input.MFAOptions);
  return {};
});
