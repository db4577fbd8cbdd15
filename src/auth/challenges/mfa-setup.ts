// MFA_SETUP: the pool requires MFA and the user has none yet. TOTP: AssociateSoftwareToken with the
// sign-in Session, show the otpauth:// URI and a QR code, verify a code (VerifySoftwareToken gives a
// new Session), then answer the challenge. Email: send the address codes should go to.
import { chmod, writeFile } from "node:fs/promises";
import { ServiceError, UsageError } from "../../cli/errors.js";
import { otpauthUri, totpCode } from "../crypto/index.js";
import type { ChallengeAnswer, ChallengeHandler, EngineEnv } from "../types.js";

const TOTP_CODE_SOURCE = "--totp-secret-out FILE (cogctl saves the new secret there and computes the code)";

function parseList(text: string | undefined): string[] {
  try {
    const v = JSON.parse(text ?? "[]");
    return Array.isArray(v) ? v.map(String) : [];
  } catch {
    return [];
  }
}

export const mfaSetup: ChallengeHandler = async (step, state, env): Promise<ChallengeAnswer> => {
  const offered = parseList(step.ChallengeParameters.MFAS_CAN_SETUP);
  // Cognito lists SMS_MFA here too, but SMS is set up by a verified phone number, not in sign-in.
  const usable = offered.filter((m) => m === "SOFTWARE_TOKEN_MFA" || m === "EMAIL_OTP");
  const choices = (usable.length ? usable : ["SOFTWARE_TOKEN_MFA"]).map((value) => ({
    name: value === "EMAIL_OTP" ? "Codes by email" : "Authenticator app (TOTP)",
    value,
  }));
  env.ui.info(`The pool requires MFA and ${state.username} has none set up yet.`);
  const method = await env.answers.choose("Set up which second factor?", choices);
  if (method === "EMAIL_OTP") {
    const email =
      env.options.setupEmail ?? (await env.answers.ask("Email address for sign-in codes:", "--setup-email"));
    return { responses: { EMAIL: email } };
  }
  const session = await setUpTotp(step.Session, state.username, env);
  return { responses: {}, session };
};

async function setUpTotp(
  session: string | undefined,
  username: string,
  env: EngineEnv,
): Promise<string | undefined> {
  const associated = await env.call("AssociateSoftwareToken", { Session: session });
  const secret = String(associated.SecretCode);
  const current = associated.Session ?? session;
  const uri = otpauthUri({ secret, account: username, issuer: `Cognito ${env.options.userPoolId}` });
  if (env.options.totpSecretOut) {
    await writeFile(env.options.totpSecretOut, `${secret}\n`, { mode: 0o600 });
    await chmod(env.options.totpSecretOut, 0o600);
  } else {
    await env.ui.showTotpSetup(uri);
  }
  for (let attempt = 1; ; attempt++) {
    const typed = !env.options.totpSecretOut;
    const code = typed
      ? await env.answers.ask("Code from your authenticator app:", TOTP_CODE_SOURCE)
      : totpCode(secret, env.clock());
    try {
      const verified = await env.call("VerifySoftwareToken", {
        Session: current,
        UserCode: code,
        FriendlyDeviceName: env.options.totpDeviceName ?? "cogctl",
      });
      if (verified.Status !== "SUCCESS") throw new UsageError("The authenticator code was not accepted.");
      return verified.Session ?? current;
    } catch (err) {
      const wrong = err instanceof ServiceError && /CodeMismatch|EnableSoftwareTokenMFA/.test(err.code);
      if (!typed || !wrong || attempt >= 3) throw err;
      env.ui.info("That code was not accepted; try the next one.");
    }
  }
}
