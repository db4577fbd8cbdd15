// cogctl auth tokens: print the stored session's tokens (this is the explicit ask), or with
// --decode their claims with readable times. Expired tokens are refreshed first.

import { sessionOptions } from "../../src/auth/command-options.js";
import { defineCommand } from "../../src/cli/command.js";
import { UsageError } from "../../src/kernel/errors.js";

interface Opts {
  userPoolId?: string;
  clientId?: string;
  username?: string;
  decode?: boolean;
  format?: string;
  refresh?: boolean;
}

export default defineCommand<Opts>({
  name: "auth tokens",
  summary: "Print the stored tokens of a session (or their decoded claims)",
  examples: [
    { summary: "Export the stored tokens as shell variables", args: ["auth", "tokens", "--format", "env"] },
    {
      summary: "Show the claims of the ID and access tokens, with readable times",
      args: ["auth", "tokens", "--decode"],
    },
  ],
  configure(cmd) {
    sessionOptions(cmd)
      .option("--decode", "Show the ID and access tokens' claims, with readable times, instead of the tokens")
      .option("--format <format>", "json, or env for `export ID_TOKEN=...` lines", "json")
      .option("--no-refresh", "Print the stored tokens even when they have expired");
  },
  async run(opts, _args, ctx) {
    if (opts.format !== "json" && opts.format !== "env")
      throw new UsageError(`--format must be json or env; got '${opts.format}'.`);
    const [{ createCognitoCall }, access, store, decode] = await Promise.all([
      import("../../src/kernel/cognito-call.js"),
      import("../../src/auth/session-access.js"),
      import("../../src/auth/session-store.js"),
      import("../../src/auth/token-decode.js"),
    ]);
    let session = await store.chooseSession(ctx.paths.configDir, access.sessionFilter(ctx, opts));
    if (opts.refresh !== false && access.isExpired(session, ctx.clock()) && session.refreshToken) {
      const call = await createCognitoCall(ctx);
      session = await access.refreshAndSave(ctx, call, session);
    }
    const now = ctx.clock();
    if (opts.decode) {
      ctx.printer.result({
        Username: session.username,
        UserPoolId: session.userPoolId,
        ClientId: session.clientId,
        ExpiresAt: session.expiresAt,
        IdToken: decode.readableClaims(session.idToken, now) ?? null,
        AccessToken: decode.readableClaims(session.accessToken, now) ?? null,
      });
      return;
    }
    if (opts.format === "env") {
      const lines = [
        session.idToken && `export ID_TOKEN=${session.idToken}`,
        `export ACCESS_TOKEN=${session.accessToken}`,
        session.refreshToken && `export REFRESH_TOKEN=${session.refreshToken}`,
      ].filter(Boolean);
      ctx.io.stdout.write(`${lines.join("\n")}\n`);
      return;
    }
    ctx.printer.result({
      IdToken: session.idToken,
      AccessToken: session.accessToken,
      RefreshToken: session.refreshToken,
      TokenType: "Bearer",
      ExpiresAt: session.expiresAt,
      Username: session.username,
      UserPoolId: session.userPoolId,
      ClientId: session.clientId,
    });
  },
});
