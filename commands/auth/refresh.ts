// cogctl auth refresh: new ID and access tokens from the stored refresh token.

import { sessionOptions } from "../../src/auth/command-options.js";
import { defineCommand } from "../../src/cli/command.js";

interface Opts {
  userPoolId?: string;
  clientId?: string;
  username?: string;
  clientSecretFile?: string;
  clientSecret?: string;
}

export default defineCommand<Opts>({
  name: "auth refresh",
  summary: "Refresh a stored session's tokens with its refresh token",
  examples: [
    { summary: "Refresh the tokens of the most recent session", args: ["auth", "refresh"] },
    {
      summary: "Refresh the session of one user of a pool",
      args: ["auth", "refresh", "--user-pool-id", "us-east-1_EXAMPLE", "--username", "alice"],
    },
  ],
  configure(cmd) {
    sessionOptions(cmd)
      .option("--client-secret-file <path>", "Read the app client's secret from this file (SECRET_HASH)")
      .option(
        "--client-secret <secret>",
        "The app client's secret (prefer --client-secret-file or COGCTL_CLIENT_SECRET)",
      );
  },
  async run(opts, _args, ctx) {
    const [{ createCognitoCall }, access, store, decode, { userLabel }] = await Promise.all([
      import("../../src/kernel/cognito-call.js"),
      import("../../src/auth/session-access.js"),
      import("../../src/auth/session-store.js"),
      import("../../src/auth/token-decode.js"),
      import("../../src/auth/user-names.js"),
    ]);
    const session = await store.chooseSession(ctx.paths.configDir, access.sessionFilter(ctx, opts));
    const call = await createCognitoCall(ctx);
    const refreshed = await access.refreshAndSave(ctx, call, session, opts);
    if (ctx.globals.outputExplicit || ctx.globals.query !== undefined) {
      ctx.printer.result({
        AuthenticationResult: {
          AccessToken: refreshed.accessToken,
          IdToken: refreshed.idToken,
          RefreshToken: refreshed.refreshToken,
          ExpiresAt: refreshed.expiresAt,
          TokenType: "Bearer",
        },
      });
    } else {
      const expires = new Date(refreshed.expiresAt);
      ctx.printer.done(
        `Refreshed the tokens of ${userLabel(refreshed)}; they expire ${decode.relativeTime(expires, ctx.clock())} (${refreshed.expiresAt}).`,
      );
    }
  },
});
