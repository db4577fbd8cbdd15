// cogctl auth mfa setup totp|sms|email: turn on a second factor for the signed-in user. TOTP
// enrols an authenticator (QR code on a terminal, --totp-secret-out for scripts) and makes it
// preferred; SMS and email turn on codes to the user's verified phone number or address.
import { sessionOptions } from "../../../src/auth/command-options.js";
import { defineCommand } from "../../../src/cli/command.js";
import { UsageError } from "../../../src/kernel/errors.js";

interface Opts {
  userPoolId?: string;
  clientId?: string;
  username?: string;
  totpSecretOut?: string;
  deviceName?: string;
  preferred?: boolean;
}

const SETTINGS: Record<string, string> = {
  totp: "SoftwareTokenMfaSettings",
  sms: "SMSMfaSettings",
  email: "EmailMfaSettings",
};

export default defineCommand<Opts>({
  name: "auth mfa setup",
  summary: "Set up a second factor (totp, sms or email) for the signed-in user",
  examples: [
    {
      summary: "Set up an authenticator app: scan the QR code, then type a code",
      args: ["auth", "mfa", "setup", "totp"],
    },
    {
      summary: "Set up TOTP without a person, saving the secret for later sign-ins",
      args: ["auth", "mfa", "setup", "totp", "--totp-secret-out", "totp.secret"],
    },
  ],
  configure(cmd) {
    sessionOptions(cmd.argument("<method>", "totp, sms or email"))
      .option(
        "--totp-secret-out <path>",
        "Without a person: save the TOTP secret here (0600) and verify with a computed code",
      )
      .option("--device-name <name>", "Name of the authenticator", "cogctl")
      .option("--no-preferred", "Enable the factor without making it the preferred one");
  },
  async run(opts, args, ctx) {
    const method = args[0]?.toLowerCase();
    if (!SETTINGS[method]) throw new UsageError(`Unknown MFA method '${args[0]}'. Use totp, sms or email.`);
    const [{ Answers }, { withSession }, { enrolTotp }, { createLoginUi }, { accountName, userLabel }] =
      await Promise.all([
        import("../../../src/auth/answers.js"),
        import("../../../src/auth/with-session.js"),
        import("../../../src/auth/totp-setup.js"),
        import("../../../src/auth/login-ui.js"),
        import("../../../src/auth/user-names.js"),
      ]);
    await withSession(ctx, opts, async (call, session) => {
      if (method === "totp") {
        await enrolTotp({
          call,
          answers: new Answers({}, ctx.io, ctx.prompter, ctx.clock),
          ui: createLoginUi(ctx),
          clock: ctx.clock,
          auth: { AccessToken: session.accessToken },
          account: accountName(session),
          totpSecretOut: opts.totpSecretOut,
          deviceName: opts.deviceName,
        });
      } else if (opts.totpSecretOut) {
        ctx.printer.warn(
          `--totp-secret-out: only TOTP set-up makes a secret; nothing was written to ${opts.totpSecretOut}.`,
        );
      }
      await call("SetUserMFAPreference", {
        AccessToken: session.accessToken,
        [SETTINGS[method]]: { Enabled: true, PreferredMfa: opts.preferred !== false },
      });
      ctx.printer.done(
        `${method.toUpperCase()} MFA is on for ${userLabel(session)}${opts.preferred !== false ? " (preferred)" : ""}.`,
      );
    });
  },
});
