// cogctl auth login: sign in through every challenge (SRP by default), interactively or from flags.

import { collect, passwordOptions, poolAndClientOptions } from "../../src/auth/command-options.js";
import type { LoginOptions } from "../../src/auth/login.js";
import type { WebLoginOptions } from "../../src/auth/oauth/web-login.js";
import { defineCommand } from "../../src/cli/command.js";
import { UsageError } from "../../src/kernel/errors.js";
import { withTask } from "../../src/kernel/task.js";

type Opts = LoginOptions & WebLoginOptions & { web?: boolean; pool?: string; client?: string };

export default defineCommand<Opts>({
  name: "auth login",
  summary: "Sign a user in through every challenge and store the tokens",
  description:
    "Signs in by SRP (default), password, USER_AUTH, custom or admin password flow, answering every challenge: new password, MFA codes, TOTP setup with a QR code, choices, custom challenges and remembered devices. Every answer has a flag or environment variable for scripts; without a terminal a missing answer fails at once (exit 252). Tokens are stored 0600 per profile, pool, client and user; they are printed only with --output or --query. With --web the user signs in in the browser instead, on the pool domain's managed login page (the authorization code flow with PKCE), and cogctl receives the redirect on 127.0.0.1 at the app client's localhost CallbackURL.",
  examples: [
    {
      summary: "Sign in at a terminal; cogctl asks for the password and every challenge",
      args: [
        "auth",
        "login",
        "--user-pool-id",
        "us-east-1_EXAMPLE",
        "--client-id",
        "1example23456789",
        "--username",
        "alice",
      ],
    },
    {
      summary: "Sign in from a script: password on stdin, TOTP codes from a stored secret",
      args: [
        "auth",
        "login",
        "--user-pool-id",
        "us-east-1_EXAMPLE",
        "--client-id",
        "1example23456789",
        "--username",
        "ci-bot",
        "--password-stdin",
        "--totp-secret-file",
        "totp.secret",
      ],
    },
    {
      summary: "Sign in on the embedded endpoint with the plain password flow",
      args: [
        "--local",
        "auth",
        "login",
        "--user-pool-id",
        "us-east-1_EXAMPLE",
        "--client-id",
        "1example23456789",
        "--username",
        "alice",
        "--flow",
        "password",
      ],
    },
    {
      summary: "Sign in in the browser (managed login, code flow with PKCE), like gh auth login --web",
      args: ["auth", "login", "--web", "--pool", "demo", "--client", "demo-app"],
    },
    {
      summary: "Over SSH: print the sign-in URL instead of opening a browser, and wait for the redirect",
      args: ["auth", "login", "--web", "--no-browser", "--pool", "demo", "--client", "demo-app"],
    },
  ],
  configure(cmd) {
    poolAndClientOptions(cmd)
      .option("--pool <name|id>", "The user pool by name or id (instead of --user-pool-id)")
      .option("--client <name|id>", "The app client by name or id (instead of --client-id)")
      .option("--username <name>", "The user (or an alias such as the email); COGCTL_USERNAME also works")
      .option("--flow <flow>", "srp, password, user-auth, custom or admin-password", "srp");
    passwordOptions(cmd)
      .option(
        "--new-password-file <path>",
        "The new password when one is required (COGCTL_NEW_PASSWORD also works)",
      )
      .option(
        "--attribute <name=value>",
        "A required attribute for NEW_PASSWORD_REQUIRED (repeatable)",
        collect,
      )
      .option("--mfa-code <code>", "The MFA or one-time code (COGCTL_MFA_CODE also works)")
      .option(
        "--code-command <command>",
        "A shell command that prints the MFA code once it has been sent (for scripts; COGCTL_CODE_COMMAND also works)",
      )
      .option("--totp-secret-file <path>", "Compute TOTP codes from the secret in this file")
      .option("--totp-secret <base32>", "Compute TOTP codes from this secret (COGCTL_TOTP_SECRET also works)")
      .option(
        "--totp-secret-out <path>",
        "MFA setup without a person: save the new TOTP secret here (0600) and verify with a computed code",
      )
      .option("--setup-email <address>", "MFA setup by email: the address codes go to")
      .option(
        "--select <choice>",
        "Answer a choice (SELECT_MFA_TYPE, SELECT_CHALLENGE, MFA_SETUP), e.g. SOFTWARE_TOKEN_MFA (repeatable)",
        collect,
      )
      .option("--preferred-challenge <name>", "USER_AUTH: PASSWORD, PASSWORD_SRP, EMAIL_OTP or SMS_OTP")
      .option(
        "--answer <answer>",
        "The answer to a custom challenge (repeatable, used in order; COGCTL_ANSWER also works)",
        collect,
      )
      .option("--remember-device", "Confirm and remember this device so later sign-ins skip MFA")
      .option("--device-name <name>", "Name for the remembered device or TOTP authenticator", "cogctl")
      .option("--web", "Sign in in the browser on the pool domain's managed login page (code flow with PKCE)")
      .option(
        "--no-browser",
        "--web: print the sign-in URL on stderr instead of opening a browser (SSH sessions)",
      )
      .option(
        "--redirect-port <port>",
        "--web: receive the redirect on this port (the port of one of the client's http://localhost CallbackURLs)",
      )
      .option("--scope <scope>", "--web: an OAuth scope to ask for, e.g. openid (repeatable)", collect)
      .option("--timeout <seconds>", "--web: how long to wait for the browser's redirect (default 300)")
      .option(
        "--domain-url <url>",
        "--web: the pool domain's base URL, when it cannot be read from the pool (COGCTL_OAUTH_DOMAIN also works)",
      );
  },
  async run(opts, _args, ctx) {
    if (opts.pool !== undefined || opts.client !== undefined) await resolveNames(opts, ctx);
    if (opts.web) {
      const { webLogin } = await import("../../src/auth/oauth/web-login.js");
      return webLogin(opts, ctx);
    }
    // Flags of the browser sign-in mean nothing to the others: a forgotten --web would otherwise
    // silently become a password sign-in.
    const webOnly = [
      opts.browser === false && "--no-browser",
      opts.redirectPort !== undefined && "--redirect-port",
      opts.scope !== undefined && "--scope",
      opts.timeout !== undefined && "--timeout",
      opts.domainUrl !== undefined && "--domain-url",
    ].filter(Boolean);
    if (webOnly.length)
      throw new UsageError(`${webOnly.join(", ")} only apply to a browser sign-in: add --web.`);
    const { login } = await import("../../src/auth/login.js");
    return login(opts, ctx);
  },
});

/** --pool / --client by name (as the task commands take them) become the ids the sign-in uses. */
async function resolveNames(
  opts: Opts,
  ctx: Parameters<Parameters<typeof defineCommand<Opts>>[0]["run"]>[2],
) {
  if (opts.pool !== undefined && opts.userPoolId !== undefined)
    throw new UsageError("--pool and --user-pool-id name the same thing: give one.");
  if (opts.client !== undefined && opts.clientId !== undefined)
    throw new UsageError("--client and --client-id name the same thing: give one.");
  if (opts.client !== undefined && opts.pool === undefined && opts.userPoolId === undefined)
    throw new UsageError("--client NAME needs the pool it belongs to: add --pool (or --user-pool-id).");
  await withTask(ctx, async ({ resolver }) => {
    const pool = await resolver.pool(opts.pool ?? opts.userPoolId);
    opts.userPoolId = pool.id;
    if (opts.client !== undefined) opts.clientId = (await resolver.client(pool, opts.client)).id;
  });
}
