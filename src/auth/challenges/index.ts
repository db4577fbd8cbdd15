// The table the engine loops over: challenge name → the handler that answers it. A new challenge
// is one handler module and one line here.
import type { ChallengeHandler } from "../types.js";
import { sentCode, softwareTokenMfa } from "./codes.js";
import { customChallenge } from "./custom.js";
import { devicePasswordVerifier, deviceSrpAuth } from "./device.js";
import { mfaSetup } from "./mfa-setup.js";
import { newPasswordRequired } from "./new-password.js";
import { passwordVerifier } from "./password-verifier.js";
import { selectChallenge, selectMfaType } from "./select.js";

export const challengeHandlers: Record<string, ChallengeHandler> = {
  PASSWORD_VERIFIER: passwordVerifier,
  NEW_PASSWORD_REQUIRED: newPasswordRequired,
  SMS_MFA: sentCode,
  EMAIL_OTP: sentCode,
  SMS_OTP: sentCode,
  SOFTWARE_TOKEN_MFA: softwareTokenMfa,
  SELECT_MFA_TYPE: selectMfaType,
  SELECT_CHALLENGE: selectChallenge,
  MFA_SETUP: mfaSetup,
  CUSTOM_CHALLENGE: customChallenge,
  DEVICE_SRP_AUTH: deviceSrpAuth,
  DEVICE_PASSWORD_VERIFIER: devicePasswordVerifier,
};
