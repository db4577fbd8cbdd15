// SetUserMFAPreference / AdminSetUserMFAPreference and the legacy SetUserSettings /
// AdminSetUserSettings: which MFA methods a user has enabled and which one is preferred. A method can
// only be turned on when the user can receive it (phone number, email, verified TOTP token).
import type {
  EmailMfaSettingsType,
  MFAOptionType,
  SMSMfaSettingsType,
  SoftwareTokenMfaSettingsType,
} from "@aws-sdk/client-cognito-identity-provider";
import { InvalidParameterException } from "../errors.js";
import type { LocalServices } from "../services/index.js";
import { applyPreference, type MfaSettings, mfaSettings } from "../services/mfa.js";
import type { Pool } from "../services/pools.js";
import type { User } from "../services/users.js";

export interface MfaPreferenceInput {
  SMSMfaSettings?: SMSMfaSettingsType;
  SoftwareTokenMfaSettings?: SoftwareTokenMfaSettingsType;
  EmailMfaSettings?: EmailMfaSettingsType;
}

const turnsOn = (s?: { Enabled?: boolean; PreferredMfa?: boolean }) =>
  s?.Enabled === true || s?.PreferredMfa === true;

export function setMfaPreference(
  services: LocalServices,
  pool: Pool,
  user: User,
  input: MfaPreferenceInput,
): void {
  const current = mfaSettings(user);
  if (turnsOn(input.SoftwareTokenMfaSettings) && !current.totp?.verified) {
    throw new InvalidParameterException("User has not verified software token mfa");
  }
  if (turnsOn(input.SMSMfaSettings) && !user.attributes.phone_number) {
    throw new InvalidParameterException("User does not have delivery config set to turn on SMS_MFA");
  }
  if (turnsOn(input.EmailMfaSettings) && !user.attributes.email) {
    throw new InvalidParameterException("User does not have delivery config set to turn on EMAIL_OTP");
  }
  let next: MfaSettings = applyPreference(current, "SMS_MFA", input.SMSMfaSettings);
  next = applyPreference(next, "SOFTWARE_TOKEN_MFA", input.SoftwareTokenMfaSettings);
  next = applyPreference(next, "EMAIL_OTP", input.EmailMfaSettings);
  services.users.modify(pool, user, (u) => {
    u.data.mfa = next;
  });
}

/** Legacy MFAOptions: an SMS entry turns SMS MFA on, an empty list turns it off. */
export function setMfaOptions(
  services: LocalServices,
  pool: Pool,
  user: User,
  options: MFAOptionType[] | undefined,
): void {
  const sms = (options ?? []).some((o) => o.DeliveryMedium === "SMS");
  if ((options ?? []).some((o) => o.DeliveryMedium === "EMAIL")) {
    throw new InvalidParameterException("Only SMS is supported as an MFA delivery medium in MFAOptions.");
  }
  if (sms && !user.attributes.phone_number) {
    throw new InvalidParameterException("User does not have delivery config set to turn on SMS_MFA");
  }
  services.users.modify(pool, user, (u) => {
    u.data.mfa = applyPreference(mfaSettings(u), "SMS_MFA", { Enabled: sms });
  });
}
