// cogctl auth logout: revoke the refresh token (RevokeToken; /oauth2/revoke for a browser sign-in,
// `auth login --web`), or sign out everywhere with --global
// (GlobalSignOut), then forget the stored tokens. Tokens the service already refuses are forgotten
// too; any other failure keeps them, so the user never believes a live session is gone.

import { sessionOptions } from "../../src/auth/command-options.js";
import { defineCommand } from "../../src/cli/command.js";
import { ServiceError } from "../../src/kernel/errors.js";

interface Opts {
  userPoolId?: string;
  clientId?: string;
  username?: string;
  global?: boolean;
  clientSecretFile?: string;
  clientSecret?: string;
}

export default defineCommand<Opts>({
  name: "auth logout",
  summary: "Revoke a session's tokens (or sign out everywhere) and forget them",
  examples: [
    { summary: "Revoke the most recent session's tokens and forget them", args: ["auth", "logout"] },
    {
      summary: "Sign a user out of every device",
      args: ["auth", "logout", "--username", "alice", "--global"],
    },
  ],
  configure(cmd) {
    sessionOptions(cmd)
      .option(
        "--global",
        "Sign the user out of every device (GlobalSignOut) instead of revoking this session only",
      )
      .option(
        "--client-secret-file <path>",
        "Read the app client's secret from this file (RevokeToken needs it)",
      )
      .option(
        "--client-secret <secret>",
        "The app client's secret (prefer --client-secret-file or COGCTL_CLIENT_SECRET)",
      );
  },
  async run(opts, _args, ctx) {
    const [{ createCognitoCall }, access, store, secrets, { userLabel }] = await Promise.all([
      import("../../src/kernel/cognito-call.js"),
      import("../../src/auth/session-access.js"),
      import("../../src/auth/session-store.js"),
      import("../../src/auth/client-secret.js"),
      import("../../src/auth/user-names.js"),
    ]);
    const session = await store.chooseSession(ctx.paths.configDir, access.sessionFilter(ctx, opts));
    const call = await createCognitoCall(ctx);
    try {
      if (opts.global || !session.refreshToken) {
        await call("GlobalSignOut", { AccessToken: session.accessToken });
      } else if (session.oauthDomain) {
        // A browser sign-in: revoked at the domain's /oauth2/revoke, where its refresh token came from.
        const { revokeAtDomain } = await import("../../src/auth/oauth/session-oauth.js");
        await revokeAtDomain(
          ctx,
          call,
          { ...session, oauthDomain: session.oauthDomain, refreshToken: session.refreshToken },
          await secrets.givenClientSecret(opts, ctx.io.env),
        );
      } else {
        const hasher = new secrets.SecretHasher(
          call,
          session.userPoolId,
          session.clientId,
          await secrets.givenClientSecret(opts, ctx.io.env),
        );
        const token = session.refreshToken;
        await hasher.retrying(() =>
          call("RevokeToken", {
            Token: token,
            ClientId: session.clientId,
            ClientSecret: hasher.clientSecret,
          }),
        );
      }
    } catch (err) {
      // Already revoked or expired: nothing left to sign out of.
      const gone =
        err instanceof ServiceError &&
        ((err.code === "NotAuthorizedException" && !secrets.isSecretHashError(err)) ||
          (err.operation === "oauth2/revoke" && err.code === "invalid_grant"));
      if (!gone) throw err;
    }
    await store.deleteSession(ctx.paths.configDir, session);
    ctx.printer.done(
      `Signed out ${userLabel(session)} (pool ${session.userPoolId}, client ${session.clientId}); the stored tokens are forgotten.`,
    );
  },
});
