// A user's MFA settings (kept in the user's `data` document under `mfa`) and the decision of which
// MFA step a sign-in needs, from the pool's MfaConfiguration and what the user has set up.
import type { Pool } from "./pools.js";
import type { User } from "./users.js";

export type MfaMethod = "SMS_MFA" | "SOFTWARE_TOKEN_MFA" | "EMAIL_OTP";

export interface MfaSettings {
  /** TOTP secret (base32). verified once VerifySoftwareToken succeeded. */
  totp?: { secret: string; verified: boolean; friendlyName?: string };
  /** A secret from AssociateSoftwareToken (AccessToken form) awaiting VerifySoftwareToken. */
  pendingTotp?: string;
  /** Methods the user enabled (SetUserMFAPreference / SetUserSettings / verifying a TOTP). */
  enabled?: MfaMethod[];
  preferred?: MfaMethod;
}

export type MfaStep =
  | { kind: "none" }
  | { kind: "challenge"; method: MfaMethod }
  | { kind: "select"; methods: MfaMethod[] }
  | { kind: "setup"; methods: string[] };

export const mfaSettings = (user: User): MfaSettings => (user.data.mfa as MfaSettings | undefined) ?? {};

/** The enabled methods the user can actually use (SMS needs a phone number, email an address, TOTP a verified token). */
export function usableMethods(user: User): MfaMethod[] {
  const s = mfaSettings(user);
  return (s.enabled ?? []).filter((m) =>
    m === "SMS_MFA"
      ? Boolean(user.attributes.phone_number)
      : m === "EMAIL_OTP"
        ? Boolean(user.attributes.email)
        : Boolean(s.totp?.verified),
  );
}

type PoolMfaData = {
  SmsConfiguration?: unknown;
  EmailMfaConfiguration?: unknown;
  SoftwareTokenMfaConfiguration?: { Enabled?: boolean };
};

/** What MFA a sign-in needs now. */
export function mfaStep(pool: Pool, user: User): MfaStep {
  const config = pool.data.MfaConfiguration ?? "OFF";
  if (config === "OFF") return { kind: "none" };
  const methods = usableMethods(user);
  if (methods.length === 0) {
    if (config === "OPTIONAL") return { kind: "none" };
    const data = pool.data as PoolMfaData;
    // MFA required and nothing set up: a user with a phone number gets SMS when the pool can send
    // SMS (the service's long-standing behaviour); otherwise the user must set a factor up.
    if (user.attributes.phone_number && data.SmsConfiguration)
      return { kind: "challenge", method: "SMS_MFA" };
    const canSetUp = ["SOFTWARE_TOKEN_MFA"];
    if (data.EmailMfaConfiguration) canSetUp.push("EMAIL_OTP");
    return { kind: "setup", methods: canSetUp };
  }
  const preferred = mfaSettings(user).preferred;
  if (preferred && methods.includes(preferred)) return { kind: "challenge", method: preferred };
  if (methods.length === 1) return { kind: "challenge", method: methods[0] };
  return { kind: "select", methods };
}

/** The MFA members of GetUser / AdminGetUser. */
export function mfaUserFields(user: User): Record<string, unknown> {
  const s = mfaSettings(user);
  const list = usableMethods(user);
  return {
    ...(list.includes("SMS_MFA") && user.attributes.phone_number
      ? { MFAOptions: [{ DeliveryMedium: "SMS", AttributeName: "phone_number" }] }
      : {}),
    ...(s.preferred && list.includes(s.preferred) ? { PreferredMfaSetting: s.preferred } : {}),
    ...(list.length ? { UserMFASettingList: list } : {}),
  };
}

/** Applies SetUserMFAPreference-style settings to a copy of the user's MFA settings. */
export function applyPreference(
  current: MfaSettings,
  method: MfaMethod,
  setting: { Enabled?: boolean; PreferredMfa?: boolean } | undefined,
): MfaSettings {
  if (!setting) return current;
  const enabled = new Set(current.enabled ?? []);
  if (setting.Enabled === true) enabled.add(method);
  if (setting.Enabled === false) enabled.delete(method);
  let preferred = current.preferred;
  if (setting.PreferredMfa === true) {
    enabled.add(method);
    preferred = method;
  } else if ((setting.PreferredMfa === false || setting.Enabled === false) && preferred === method) {
    preferred = undefined;
  }
  return { ...current, enabled: [...enabled], preferred };
}
