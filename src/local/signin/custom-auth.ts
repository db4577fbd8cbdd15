// CUSTOM_AUTH without AWS Lambda. In AWS, the pool's LambdaConfig names three functions (Define,
// Create and Verify Auth Challenge). Locally, the function name in each ARN names a JavaScript
// module in the directory $COGCTL_LOCAL_LAMBDA_DIR: for
// `arn:aws:lambda:us-east-1:000000000000:function:define-challenge` the endpoint imports
// `$COGCTL_LOCAL_LAMBDA_DIR/define-challenge.mjs` (or .js) and calls its `handler(event)` with the
// trigger event Lambda would receive, using the returned event's `response` exactly as Cognito does.
// Without a trigger, or without a module for it, the answer is a modelled error saying how to set it up.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { InvalidParameterException, NotAuthorizedException } from "../errors.js";
import type { AuthSession, SessionData } from "../services/sessions.js";
import type { User } from "../services/users.js";
import { InvalidLambdaResponseException, UnexpectedLambdaException } from "./errors.js";
import { type AuthResponse, challenge, type FlowContext, nextStep } from "./next-step.js";
import { INCORRECT } from "./user-checks.js";

export const LAMBDA_DIR_ENV = "COGCTL_LOCAL_LAMBDA_DIR";

type Trigger = "DefineAuthChallenge" | "CreateAuthChallenge" | "VerifyAuthChallengeResponse";

interface ChallengeResult {
  challengeName: string;
  challengeResult: boolean;
  challengeMetadata?: string;
}

type Handler = (event: Record<string, unknown>) => Promise<Record<string, unknown>> | Record<string, unknown>;

/** The local module standing in for the Lambda function a LambdaConfig ARN names. */
async function loadTrigger(fc: FlowContext, trigger: Trigger): Promise<Handler> {
  const arn = (fc.pool.data.LambdaConfig as Record<string, string | undefined> | undefined)?.[trigger];
  if (!arn) {
    throw new InvalidParameterException(
      `Custom auth lambda trigger is not configured for the user pool. (cogctl local: set LambdaConfig.${trigger} to an ARN whose function name has a module in $${LAMBDA_DIR_ENV}.)`,
    );
  }
  const fn = arn.split(":function:")[1]?.split(":")[0] ?? arn.slice(arn.lastIndexOf(":") + 1);
  const dir = process.env[LAMBDA_DIR_ENV];
  const file = dir ? [".mjs", ".js"].map((ext) => join(dir, fn + ext)).find((f) => existsSync(f)) : undefined;
  if (!file) {
    throw new UnexpectedLambdaException(
      `cogctl local cannot run Lambda function ${fn} (${trigger}): put a module exporting handler(event) at $${LAMBDA_DIR_ENV}/${fn}.mjs`,
    );
  }
  const mod = (await import(pathToFileURL(file).href)) as { handler?: Handler; default?: Handler };
  const handler = mod.handler ?? mod.default;
  if (typeof handler !== "function")
    throw new UnexpectedLambdaException(`${file} does not export handler(event).`);
  return handler;
}

async function invoke(
  fc: FlowContext,
  trigger: Trigger,
  user: User,
  data: SessionData,
  request: Record<string, unknown>,
) {
  const handler = await loadTrigger(fc, trigger);
  const event = {
    version: "1",
    region: fc.services.region,
    userPoolId: fc.pool.id,
    userName: user.username,
    callerContext: { awsSdkVersion: "cogctl-local", clientId: fc.client.ClientId },
    triggerSource: `${trigger}_Authentication`,
    request: {
      userAttributes: { ...user.attributes },
      clientMetadata: data.clientMetadata ?? {},
      ...request,
    },
    response: {},
  };
  let out: Record<string, unknown>;
  try {
    out = await handler(event);
  } catch (err) {
    throw new UnexpectedLambdaException(
      `${trigger} failed with error ${err instanceof Error ? err.message : String(err)}.`,
    );
  }
  const response = (out ?? event).response;
  if (!response || typeof response !== "object")
    throw new InvalidLambdaResponseException(`Invalid ${trigger} Lambda response.`);
  return response as Record<string, unknown>;
}

/** Asks Define Auth Challenge what comes next, given the challenges answered so far. */
async function define(
  fc: FlowContext,
  user: User,
  data: SessionData,
  previous?: AuthSession,
): Promise<AuthResponse> {
  const history = (data.custom?.history ?? []) as ChallengeResult[];
  const decision = await invoke(fc, "DefineAuthChallenge", user, data, {
    session: history,
    userNotFound: false,
  });
  if (decision.failAuthentication === true) {
    if (previous) fc.services.sessions.delete(previous);
    throw new NotAuthorizedException(INCORRECT);
  }
  if (decision.issueTokens === true) {
    // The custom challenges replace the password and MFA steps.
    return nextStep(fc, user, { ...data, passed: [...data.passed, "PASSWORD", "CUSTOM", "MFA"] }, previous);
  }
  if (decision.challengeName !== "CUSTOM_CHALLENGE") {
    throw new InvalidLambdaResponseException(
      `cogctl local supports challengeName CUSTOM_CHALLENGE from DefineAuthChallenge (start CUSTOM_AUTH with SRP_A for a password step); got ${String(decision.challengeName)}.`,
    );
  }
  const created = await invoke(fc, "CreateAuthChallenge", user, data, {
    challengeName: "CUSTOM_CHALLENGE",
    session: history,
  });
  const publicParameters = (created.publicChallengeParameters ?? {}) as Record<string, string>;
  const custom = {
    history,
    publicParameters,
    privateParameters: (created.privateChallengeParameters ?? {}) as Record<string, string>,
    metadata: created.challengeMetadata as string | undefined,
  };
  return challenge(
    fc,
    { ...data, custom },
    "CUSTOM_CHALLENGE",
    { ...publicParameters, USERNAME: user.username },
    previous,
  ).response;
}

/** CUSTOM_AUTH started without SRP. */
export function startCustomAuth(fc: FlowContext, user: User, data: SessionData): Promise<AuthResponse> {
  return define(fc, user, { ...data, custom: { history: [] } });
}

/** CUSTOM_AUTH started with SRP: the password has just been proven. */
export function continueCustomAfterSrp(
  fc: FlowContext,
  user: User,
  data: SessionData,
  previous: AuthSession,
) {
  const history: ChallengeResult[] = [
    { challengeName: "SRP_A", challengeResult: true },
    { challengeName: "PASSWORD_VERIFIER", challengeResult: true },
  ];
  return define(fc, user, { ...data, custom: { history } }, previous);
}

/** RespondToAuthChallenge CUSTOM_CHALLENGE: Verify Auth Challenge Response, then Define again. */
export async function answerCustomChallenge(
  fc: FlowContext,
  user: User,
  session: AuthSession,
  answer: string | undefined,
): Promise<AuthResponse> {
  if (answer === undefined) throw new InvalidParameterException("Missing required parameter ANSWER");
  const data = session.data;
  const custom = (data.custom ?? { history: [] }) as {
    history: ChallengeResult[];
    privateParameters?: Record<string, string>;
    metadata?: string;
  };
  const verdict = await invoke(fc, "VerifyAuthChallengeResponse", user, data, {
    privateChallengeParameters: custom.privateParameters ?? {},
    challengeAnswer: answer,
  });
  const history = [
    ...custom.history,
    {
      challengeName: "CUSTOM_CHALLENGE",
      challengeResult: verdict.answerCorrect === true,
      challengeMetadata: custom.metadata,
    },
  ];
  return define(fc, user, { ...data, custom: { history } }, session);
}
