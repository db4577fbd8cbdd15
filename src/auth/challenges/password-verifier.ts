// PASSWORD_VERIFIER (COGNITO-FACTS §3): prove the password with the SRP client started by the flow.
// The service now names the real username (USER_ID_FOR_SRP), which is also the key of a remembered
// device when the user typed an alias.

import { poolNameFromPoolId } from "../../cognito/crypto/index.js";
import { CliError, ExitCode } from "../../kernel/errors.js";
import type { ChallengeHandler } from "../types.js";

export const passwordVerifier: ChallengeHandler = async (step, state, env) => {
  const p = step.ChallengeParameters;
  if (!state.srp)
    throw new CliError(
      "The service asked for an SRP proof in a flow that did not start SRP.",
      ExitCode.OTHER,
    );
  const userId = p.USER_ID_FOR_SRP ?? p.USERNAME ?? state.username;
  state.username = userId;
  state.device ??= await env.findDevice(userId);
  const password = await env.answers.password(state.typedUsername);
  const claim = state.srp.respond(
    { SALT: p.SALT, SRP_B: p.SRP_B, SECRET_BLOCK: p.SECRET_BLOCK, USER_ID_FOR_SRP: userId },
    password,
    poolNameFromPoolId(env.options.userPoolId),
    env.clock(),
  );
  return { responses: { ...claim } };
};
