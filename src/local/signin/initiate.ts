// InitiateAuth and AdminInitiateAuth (COGNITO-FACTS §5): one function for both, because the flows
// are the same apart from which AuthFlow values each accepts and the pool check of the admin form.
import { InvalidParameterException, NotAuthorizedException } from "../errors.js";
import type { LocalServices } from "../services/index.js";
import type { AuthSession, SessionData } from "../services/sessions.js";
import { TokensService } from "../services/tokens.js";
import type { User } from "../services/users.js";
import { checkFlowAllowed, checkSecretHash, clientAndPool } from "./client-auth.js";
import { startCustomAuth } from "./custom-auth.js";
import {
  type AuthResponse,
  challenge,
  type FlowContext,
  mfaChallenge,
  nextStep,
  recordFailedSignIn,
} from "./next-step.js";
import { simulatedVerifier, startSrp } from "./srp-step.js";
import { checkAfterPassword, checkBeforePassword, hidesUsers, INCORRECT, signInUser } from "./user-checks.js";

export interface InitiateInput {
  AuthFlow?: string;
  ClientId?: string;
  UserPoolId?: string;
  AuthParameters?: Record<string, string>;
  ClientMetadata?: Record<string, string>;
  /** GetTokensFromRefreshToken authenticates the client by ClientSecret, not SECRET_HASH. */
  clientSecretChecked?: boolean;
}

const USER_FLOWS = new Set([
  "USER_SRP_AUTH",
  "USER_PASSWORD_AUTH",
  "REFRESH_TOKEN_AUTH",
  "REFRESH_TOKEN",
  "CUSTOM_AUTH",
  "USER_AUTH",
]);
const ADMIN_FLOWS = new Set([...USER_FLOWS, "ADMIN_USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH"]);
/** The first factors USER_AUTH can offer (WEB_AUTHN once the user has registered a passkey). */
const USER_AUTH_FACTORS = ["PASSWORD", "PASSWORD_SRP", "WEB_AUTHN", "EMAIL_OTP", "SMS_OTP"];

export async function initiateAuth(
  services: LocalServices,
  baseUrl: string,
  input: InitiateInput,
  admin: boolean,
): Promise<AuthResponse> {
  const flow = input.AuthFlow as string;
  if (!(admin ? ADMIN_FLOWS : USER_FLOWS).has(flow)) {
    throw new InvalidParameterException(`Initiate Auth method not supported: ${flow}`);
  }
  const { client, pool } = clientAndPool(
    services,
    input.ClientId as string,
    admin ? input.UserPoolId : undefined,
  );
  checkFlowAllowed(client, flow);
  const fc: FlowContext = { services, baseUrl, pool, client };
  const params = input.AuthParameters ?? {};

  if (flow === "REFRESH_TOKEN_AUTH" || flow === "REFRESH_TOKEN")
    return refresh(fc, params, input.clientSecretChecked === true);

  const name = params.USERNAME;
  if (!name) throw new InvalidParameterException("Missing required parameter USERNAME");
  const base: SessionData = {
    challenge: "",
    signInName: name,
    admin,
    flow,
    passed: [],
    deviceKey: params.DEVICE_KEY || undefined,
    clientMetadata: input.ClientMetadata,
  };

  // Unknown users of a client that hides user existence get a simulated SRP step (stable salt).
  const found = services.users.find(pool, name);
  if (!found && hidesUsers(client) && (flow === "USER_SRP_AUTH" || params.SRP_A)) {
    checkSecretHash(client, [name], params.SECRET_HASH);
    const step = startSrp(params.SRP_A, simulatedVerifier(pool.id, name));
    return srpChallenge(fc, { ...base, srp: step.state }, name, step.srpB, step.salt);
  }
  const user = found ?? signInUser(services, pool, client, name);
  checkSecretHash(client, [name, user.username, user.sub], params.SECRET_HASH);
  const data: SessionData = { ...base, username: user.username };

  switch (flow) {
    case "USER_SRP_AUTH":
      return srpStart(fc, user, data, params.SRP_A);
    case "USER_PASSWORD_AUTH":
    case "ADMIN_USER_PASSWORD_AUTH":
    case "ADMIN_NO_SRP_AUTH":
      return passwordSignIn(fc, user, data, params.PASSWORD);
    case "CUSTOM_AUTH":
      // CUSTOM_AUTH may begin with SRP (CHALLENGE_NAME=SRP_A); the custom challenges follow the password.
      if (params.SRP_A) return srpStart(fc, user, data, params.SRP_A);
      checkBeforePassword(user, false);
      return startCustomAuth(fc, user, data);
    default:
      return userAuth(fc, user, data, params);
  }
}

