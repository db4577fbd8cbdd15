// cogctl auth list: the stored sessions (never their tokens), most recent first.
import { defineCommand } from "../../src/cli/command.js";

export default defineCommand<{ allProfiles?: boolean }>({
  name: "auth list",
  summary: "List stored sessions (without their tokens)",
  terminalOutput: "table",
  examples: [
    { summary: "List the sessions of the active profile", args: ["auth", "list"] },
    {
      summary: "List the sessions of every profile as JSON",
      args: ["auth", "list", "--all-profiles", "--output", "json"],
    },
  ],
  configure(cmd) {
    cmd.option("--all-profiles", "Sessions of every profile, not only the active one");
  },
  async run(opts, _args, ctx) {
    const [store, decode, names] = await Promise.all([
      import("../../src/auth/session-store.js"),
      import("../../src/auth/token-decode.js"),
      import("../../src/auth/user-names.js"),
    ]);
    const profile = store.sessionProfile(ctx.globals.profile, ctx.io.env);
    const sessions = await store.listSessions(ctx.paths.configDir, opts.allProfiles ? {} : { profile });
    const now = ctx.clock();
    const defaults = await Promise.all(sessions.map((s) => store.isDefault(ctx.paths.configDir, s)));
    ctx.printer.result(
      {
        Sessions: sessions.map((s, i) => ({
          Profile: s.profile,
          Endpoint: s.endpoint ?? "aws",
          UserPoolId: s.userPoolId,
          ClientId: s.clientId,
          // What the person typed (or the email / phone claim); the username, often a UUID, next to it.
          SignedInAs: names.signedInAs(s),
          Username: s.username,
          ExpiresAt: s.expiresAt,
          Expires: decode.relativeTime(new Date(s.expiresAt), now),
          CanRefresh: Boolean(s.refreshToken),
          RememberedDevice: s.deviceKey ?? null,
          // Per profile and endpoint: the session commands without --username ... act on.
          Default: defaults[i] || undefined,
        })),
      },
      { title: "Sessions" },
    );
  },
});
