// The one-time-code challenges: SMS_MFA, EMAIL_OTP, SMS_OTP (code sent by the service: say where)
// and SOFTWARE_TOKEN_MFA (code from an authenticator app, or computed from --totp-secret).
import type { ChallengeHandler } from "../types.js";

const RESPONSE_KEY: Record<string, string> = {
  SMS_MFA: "SMS_MFA_CODE",
  EMAIL_OTP: "EMAIL_OTP_CODE",
  SMS_OTP: "SMS_OTP_CODE",
};

export const sentCode: ChallengeHandler = async (step, _state, env) => {
  const name = step.ChallengeName as string;
  const p = step.ChallengeParameters;
  const medium = (p.CODE_DELIVERY_DELIVERY_MEDIUM ?? (name === "EMAIL_OTP" ? "EMAIL" : "SMS")).toLowerCase();
  const where = p.CODE_DELIVERY_DESTINATION ? ` to ${p.CODE_DELIVERY_DESTINATION}` : "";
  env.ui.info(`A code was sent by ${medium === "email" ? "email" : "SMS"}${where}.`);
  const answer = await env.answers.code(`Code sent by ${medium === "email" ? "email" : "SMS"}${where}:`, {
    challenge: name,
    medium,
    destination: p.CODE_DELIVERY_DESTINATION,
  });
  return { responses: { [RESPONSE_KEY[name]]: answer.code }, retryable: answer.typed };
};

export const softwareTokenMfa: ChallengeHandler = async (step, _state, env) => {
  const device = step.ChallengeParameters.FRIENDLY_DEVICE_NAME;
  const answer = await env.answers.code(`Code from your authenticator app${device ? ` (${device})` : ""}:`, {
    totp: true,
    challenge: "SOFTWARE_TOKEN_MFA",
  });
  return { responses: { SOFTWARE_TOKEN_MFA_CODE: answer.code }, retryable: answer.typed };
};