function srpStart(fc: FlowContext, user: User, data: SessionData, srpA: string | undefined): AuthResponse {
  checkBeforePassword(user);
  const stored = user.password as { salt: string; verifier: string };
  const step = startSrp(srpA, stored);
  return srpChallenge(fc, { ...data, srp: step.state }, user.username, step.srpB, step.salt);
}

function srpChallenge(
  fc: FlowContext,
  data: SessionData,
  userIdForSrp: string,
  srpB: string,
  salt: string,
): AuthResponse {
  const { response, session } = challenge(fc, data, "PASSWORD_VERIFIER", {}, undefined, true);
  response.ChallengeParameters = {
    SALT: salt,
    SRP_B: srpB,
    SECRET_BLOCK: session.secretBlock as string,
    USERNAME: userIdForSrp,
    USER_ID_FOR_SRP: userIdForSrp,
  };
  return response;
}

/** Password sent in the clear (USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH, USER_AUTH PASSWORD). */
export async function passwordSignIn(
  fc: FlowContext,
  user: User,
  data: SessionData,
  password: string | undefined,
): Promise<AuthResponse> {
  if (!password) throw new InvalidParameterException("Missing required parameter PASSWORD");
  checkBeforePassword(user);
  if (!fc.services.users.checkPassword(fc.pool, user, password)) {
    recordFailedSignIn(fc, user);
    throw new NotAuthorizedException(INCORRECT);
  }
  checkAfterPassword(fc.services, fc.pool, user);
  if (data.deviceKey) fc.services.devices.get(fc.pool, user, data.deviceKey);
  return nextStep(fc, user, { ...data, passed: [...data.passed, "PASSWORD"] });
}

/** USER_AUTH: the preferred first factor, or SELECT_CHALLENGE with what the pool and user allow. */
async function userAuth(
  fc: FlowContext,
  user: User,
  data: SessionData,
  params: Record<string, string>,
): Promise<AuthResponse> {
  if (!user.enabled) throw new NotAuthorizedException("User is disabled.");
  const available = availableFirstFactors(fc, user);
  const preferred = params.PREFERRED_CHALLENGE;
  if (preferred) {
    if (!available.includes(preferred)) {
      throw new InvalidParameterException(
        `The preferred challenge ${preferred} is not available for this user.`,
      );
    }
    return firstFactor(fc, user, data, preferred, params);
  }
  // With a passkey on offer, SELECT_CHALLENGE already carries the request options, so the client
  // can answer ANSWER=WEB_AUTHN with the CREDENTIAL in one step.
  let parameters: Record<string, string> = {};
  let selectData = data;
  if (available.includes("WEB_AUTHN")) {
    const { options, challenge: webauthnChallenge } = await fc.services.webauthn.authenticationOptions(
      fc.pool,
      user,
      fc.services.region,
    );
    parameters = { CREDENTIAL_REQUEST_OPTIONS: JSON.stringify(options) };
    selectData = { ...data, webauthnChallenge };
  }
  const { response } = challenge(fc, selectData, "SELECT_CHALLENGE", parameters);
  return { ...response, AvailableChallenges: available };
}

export function availableFirstFactors(fc: FlowContext, user: User): string[] {
  const policy = (
    fc.pool.data.Policies as { SignInPolicy?: { AllowedFirstAuthFactors?: string[] } } | undefined
  )?.SignInPolicy;
  const allowed = new Set(policy?.AllowedFirstAuthFactors ?? ["PASSWORD"]);
  return USER_AUTH_FACTORS.filter((f) => {
    if (f === "PASSWORD" || f === "PASSWORD_SRP") return allowed.has("PASSWORD") && Boolean(user.password);
    if (f === "WEB_AUTHN") return allowed.has("WEB_AUTHN") && passkeyReady(fc, user);
    if (f === "EMAIL_OTP") return allowed.has("EMAIL_OTP") && Boolean(user.attributes.email);
    return allowed.has("SMS_OTP") && Boolean(user.attributes.phone_number);
  });
}

