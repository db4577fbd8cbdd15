// DEVICE_SRP_AUTH and DEVICE_PASSWORD_VERIFIER (COGNITO-FACTS §4): a remembered device proves
// itself with its own SRP exchange (group key as pool name, device key as user, random password),
// and the service then skips MFA.

import { createSrpClient, respondToDeviceChallenge } from "../../cognito/crypto/index.js";
import { CliError, ExitCode } from "../../kernel/errors.js";
import type { ChallengeHandler } from "../types.js";

function noDevice(): never {
  throw new CliError(
    "The service asked for device authentication, but no remembered device is stored for this user. Sign in again without DEVICE_KEY or run 'cogctl auth devices forget'.",
    ExitCode.OTHER,
  );
}

export const deviceSrpAuth: ChallengeHandler = async (_step, state) => {
  if (!state.device) noDevice();
  state.deviceSrp = createSrpClient();
  return { responses: { SRP_A: state.deviceSrp.srpA } };
};

export const devicePasswordVerifier: ChallengeHandler = async (step, state, env) => {
  if (!state.device || !state.deviceSrp) noDevice();
  const p = step.ChallengeParameters;
  const claim = respondToDeviceChallenge(
    state.deviceSrp,
    { SALT: p.SALT, SRP_B: p.SRP_B, SECRET_BLOCK: p.SECRET_BLOCK },
    state.device,
    env.clock(),
  );
  return { responses: { ...claim } };
};
