// What comes after each proven step of a sign-in, in the service's order: a new password for
// FORCE_CHANGE_PASSWORD users, then MFA (skipped on a remembered device), then device SRP for a
// known device, then tokens (with NewDeviceMetadata when the pool tracks devices). Every challenge
// gets a fresh Session; the previous one is consumed.
import { InvalidParameterException } from "../errors.js";
import type { ClientData } from "../services/clients.js";
import { hashCode, newCode, sendCodeMessage } from "../services/codes.js";
import type { Device } from "../services/devices.js";
import type { LocalServices } from "../services/index.js";
import { type Delivery, MessagesService } from "../services/messages.js";
import { type MfaMethod, mfaStep } from "../services/mfa.js";
import type { Pool } from "../services/pools.js";
import type { AuthSession, SessionData } from "../services/sessions.js";
import type { AuthenticationResult } from "../services/tokens.js";
import type { User } from "../services/users.js";

export interface FlowContext {
  services: LocalServices;
  baseUrl: string;
  pool: Pool;
  client: ClientData;
}

export interface AuthResponse {
  ChallengeName?: string;
  Session?: string;
  ChallengeParameters?: Record<string, string>;
  AuthenticationResult?: AuthenticationResult;
  AvailableChallenges?: string[];
  /** The managed-login flow's end (never on the wire: no operation starts that flow). */
  SignedIn?: User;
}

/**
 * The flow of the pool domain's managed-login page (oauth/login.ts): the same steps and checks as
 * InitiateAuth's, but a completed sign-in ends with the user (SignedIn), not tokens: the page
 * hands out an authorization code, and /oauth2/token issues the tokens with the granted scopes.
 */
export const MANAGED_LOGIN_FLOW = "MANAGED_LOGIN";

/** Minutes a sign-in session lives: the client's AuthSessionValidity (3–15, default 3). */
export const sessionMinutes = (client: ClientData): number => client.AuthSessionValidity ?? 3;

/** Replaces `previous` (if any) with a new session expecting `challenge`, and answers with it. */
export function challenge(
  fc: FlowContext,
  data: SessionData,
  name: string,
  parameters: Record<string, string>,
  previous?: AuthSession,
  withSecretBlock = false,
): { response: AuthResponse; session: AuthSession } {
  if (previous) fc.services.sessions.delete(previous);
  const session = fc.services.sessions.create(
    fc.pool.id,
    fc.client.ClientId as string,
    { ...data, challenge: name },
    sessionMinutes(fc.client),
    withSecretBlock,
  );
  return { response: { ChallengeName: name, Session: session.id, ChallengeParameters: parameters }, session };
}

/** Attributes shown in NEW_PASSWORD_REQUIRED's userAttributes (not the ones users cannot write). */
const HIDDEN_IN_CHALLENGE = new Set(["sub", "email_verified", "phone_number_verified", "identities"]);

