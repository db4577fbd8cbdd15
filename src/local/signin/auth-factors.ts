// GetUserAuthFactors / AdminGetUserAuthFactors: the MFA settings plus the first factors the user has
// set up for choice-based sign-in (a password, an email address, a phone number).
import { mfaUserFields } from "../services/mfa.js";
import type { User } from "../services/users.js";

export function authFactors(user: User): Record<string, unknown> {
  const mfa = mfaUserFields(user);
  const factors: string[] = [];
  if (user.password) factors.push("PASSWORD");
  if (user.attributes.email && user.attributes.email_verified === "true") factors.push("EMAIL_OTP");
  if (user.attributes.phone_number && user.attributes.phone_number_verified === "true")
    factors.push("SMS_OTP");
  return {
    Username: user.username,
    ...(mfa.PreferredMfaSetting ? { PreferredMfaSetting: mfa.PreferredMfaSetting } : {}),
    ...(mfa.UserMFASettingList ? { UserMFASettingList: mfa.UserMFASettingList } : {}),
    ConfiguredUserAuthFactors: factors,
  };
}
