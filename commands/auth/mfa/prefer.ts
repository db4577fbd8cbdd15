// cogctl auth mfa prefer totp|sms|email: which enabled second factor sign-in asks for first.
import { sessionOptions } from "../../../src/auth/command-options.js";
import { defineCommand } from "../../../src/cli/command.js";
import { UsageError } from "../../../src/kernel/errors.js";

const SETTINGS: Record<string, string> = {
  totp: "SoftwareTokenMfaSettings",
  sms: "SMSMfaSettings",
  email: "EmailMfaSettings",
};

export default defineCommand<{ userPoolId?: string; clientId?: string; username?: string }>({
  name: "auth mfa prefer",
  summary: "Choose the preferred second factor (totp, sms or email) of the signed-in user",
  examples: [
    {
      summary: "Make the authenticator app the preferred second factor",
      args: ["auth", "mfa", "prefer", "totp"],
    },
  ],
  configure(cmd) {
    sessionOptions(cmd.argument("<method>", "totp, sms or email"));
  },
  async run(opts, args, ctx) {
    const method = args[0]?.toLowerCase();
    if (!SETTINGS[method]) throw new UsageError(`Unknown MFA method '${args[0]}'. Use totp, sms or email.`);
    const [{ withSession }, { userLabel }] = await Promise.all([
      import("../../../src/auth/with-session.js"),
      import("../../../src/auth/user-names.js"),
    ]);
    await withSession(ctx, opts, async (call, session) => {
      await call("SetUserMFAPreference", {
        AccessToken: session.accessToken,
        [SETTINGS[method]]: { Enabled: true, PreferredMfa: true },
      });
      ctx.printer.done(`${method.toUpperCase()} is now the preferred MFA of ${userLabel(session)}.`);
    });
  },
});