/** Starts the chosen first factor of USER_AUTH (from PREFERRED_CHALLENGE or SELECT_CHALLENGE's ANSWER). */
export function firstFactor(
  fc: FlowContext,
  user: User,
  data: SessionData,
  factor: string,
  values: Record<string, string>,
  previous?: AuthSession,
): Promise<AuthResponse> | AuthResponse {
  if (previous) fc.services.sessions.delete(previous);
  if (factor === "PASSWORD") return passwordSignIn(fc, user, data, values.PASSWORD);
  if (factor === "PASSWORD_SRP") return srpStart(fc, user, data, values.SRP_A);
  checkBeforePassword(user, false);
  if (factor === "WEB_AUTHN") {
    // SELECT_CHALLENGE issued the request options: its answer may carry the signed CREDENTIAL.
    if (values.CREDENTIAL && data.webauthnChallenge) return webAuthnAnswer(fc, user, data, values.CREDENTIAL);
    return webAuthnChallenge(fc, user, data);
  }
  // A one-time code as the first factor proves the user and replaces MFA (passwordless sign-in).
  return mfaChallenge(
    fc,
    user,
    { ...data, otpFirstFactor: true },
    factor === "EMAIL_OTP" ? "EMAIL_OTP" : "SMS_OTP",
  );
}

/** A registered passkey and a relying party to check it against. */
function passkeyReady(fc: FlowContext, user: User): boolean {
  if (!fc.services.webauthn.hasCredentials(fc.pool, user)) return false;
  try {
    fc.services.webauthn.relyingParty(fc.pool, fc.services.region);
    return true;
  } catch {
    return false;
  }
}

/** The WEB_AUTHN challenge: CREDENTIAL_REQUEST_OPTIONS for navigator.credentials.get(). */
async function webAuthnChallenge(fc: FlowContext, user: User, data: SessionData): Promise<AuthResponse> {
  const { options, challenge: webauthnChallenge } = await fc.services.webauthn.authenticationOptions(
    fc.pool,
    user,
    fc.services.region,
  );
  return challenge(fc, { ...data, webauthnChallenge }, "WEB_AUTHN", {
    CREDENTIAL_REQUEST_OPTIONS: JSON.stringify(options),
  }).response;
}

/**
 * The answer to WEB_AUTHN (or to SELECT_CHALLENGE with ANSWER=WEB_AUTHN): an AuthenticationResponseJSON
 * signed by one of the user's passkeys over the session's challenge. Like a one-time code as first
 * factor, a passkey proves the user and replaces MFA (passwordless sign-in). A wrong one ends the session.
 */
export async function webAuthnAnswer(
  fc: FlowContext,
  user: User,
  data: SessionData,
  credential: string | undefined,
  session?: AuthSession,
): Promise<AuthResponse> {
  if (!credential) throw new InvalidParameterException("Missing required parameter CREDENTIAL");
  const expected = typeof data.webauthnChallenge === "string" ? data.webauthnChallenge : undefined;
  const ok =
    expected !== undefined &&
    (await fc.services.webauthn.verifyAuthentication(
      fc.pool,
      user,
      fc.services.region,
      expected,
      credential,
    ));
  if (!ok) {
    if (session) fc.services.sessions.delete(session);
    throw new NotAuthorizedException("Incorrect username or passkey.");
  }
  checkAfterPassword(fc.services, fc.pool, user);
  return nextStep(
    fc,
    user,
    { ...data, webauthnChallenge: undefined, passed: [...data.passed, "PASSWORD", "MFA"] },
    session,
  );
}

/** REFRESH_TOKEN_AUTH: new ID and access tokens of the same sign-in (same origin_jti, no new refresh token). */
async function refresh(
  fc: FlowContext,
  params: Record<string, string>,
  clientChecked: boolean,
): Promise<AuthResponse> {
  const token = params.REFRESH_TOKEN;
  if (!token) throw new InvalidParameterException("Missing required parameter REFRESH_TOKEN");
  const { services, pool, client } = fc;
  const record = services.tokens.findRefresh(token);
  if (!record || record.clientId !== client.ClientId || record.poolId !== pool.id) {
    throw new NotAuthorizedException("Invalid Refresh Token");
  }
  if (record.revoked) throw new NotAuthorizedException("Refresh Token has been revoked");
  if (services.tokens.isExpired(record)) throw new NotAuthorizedException("Refresh Token has expired");
  const user = services.users.find(pool, record.usernameKey);
  if (!user || user.sub !== record.sub || TokensService.revokedByUser(user, record.created)) {
    throw new NotAuthorizedException("Refresh Token has been revoked");
  }
  if (!user.enabled) throw new NotAuthorizedException("User is disabled.");
  if (!clientChecked) checkSecretHash(client, [params.USERNAME, user.username, user.sub], params.SECRET_HASH);
  const result = await services.tokens.issue(pool, client, user, { baseUrl: fc.baseUrl, refreshOf: record });
  return { ChallengeParameters: {}, AuthenticationResult: result };
}
