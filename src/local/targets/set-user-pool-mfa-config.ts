// SetUserPoolMfaConfig: MFA ON/OPTIONAL needs at least one factor; members left out keep their value,
// like the service.
import type { SetUserPoolMfaConfigRequest } from "@aws-sdk/client-cognito-identity-provider";
import { InvalidParameterException } from "../errors.js";
import { type MfaExtras, mfaConfig } from "../services/mfa-config.js";
import { defineTarget } from "./target.js";

export default defineTarget<SetUserPoolMfaConfigRequest>((input, { services }) => {
  const poolId = input.UserPoolId as string;
  const pool = services.pools.get(poolId);
  const old = services.resources.get<MfaExtras>(poolId, "mfa-config", "")?.data ?? {};
  const extras: MfaExtras = {
    SoftwareTokenMfaConfiguration: input.SoftwareTokenMfaConfiguration ?? old.SoftwareTokenMfaConfiguration,
    EmailMfaConfiguration: input.EmailMfaConfiguration ?? old.EmailMfaConfiguration,
    WebAuthnConfiguration: input.WebAuthnConfiguration ?? old.WebAuthnConfiguration,
  };
  const mode = input.MfaConfiguration ?? pool.data.MfaConfiguration ?? "OFF";
  const sms =
    input.SmsMfaConfiguration ??
    (pool.data.SmsConfiguration ? { SmsConfiguration: pool.data.SmsConfiguration } : undefined);
  const anyFactor =
    Boolean(sms?.SmsConfiguration) ||
    extras.SoftwareTokenMfaConfiguration?.Enabled === true ||
    Boolean(extras.EmailMfaConfiguration);
  if (mode !== "OFF" && !anyFactor) {
    throw new InvalidParameterException(
      "Invalid MFA configuration given, can't turn off all MFAs and set MFA configuration to ON or OPTIONAL.",
    );
  }
  const tx = services.db.transaction(() => {
    services.pools.update(poolId, (p) => {
      p.data.MfaConfiguration = mode;
      if (input.SmsMfaConfiguration) {
        p.data.SmsConfiguration = input.SmsMfaConfiguration.SmsConfiguration;
        p.data.SmsAuthenticationMessage = input.SmsMfaConfiguration.SmsAuthenticationMessage;
      }
    });
    services.resources.put(poolId, "mfa-config", "", extras);
  });
  tx.immediate();
  return mfaConfig(services, services.pools.get(poolId));
});
