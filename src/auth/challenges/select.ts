// Choices: SELECT_MFA_TYPE (which second factor) and SELECT_CHALLENGE (USER_AUTH: which first
// factor). A choice list at a terminal, --select in scripts.

import { createSrpClient } from "../../cognito/crypto/index.js";
import { CliError, ExitCode } from "../../kernel/errors.js";
import type { ChallengeHandler } from "../types.js";

const LABELS: Record<string, string> = {
  SMS_MFA: "Code by SMS",
  SOFTWARE_TOKEN_MFA: "Authenticator app (TOTP)",
  EMAIL_OTP: "Code by email",
  SMS_OTP: "Code by SMS",
  PASSWORD: "Password",
  PASSWORD_SRP: "Password (SRP: the password never leaves this machine)",
  WEB_AUTHN: "Passkey (not supported by cogctl)",
};

function parseList(text: string | undefined): string[] {
  if (!text) return [];
  try {
    const v = JSON.parse(text);
    return Array.isArray(v) ? v.map(String) : [];
  } catch {
    return text
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
  }
}

export const selectMfaType: ChallengeHandler = async (step, _state, env) => {
  const options = parseList(step.ChallengeParameters.MFAS_CAN_CHOOSE);
  const answer = await env.answers.choose(
    "Which second factor?",
    options.map((value) => ({ name: LABELS[value] ?? value, value })),
  );
  return { responses: { ANSWER: answer } };
};

export const selectChallenge: ChallengeHandler = async (step, state, env) => {
  const offered = step.AvailableChallenges?.length
    ? step.AvailableChallenges
    : parseList(step.ChallengeParameters.AvailableChallenges);
  // Passkeys need a browser; offering them would only lead to a dead end.
  const usable = offered.filter((c) => c !== "WEB_AUTHN");
  if (usable.length === 0)
    throw new CliError(
      `The service offers only ${offered.join(", ") || "no"} sign-in methods, which cogctl cannot answer.`,
      ExitCode.OTHER,
    );
  const answer = await env.answers.choose(
    "How do you want to sign in?",
    usable.map((value) => ({ name: LABELS[value] ?? value, value })),
  );
  const responses: Record<string, string> = { ANSWER: answer };
  if (answer === "PASSWORD") responses.PASSWORD = await env.answers.password(state.typedUsername);
  if (answer === "PASSWORD_SRP") {
    state.srp = createSrpClient();
    responses.SRP_A = state.srp.srpA;
  }
  return { responses };
};
