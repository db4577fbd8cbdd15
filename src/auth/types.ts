// The shared vocabulary of the sign-in engine (engine.ts), its flows (flows.ts) and its challenge
// handlers (challenges/*.ts).

import type { DeviceSecret, SrpClient } from "../cognito/crypto/index.js";
import type { CognitoCall } from "../kernel/cognito-call.js";
import type { Answers } from "./answers.js";
import type { SecretHasher } from "./client-secret.js";
import type { PasswordCheck } from "./password-policy.js";

export const FLOWS = ["srp", "password", "user-auth", "custom", "admin-password"] as const;
export type Flow = (typeof FLOWS)[number];

export interface AuthenticationResult {
  AccessToken?: string;
  IdToken?: string;
  RefreshToken?: string;
  ExpiresIn?: number;
  TokenType?: string;
  NewDeviceMetadata?: { DeviceKey?: string; DeviceGroupKey?: string };
}

/** One answer from InitiateAuth / RespondToAuthChallenge (or their Admin forms). */
export interface AuthStep {
  ChallengeName?: string;
  ChallengeParameters?: Record<string, string>;
  Session?: string;
  AuthenticationResult?: AuthenticationResult;
  AvailableChallenges?: string[];
}

/** What the person at the terminal sees during a sign-in (stderr, terminal only). */
export interface LoginUi {
  info(message: string): void;
  /** MFA_SETUP with TOTP: the otpauth:// URI as a QR code, and the secret as a key to type by hand. */
  showTotpSetup(uri: string, secret: string): Promise<void>;
}

export interface EngineOptions {
  flow: Flow;
  userPoolId: string;
  clientId: string;
  /** USER_AUTH's PREFERRED_CHALLENGE. */
  preferredChallenge?: string;
  /** MFA_SETUP by email: the address to send codes to. */
  setupEmail?: string;
  /** MFA_SETUP by TOTP without a person: save the new secret here (0600) and compute the code from it. */
  totpSecretOut?: string;
  /** Name the TOTP authenticator is registered under. */
  totpDeviceName?: string;
}

/** Everything a handler may use. */
export interface EngineEnv {
  call: CognitoCall;
  hasher: SecretHasher;
  answers: Answers;
  ui: LoginUi;
  options: EngineOptions;
  clock: () => Date;
  /** The pool's password policy check (read once, lazily). */
  passwordCheck(): Promise<PasswordCheck>;
  /** The remembered device for a username, if this machine has one. */
  findDevice(username: string): Promise<DeviceSecret | undefined>;
  /** The service no longer knows this stored device (forgotten elsewhere): drop it. */
  onDeviceRejected?(device: DeviceSecret): Promise<void>;
}

/** What a sign-in carries from one challenge to the next. */
export interface SignInState {
  /** The name typed (or given) at the start. */
  typedUsername: string;
  /** USERNAME for the next response: the real username once the service has said it. */
  username: string;
  srp?: SrpClient;
  device?: DeviceSecret;
  /** MFA_SETUP enrolled an authenticator app. */
  totpEnrolled?: boolean;
  deviceSrp?: SrpClient;
}

export interface ChallengeAnswer {
  /** Responses without USERNAME, SECRET_HASH and DEVICE_KEY, which the engine adds. */
  responses: Record<string, string>;
  /** A session that replaces the challenge's own (MFA_SETUP gets one from VerifySoftwareToken). */
  session?: string;
  /** A person typed this answer: when the service says it is wrong, ask again. */
  retryable?: boolean;
}

export type ChallengeHandler = (
  step: AuthStep & { ChallengeParameters: Record<string, string> },
  state: SignInState,
  env: EngineEnv,
) => Promise<ChallengeAnswer>;
