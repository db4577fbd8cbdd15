// CUSTOM_CHALLENGE: whatever the pool's Create/Verify Auth Challenge triggers ask. The parameters
// are shown (they are the question), the answer read, and the engine loops until tokens arrive.
import type { ChallengeHandler } from "../types.js";

export const customChallenge: ChallengeHandler = async (step, _state, env) => {
  const shown = Object.entries(step.ChallengeParameters).filter(([k]) => k !== "USERNAME");
  if (shown.length) env.ui.info(`Challenge: ${shown.map(([k, v]) => `${k}=${v}`).join(", ")}`);
  const question = step.ChallengeParameters.question ?? step.ChallengeParameters.QUESTION;
  const answer = await env.answers.customAnswer(question ? `${question}` : "Answer:");
  return { responses: { ANSWER: answer }, retryable: false };
};
