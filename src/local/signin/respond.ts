// RespondToAuthChallenge and AdminRespondToAuthChallenge (COGNITO-FACTS §6): find the session the
// answer belongs to, check it is the challenge that session expects, check the answer, and move on
// with nextStep(). Wrong answers end the session except for codes, which may be retried a few times.
import { verifyClaim, verifyDeviceClaim, verifyTotp } from "../../cognito/crypto/index.js";
import { CodeMismatchException, InvalidParameterException, NotAuthorizedException } from "../errors.js";
import { codeMatches } from "../services/codes.js";
import { srpPoolName } from "../services/ids.js";
import type { LocalServices } from "../services/index.js";
import { type MfaMethod, mfaSettings } from "../services/mfa.js";
import { checkRequired, validateAttributes } from "../services/schema.js";
import type { AuthSession } from "../services/sessions.js";
import type { User } from "../services/users.js";
import { checkSecretHash, clientAndPool } from "./client-auth.js";
import { answerCustomChallenge, continueCustomAfterSrp } from "./custom-auth.js";
import { availableFirstFactors, firstFactor, webAuthnAnswer } from "./initiate.js";
import {
  type AuthResponse,
  challenge,
  type FlowContext,
  mfaChallenge,
  nextStep,
  recordFailedSignIn,
} from "./next-step.js";
import { checkClaimEnvelope, startSrp } from "./srp-step.js";
import { checkAfterPassword, INCORRECT } from "./user-checks.js";

export interface RespondInput {
  ClientId?: string;
  UserPoolId?: string;
  ChallengeName?: string;
  Session?: string;
  ChallengeResponses?: Record<string, string>;
  ClientMetadata?: Record<string, string>;
}

/** How many wrong codes a session survives (the user may mistype). */
const MAX_CODE_ATTEMPTS = 3;

export const INVALID_SESSION = "Invalid session for the user.";

export async function respondToAuthChallenge(
  services: LocalServices,
  baseUrl: string,
  input: RespondInput,
  admin: boolean,
): Promise<AuthResponse> {
  const { client, pool } = clientAndPool(
    services,
    input.ClientId as string,
    admin ? input.UserPoolId : undefined,
  );
  const fc: FlowContext = { services, baseUrl, pool, client };
  const name = input.ChallengeName as string;
  const responses = input.ChallengeResponses ?? {};
  const session = findSession(services, input, responses);
  if (!session || session.clientId !== client.ClientId || session.data.admin !== admin) {
    throw new NotAuthorizedException(INVALID_SESSION);
  }
  if (services.sessions.isExpired(session)) {
    services.sessions.delete(session);
    throw new NotAuthorizedException("Invalid session for the user, session is expired.");
  }
  if (session.data.challenge !== name) {
    throw new InvalidParameterException(
      `Invalid challenge name ${name}: the session expects ${session.data.challenge}.`,
    );
  }
  const data = session.data;

  if (!data.username) {
    // A simulated user (PreventUserExistenceErrors): no answer can be right.
    services.sessions.delete(session);
    throw new NotAuthorizedException(INCORRECT);
  }
  const user = services.users.find(pool, data.username);
  if (!user) {
    services.sessions.delete(session);
    throw new NotAuthorizedException(INCORRECT);
  }
  checkSecretHash(
    client,
    [responses.USERNAME, data.signInName, user.username, user.sub],
    responses.SECRET_HASH,
  );
  if (!user.enabled) throw new NotAuthorizedException("User is disabled.");

  switch (name) {
    case "PASSWORD_VERIFIER":
      return passwordVerifier(fc, user, session, responses);
    case "DEVICE_SRP_AUTH":
      return deviceSrpAuth(fc, user, session, responses);
    case "DEVICE_PASSWORD_VERIFIER":
      return devicePasswordVerifier(fc, user, session, responses);
    case "NEW_PASSWORD_REQUIRED":
      return newPasswordRequired(fc, user, session, responses);
    case "SMS_MFA":
    case "EMAIL_OTP":
    case "SMS_OTP":
      return codeAnswer(fc, user, session, responses[CODE_FIELD[name]]);
    case "SOFTWARE_TOKEN_MFA":
      return totpAnswer(fc, user, session, responses.SOFTWARE_TOKEN_MFA_CODE);
    case "SELECT_MFA_TYPE":
      return selectMfaType(fc, user, session, responses.ANSWER);
    case "MFA_SETUP":
      return mfaSetup(fc, user, session, responses);
    case "CUSTOM_CHALLENGE":
      return answerCustomChallenge(fc, user, session, responses.ANSWER);
    case "SELECT_CHALLENGE":
      return selectChallenge(fc, user, session, responses);
    case "WEB_AUTHN":
      return webAuthnAnswer(fc, user, session.data, responses.CREDENTIAL, session);
    default:
      throw new InvalidParameterException(`Challenge ${name} is not supported by the cogctl local endpoint.`);
  }
}

