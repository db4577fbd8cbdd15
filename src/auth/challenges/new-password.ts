// NEW_PASSWORD_REQUIRED: a user created by an administrator (FORCE_CHANGE_PASSWORD) sets their own
// password, checked against the pool's policy before sending, and fills in the attributes the pool
// requires that are still empty.

import type { ChallengeHandler } from "../types.js";
import { signInName } from "../user-names.js";

function parseJson<T>(text: string | undefined, fallback: T): T {
  if (!text) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

export const newPasswordRequired: ChallengeHandler = async (step, state, env) => {
  const p = step.ChallengeParameters;
  env.ui.info(`A new password is required for ${signInName(state)}.`);
  const current = parseJson<Record<string, string>>(p.userAttributes, {});
  const required = parseJson<string[]>(p.requiredAttributes, []).map((n) =>
    n.replace(/^userAttributes\./, ""),
  );
  const check = await env.passwordCheck();
  const responses: Record<string, string> = { NEW_PASSWORD: await env.answers.newPassword(check) };
  for (const name of required) {
    if (current[name]) continue;
    responses[`userAttributes.${name}`] = await env.answers.attribute(name);
  }
  return { responses };
};
