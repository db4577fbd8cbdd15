// The sign-in engine: start the flow, then answer challenges from the handler table until the
// service hands out tokens. Handlers only produce answers; the engine adds what every response
// carries (USERNAME, SECRET_HASH, DEVICE_KEY, Session), re-asks a mistyped code, and restarts once
// without the device when the service no longer knows a remembered one.

import type { DeviceSecret } from "../cognito/crypto/index.js";
import { CliError, ExitCode, ServiceError } from "../kernel/errors.js";
import { challengeHandlers } from "./challenges/index.js";
import { startFlow } from "./flows.js";
import type { AuthenticationResult, AuthStep, EngineEnv, SignInState } from "./types.js";

/** More rounds than any real sign-in needs; a custom-challenge trigger that never ends stops here. */
const MAX_ROUNDS = 25;
/** A person gets three tries at a code before the error stands. */
const MAX_CODE_TRIES = 3;

export interface SignInResult {
  result: AuthenticationResult;
  /** USERNAME as the service last named it (the real username after SRP). */
  username: string;
  /** The remembered device that proved itself (device SRP), if any. */
  deviceKey?: string;
  /** A stored device sent along that the service did not ask to prove: it no longer remembers it. */
  staleDevice?: DeviceSecret;
  challenges: string[];
  /** An authenticator app was enrolled (MFA_SETUP by TOTP): --totp-secret-out was used. */
  totpEnrolled: boolean;
}

export async function signIn(typedUsername: string, env: EngineEnv): Promise<SignInResult> {
  const state: SignInState = {
    typedUsername,
    username: typedUsername,
    device: await env.findDevice(typedUsername),
  };
  try {
    return await run(state, env);
  } catch (err) {
    if (!isUnknownDevice(err) || !state.device) throw err;
    env.ui.info("The service no longer knows this machine's remembered device; signing in without it.");
    await env.onDeviceRejected?.(state.device);
    return run({ typedUsername, username: typedUsername }, { ...env, findDevice: async () => undefined });
  }
}

async function run(state: SignInState, env: EngineEnv): Promise<SignInResult> {
  let step: AuthStep = await startFlow(state, env);
  const challenges: string[] = [];
  for (let round = 0; round < MAX_ROUNDS; round++) {
    if (step.AuthenticationResult)
      return {
        result: step.AuthenticationResult,
        username: state.username,
        // Only a device that proved itself counts; a stored one the service ignored is stale.
        deviceKey: challenges.includes("DEVICE_PASSWORD_VERIFIER") ? state.device?.deviceKey : undefined,
        staleDevice:
          state.device && !challenges.includes("DEVICE_PASSWORD_VERIFIER") ? state.device : undefined,
        challenges,
        totpEnrolled: state.totpEnrolled === true,
      };
    const name = step.ChallengeName;
    const handler = name ? challengeHandlers[name] : undefined;
    if (!name || !handler)
      throw new CliError(
        `The service answered with ${name ? `challenge ${name}, which cogctl cannot answer` : "neither tokens nor a challenge"}.`,
        ExitCode.OTHER,
      );
    challenges.push(name);
    const params = step.ChallengeParameters ?? {};
    // The service names the user in each challenge; later responses must use that name.
    if (params.USERNAME && name !== "PASSWORD_VERIFIER") state.username = params.USERNAME;
    step = await answer({ ...step, ChallengeName: name, ChallengeParameters: params }, state, env);
  }
  throw new CliError(`Sign-in did not finish after ${MAX_ROUNDS} challenges.`, ExitCode.OTHER);
}

async function answer(
  step: AuthStep & { ChallengeName: string; ChallengeParameters: Record<string, string> },
  state: SignInState,
  env: EngineEnv,
): Promise<AuthStep> {
  const handler = challengeHandlers[step.ChallengeName];
  for (let attempt = 1; ; attempt++) {
    const reply = await handler(step, state, env);
    const responses: Record<string, string> = { ...reply.responses, USERNAME: state.username };
    env.hasher.add(responses, state.username);
    if (state.device && !responses.DEVICE_KEY) responses.DEVICE_KEY = state.device.deviceKey;
    const input = {
      ChallengeName: step.ChallengeName,
      ClientId: env.options.clientId,
      ChallengeResponses: responses,
      Session: reply.session ?? step.Session,
    };
    try {
      if (env.options.flow === "admin-password")
        return await env.call("AdminRespondToAuthChallenge", {
          ...input,
          UserPoolId: env.options.userPoolId,
        });
      return await env.call("RespondToAuthChallenge", input);
    } catch (err) {
      if (!(reply.retryable && attempt < MAX_CODE_TRIES && isWrongCode(err))) throw err;
      env.ui.info("That code was not accepted; try again.");
    }
  }
}

function isWrongCode(err: unknown): boolean {
  return err instanceof ServiceError && err.code === "CodeMismatchException";
}

function isUnknownDevice(err: unknown): boolean {
  return (
    err instanceof ServiceError &&
    err.code === "ResourceNotFoundException" &&
    /device/i.test(err.serviceMessage)
  );
}
