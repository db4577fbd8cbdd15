// The pool's MFA configuration (Get/SetUserPoolMfaConfig). MfaConfiguration and the SMS settings
// live in the pool document (DescribeUserPool shows them); TOTP, email and WebAuthn settings are a
// pool resource. Auth code asks mfaConfig(services, pool) which factors are on.
import type { LocalServices } from "./index.js";
import type { Pool } from "./pools.js";

export interface MfaExtras {
  SoftwareTokenMfaConfiguration?: { Enabled?: boolean };
  EmailMfaConfiguration?: { Message?: string; Subject?: string };
  WebAuthnConfiguration?: { RelyingPartyId?: string; UserVerification?: string };
}

export function mfaConfig(services: LocalServices, pool: Pool) {
  const extras = services.resources.get<MfaExtras>(pool.id, "mfa-config", "")?.data ?? {};
  const sms = pool.data.SmsConfiguration;
  return {
    MfaConfiguration: pool.data.MfaConfiguration ?? "OFF",
    ...(sms || pool.data.SmsAuthenticationMessage
      ? {
          SmsMfaConfiguration: {
            ...(pool.data.SmsAuthenticationMessage
              ? { SmsAuthenticationMessage: pool.data.SmsAuthenticationMessage }
              : {}),
            ...(sms ? { SmsConfiguration: sms } : {}),
          },
        }
      : {}),
    SoftwareTokenMfaConfiguration: { Enabled: extras.SoftwareTokenMfaConfiguration?.Enabled ?? false },
    ...(extras.EmailMfaConfiguration ? { EmailMfaConfiguration: extras.EmailMfaConfiguration } : {}),
    WebAuthnConfiguration: { UserVerification: "preferred", ...extras.WebAuthnConfiguration },
  };
}