const CODE_FIELD: Record<string, string> = {
  SMS_MFA: "SMS_MFA_CODE",
  EMAIL_OTP: "EMAIL_OTP_CODE",
  SMS_OTP: "SMS_OTP_CODE",
};

/** By Session, or (SRP clients such as pycognito send none) by the SECRET_BLOCK issued with the challenge. */
function findSession(
  services: LocalServices,
  input: RespondInput,
  responses: Record<string, string>,
): AuthSession | undefined {
  if (input.Session) return services.sessions.find(input.Session);
  const block = responses.PASSWORD_CLAIM_SECRET_BLOCK;
  if (
    block &&
    (input.ChallengeName === "PASSWORD_VERIFIER" || input.ChallengeName === "DEVICE_PASSWORD_VERIFIER")
  ) {
    return services.sessions.findBySecretBlock(block);
  }
  return undefined;
}

async function passwordVerifier(
  fc: FlowContext,
  user: User,
  session: AuthSession,
  responses: Record<string, string>,
) {
  const { services, pool } = fc;
  const claim = checkClaimEnvelope(session, responses, services.clock().getTime());
  const srp = session.data.srp;
  const ok =
    srp !== undefined &&
    verifyClaim(srp, {
      poolName: srpPoolName(pool.id),
      userIdForSrp: user.username,
      secretBlockB64: claim.secretBlock,
      timestamp: claim.timestamp,
      signatureB64: claim.signature,
    });
  if (!ok) {
    services.sessions.delete(session);
    recordFailedSignIn(fc, user);
    throw new NotAuthorizedException(INCORRECT);
  }
  checkAfterPassword(services, pool, user);
  // DEVICE_KEY may arrive with the claim (ACIJ) or with InitiateAuth; an unknown one is an error ACIJ recovers from.
  const deviceKey = responses.DEVICE_KEY || session.data.deviceKey;
  if (deviceKey) services.devices.get(pool, user, deviceKey);
  const data = { ...session.data, srp: undefined, deviceKey, passed: [...session.data.passed, "PASSWORD"] };
  if (data.flow === "CUSTOM_AUTH") return continueCustomAfterSrp(fc, user, data, session);
  return nextStep(fc, user, data, session);
}

function deviceSrpAuth(fc: FlowContext, user: User, session: AuthSession, responses: Record<string, string>) {
  const deviceKey = responses.DEVICE_KEY || session.data.deviceKey;
  if (!deviceKey) throw new InvalidParameterException("Missing required parameter DEVICE_KEY");
  const device = fc.services.devices.get(fc.pool, user, deviceKey);
  if (!device.data.verifier || !device.data.salt)
    throw new NotAuthorizedException("Device is not confirmed.");
  const step = startSrp(responses.SRP_A, { salt: device.data.salt, verifier: device.data.verifier });
  const { response, session: next } = challenge(
    fc,
    { ...session.data, deviceKey, srp: step.state },
    "DEVICE_PASSWORD_VERIFIER",
    {},
    session,
    true,
  );
  response.ChallengeParameters = {
    SRP_B: step.srpB,
    SALT: step.salt,
    SECRET_BLOCK: next.secretBlock as string,
    USERNAME: user.username,
    DEVICE_KEY: deviceKey,
  };
  return response;
}

async function devicePasswordVerifier(
  fc: FlowContext,
  user: User,
  session: AuthSession,
  responses: Record<string, string>,
) {
  const { services, pool } = fc;
  const claim = checkClaimEnvelope(session, responses, services.clock().getTime());
  const device = services.devices.get(pool, user, session.data.deviceKey as string);
  const srp = session.data.srp;
  const ok =
    srp !== undefined &&
    verifyDeviceClaim(
      srp,
      { deviceGroupKey: device.groupKey, deviceKey: device.deviceKey },
      { secretBlockB64: claim.secretBlock, timestamp: claim.timestamp, signatureB64: claim.signature },
    );
  if (!ok) {
    services.sessions.delete(session);
    throw new NotAuthorizedException(INCORRECT);
  }
  return nextStep(
    fc,
    user,
    { ...session.data, srp: undefined, passed: [...session.data.passed, "DEVICE"] },
    session,
  );
}

