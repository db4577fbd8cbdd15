// Enrolling an authenticator app, shared by sign-in's MFA_SETUP (with the sign-in Session) and
// `auth mfa setup totp` (with an access token): AssociateSoftwareToken, show the otpauth:// URI and
// QR code (or save the secret for a script), VerifySoftwareToken with a code; a mistyped code is
// asked again.
import { chmod, writeFile } from "node:fs/promises";
import { otpauthUri, totpCode } from "../cognito/crypto/index.js";
import type { CognitoCall } from "../kernel/cognito-call.js";
import { ServiceError, UsageError } from "../kernel/errors.js";
import type { Answers } from "./answers.js";
import type { LoginUi } from "./types.js";

export const TOTP_CODE_SOURCE =
  "--totp-secret-out FILE (cogctl saves the new secret there and computes the code)";
const MAX_TRIES = 3;
/**
 * The issuer authenticator apps list the account under. Short on purpose: a pool id here would
 * make the QR code a version larger, too tall for an 80x24 terminal.
 */
export const TOTP_ISSUER = "Cognito";

export interface TotpSetup {
  call: CognitoCall;
  answers: Answers;
  ui: LoginUi;
  clock: () => Date;
  /** Either the sign-in Session or the user's access token. */
  auth: { Session?: string } | { AccessToken: string };
  /** The name the authenticator app lists: the email or name typed at sign-in, not a UUID username. */
  account: string;
  totpSecretOut?: string;
  deviceName?: string;
}

/** Returns the Session VerifySoftwareToken gave (sign-in) or undefined (access-token set-up). */
export async function enrolTotp(s: TotpSetup): Promise<string | undefined> {
  const associated = await s.call("AssociateSoftwareToken", { ...s.auth });
  const secret = String(associated.SecretCode);
  const auth = "Session" in s.auth ? { Session: associated.Session ?? s.auth.Session } : s.auth;
  if (s.totpSecretOut) {
    await writeFile(s.totpSecretOut, `${secret}\n`, { mode: 0o600 });
    await chmod(s.totpSecretOut, 0o600);
  } else {
    await s.ui.showTotpSetup(otpauthUri({ secret, account: s.account, issuer: TOTP_ISSUER }), secret);
  }
  for (let attempt = 1; ; attempt++) {
    const typed = !s.totpSecretOut;
    const code = typed
      ? await s.answers.ask("Code from your authenticator app:", TOTP_CODE_SOURCE)
      : totpCode(secret, s.clock());
    try {
      const verified = await s.call("VerifySoftwareToken", {
        ...auth,
        UserCode: code,
        FriendlyDeviceName: s.deviceName ?? "cogctl",
      });
      if (verified.Status !== "SUCCESS") throw new UsageError("The authenticator code was not accepted.");
      return verified.Session ?? ("Session" in auth ? auth.Session : undefined);
    } catch (err) {
      const wrong = err instanceof ServiceError && /CodeMismatch|EnableSoftwareTokenMFA/.test(err.code);
      if (!typed || !wrong || attempt >= MAX_TRIES) throw err;
      s.ui.info("That code was not accepted; try the next one.");
    }
  }
}
