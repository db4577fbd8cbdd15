// SetUserMFAPreference: the signed-in user enables MFA methods and picks the preferred one.
import type { SetUserMFAPreferenceRequest } from "@aws-sdk/client-cognito-identity-provider";
import { signedInUser } from "../signin/access.js";
import { setMfaPreference } from "../signin/mfa-preferences.js";
import { defineTarget } from "./target.js";

export default defineTarget<SetUserMFAPreferenceRequest>(async (input, { services }) => {
  const { pool, user } = await signedInUser(services, input.AccessToken);
  setMfaPreference(services, pool, user, input);
  return {};
});