async function newPasswordRequired(
  fc: FlowContext,
  user: User,
  session: AuthSession,
  responses: Record<string, string>,
) {
  const { services, pool } = fc;
  const password = responses.NEW_PASSWORD;
  if (!password) throw new InvalidParameterException("Missing required parameter NEW_PASSWORD");
  services.passwords.checkPolicy(pool, password);
  const set: Record<string, string> = {};
  for (const [k, v] of Object.entries(responses)) if (k.startsWith("userAttributes.")) set[k.slice(15)] = v;
  const schema = pool.data.SchemaAttributes ?? [];
  const list = Object.entries(set).map(([Name, Value]) => ({ Name, Value }));
  if (list.length) validateAttributes(schema, list, "update");
  checkRequired(schema, { ...user.attributes, ...set });
  let updated = list.length ? services.users.updateAttributes(pool, user, set) : user;
  updated = services.users.setPassword(pool, updated, password, false, "CONFIRMED");
  return nextStep(
    fc,
    updated,
    { ...session.data, passed: [...session.data.passed, "NEW_PASSWORD"] },
    session,
  );
}

/** Counts a wrong code; the session ends after MAX_CODE_ATTEMPTS. */
function wrongCode(fc: FlowContext, session: AuthSession, message: string): never {
  const attempts = (session.data.attempts ?? 0) + 1;
  if (attempts >= MAX_CODE_ATTEMPTS) {
    fc.services.sessions.delete(session);
    throw new NotAuthorizedException(INVALID_SESSION);
  }
  session.data.attempts = attempts;
  fc.services.sessions.save(session);
  throw new CodeMismatchException(message);
}

async function codeAnswer(fc: FlowContext, user: User, session: AuthSession, code: string | undefined) {
  if (!code)
    throw new InvalidParameterException(`Missing required parameter ${CODE_FIELD[session.data.challenge]}`);
  if (!session.data.codeHash || !codeMatches(code, session.data.codeHash)) {
    wrongCode(fc, session, "Invalid code or auth state for the user.");
  }
  // As a first factor (USER_AUTH) the code proves the user; as MFA it is the second factor.
  const passed = session.data.otpFirstFactor ? ["PASSWORD", "MFA"] : ["MFA"];
  if (session.data.otpFirstFactor) checkAfterPassword(fc.services, fc.pool, user);
  return nextStep(
    fc,
    user,
    { ...session.data, codeHash: undefined, passed: [...session.data.passed, ...passed] },
    session,
  );
}

async function totpAnswer(fc: FlowContext, user: User, session: AuthSession, code: string | undefined) {
  if (!code) throw new InvalidParameterException("Missing required parameter SOFTWARE_TOKEN_MFA_CODE");
  const secret = mfaSettings(user).totp?.secret;
  if (!secret || !verifyTotp(secret, code, fc.services.clock()))
    wrongCode(fc, session, "Invalid code received for user");
  return nextStep(fc, user, { ...session.data, passed: [...session.data.passed, "MFA"] }, session);
}

function selectMfaType(fc: FlowContext, user: User, session: AuthSession, answer: string | undefined) {
  const choices = ["SMS_MFA", "SOFTWARE_TOKEN_MFA", "EMAIL_OTP"];
  if (!answer || !choices.includes(answer)) {
    throw new InvalidParameterException("ANSWER must be SMS_MFA, SOFTWARE_TOKEN_MFA or EMAIL_OTP");
  }
  return mfaChallenge(fc, user, session.data, answer as MfaMethod, session);
}

async function mfaSetup(
  fc: FlowContext,
  user: User,
  session: AuthSession,
  responses: Record<string, string>,
) {
  if (responses.EMAIL) {
    // Email MFA set up during sign-in: the address is saved and proven by an EMAIL_OTP code.
    const updated = fc.services.users.updateAttributes(fc.pool, user, { email: responses.EMAIL });
    const withMfa = fc.services.users.modify(fc.pool, updated, (u) => {
      const s = mfaSettings(u);
      u.data.mfa = { ...s, enabled: [...new Set([...(s.enabled ?? []), "EMAIL_OTP"])] };
    });
    return mfaChallenge(fc, withMfa, session.data, "EMAIL_OTP", session);
  }
  if (!session.data.totpVerified) {
    throw new InvalidParameterException(
      "Software token MFA has not been verified: call VerifySoftwareToken with this Session first.",
    );
  }
  return nextStep(fc, user, { ...session.data, passed: [...session.data.passed, "MFA"] }, session);
}

function selectChallenge(
  fc: FlowContext,
  user: User,
  session: AuthSession,
  responses: Record<string, string>,
) {
  const answer = responses.ANSWER;
  if (!answer || !availableFirstFactors(fc, user).includes(answer)) {
    throw new InvalidParameterException(
      `ANSWER ${answer ?? "(missing)"} is not one of the available challenges.`,
    );
  }
  return firstFactor(fc, user, { ...session.data, challenge: "" }, answer, responses, session);
}
