// MFA_SETUP: the pool requires MFA and the user has none yet. TOTP: enrol an authenticator with the
// sign-in Session (totp-setup.ts), whose new Session then answers the challenge. Email: send the
// address codes should go to.

import { enrolTotp } from "../totp-setup.js";
import type { ChallengeAnswer, ChallengeHandler } from "../types.js";
import { signInName } from "../user-names.js";

function parseList(text: string | undefined): string[] {
  try {
    const v = JSON.parse(text ?? "[]");
    return Array.isArray(v) ? v.map(String) : [];
  } catch {
    return [];
  }
}

export const mfaSetup: ChallengeHandler = async (step, state, env): Promise<ChallengeAnswer> => {
  const offered = parseList(step.ChallengeParameters.MFAS_CAN_SETUP);
  // Cognito lists SMS_MFA here too, but SMS is set up by a verified phone number, not in sign-in.
  const usable = offered.filter((m) => m === "SOFTWARE_TOKEN_MFA" || m === "EMAIL_OTP");
  const choices = (usable.length ? usable : ["SOFTWARE_TOKEN_MFA"]).map((value) => ({
    name: value === "EMAIL_OTP" ? "Codes by email" : "Authenticator app (TOTP)",
    value,
  }));
  env.ui.info(`The pool requires MFA and ${signInName(state)} has none set up yet.`);
  const method = await env.answers.choose("Set up which second factor?", choices);
  if (method === "EMAIL_OTP") {
    const email =
      env.options.setupEmail ?? (await env.answers.ask("Email address for sign-in codes:", "--setup-email"));
    return { responses: { EMAIL: email } };
  }
  const session = await enrolTotp({
    call: env.call,
    answers: env.answers,
    ui: env.ui,
    clock: env.clock,
    auth: { Session: step.Session },
    // The authenticator lists the account under the name the person signs in with, not a UUID.
    account: state.typedUsername,
    totpSecretOut: env.options.totpSecretOut,
    deviceName: env.options.totpDeviceName,
  });
  state.totpEnrolled = true;
  return { responses: {}, session };
};