/** The next step after `data.passed`, or the tokens when nothing is left. */
export async function nextStep(
  fc: FlowContext,
  user: User,
  data: SessionData,
  previous?: AuthSession,
): Promise<AuthResponse> {
  const { services, pool } = fc;
  const passed = new Set(data.passed);
  const userId = user.username;

  if (!passed.has("NEW_PASSWORD") && user.status === "FORCE_CHANGE_PASSWORD") {
    const shown: Record<string, string> = {};
    for (const [k, v] of Object.entries(user.attributes)) if (!HIDDEN_IN_CHALLENGE.has(k)) shown[k] = v;
    const required = (pool.data.SchemaAttributes ?? [])
      .filter((a) => a.Required && a.Name && user.attributes[a.Name] === undefined)
      .map((a) => `userAttributes.${a.Name}`);
    return challenge(
      fc,
      data,
      "NEW_PASSWORD_REQUIRED",
      {
        USER_ID_FOR_SRP: userId,
        requiredAttributes: JSON.stringify(required),
        userAttributes: JSON.stringify(shown),
      },
      previous,
    ).response;
  }

  let device: Device | undefined;
  if (data.deviceKey) device = services.devices.find(pool, user, data.deviceKey);
  const deviceProvable = Boolean(device?.data.confirmed && device.data.verifier);
  // A remembered device stands in for MFA; it must still prove itself by device SRP below.
  const remembered = deviceProvable && device?.data.status === "remembered";

  if (!passed.has("MFA") && !remembered) {
    const step = mfaStep(pool, user);
    if (step.kind === "setup") {
      return challenge(
        fc,
        data,
        "MFA_SETUP",
        { MFAS_CAN_SETUP: JSON.stringify(step.methods), USER_ID_FOR_SRP: userId },
        previous,
      ).response;
    }
    if (step.kind === "select") {
      return challenge(
        fc,
        data,
        "SELECT_MFA_TYPE",
        { MFAS_CAN_CHOOSE: JSON.stringify(step.methods), USER_ID_FOR_SRP: userId },
        previous,
      ).response;
    }
    if (step.kind === "challenge") return mfaChallenge(fc, user, data, step.method, previous);
  }

  if (device && deviceProvable && !passed.has("DEVICE")) {
    return challenge(fc, data, "DEVICE_SRP_AUTH", { USERNAME: userId }, previous).response;
  }

  if (previous) services.sessions.delete(previous);
  services.authEvents.record(pool, user, {
    EventType: "SignIn",
    EventResponse: "Pass",
    ChallengeResponses: [...passed]
      .filter((p) => p === "PASSWORD" || p === "MFA")
      .map((p) => ({
        ChallengeName: p === "PASSWORD" ? "Password" : "Mfa",
        ChallengeResponse: "Success" as const,
      })),
  });
  if (data.flow === MANAGED_LOGIN_FLOW) return { ChallengeParameters: {}, SignedIn: user };
  return { ChallengeParameters: {}, AuthenticationResult: await issueTokens(fc, user, device) };
}

/** Sends the code (SMS_MFA, EMAIL_OTP, SMS_OTP) or asks for the TOTP code (SOFTWARE_TOKEN_MFA). */
export function mfaChallenge(
  fc: FlowContext,
  user: User,
  data: SessionData,
  method: MfaMethod | "SMS_OTP",
  previous?: AuthSession,
): AuthResponse {
  if (method === "SOFTWARE_TOKEN_MFA") {
    return challenge(fc, data, method, { USER_ID_FOR_SRP: user.username }, previous).response;
  }
  const delivery = codeDelivery(user, method === "EMAIL_OTP" ? "EMAIL" : "SMS");
  const code = newCode();
  sendCodeMessage(fc.services.messages, fc.pool, user, delivery, "MFA", code);
  return challenge(
    fc,
    { ...data, codeHash: hashCode(code), attempts: 0 },
    method,
    {
      CODE_DELIVERY_DELIVERY_MEDIUM: delivery.channel,
      CODE_DELIVERY_DESTINATION: MessagesService.mask(delivery),
      USER_ID_FOR_SRP: user.username,
    },
    previous,
  ).response;
}

function codeDelivery(user: User, channel: "EMAIL" | "SMS"): Delivery {
  const destination = channel === "EMAIL" ? user.attributes.email : user.attributes.phone_number;
  if (!destination) {
    throw new InvalidParameterException(
      `User has no ${channel === "EMAIL" ? "email" : "phone_number"} to send the ${channel === "EMAIL" ? "email" : "SMS"} code to.`,
    );
  }
  return { channel, destination };
}

/** Tokens for a completed sign-in; a new tracked device when the pool remembers devices. */
async function issueTokens(
  fc: FlowContext,
  user: User,
  device: Device | undefined,
): Promise<AuthenticationResult> {
  const { services, pool, client } = fc;
  if (device) services.devices.touch(device);
  const newDevice =
    !device && pool.data.DeviceConfiguration ? services.devices.create(pool, user) : undefined;
  const result = await services.tokens.issue(pool, client, user, {
    baseUrl: fc.baseUrl,
    deviceKey: device?.deviceKey ?? newDevice?.deviceKey,
  });
  if (newDevice)
    result.NewDeviceMetadata = { DeviceKey: newDevice.deviceKey, DeviceGroupKey: newDevice.groupKey };
  return result;
}

/** Records a failed password step (AdminListUserAuthEvents shows it when advanced security is on). */
export function recordFailedSignIn(fc: FlowContext, user: User): void {
  fc.services.authEvents.record(fc.pool, user, {
    EventType: "SignIn",
    EventResponse: "Fail",
    ChallengeResponses: [{ ChallengeName: "Password", ChallengeResponse: "Failure" }],
  });
}
