// cogctl auth client-credentials: a machine-to-machine access token from the pool domain's
// /oauth2/token, cached 0600 until shortly before it expires.

import { collect } from "../../src/auth/command-options.js";
import type { ClientCredentialsOptions } from "../../src/auth/oauth/client-credentials.js";
import { defineCommand } from "../../src/cli/command.js";

export default defineCommand<ClientCredentialsOptions>({
  name: "auth client-credentials",
  summary: "Get a machine-to-machine access token (OAuth client_credentials), cached until near expiry",
  description:
    "Asks the pool domain's /oauth2/token for an access token with the client_credentials grant and prints the token alone (for TOKEN=$(...)), as shell variables (--format env), as JSON (--format json) or as its claims (--decode). The token is cached 0600 under cogctl's state directory until shortly before it expires, so repeated calls make one request (--no-cache asks anew). The client secret comes from --client-secret-file, COGCTL_CLIENT_SECRET, or DescribeUserPoolClient (with --pool and admin credentials); it is never printed or traced. The domain comes from the pool (DescribeUserPool) or --domain-url.",
  examples: [
    {
      summary: "A token for a CI step, the secret from the environment",
      args: [
        "auth",
        "client-credentials",
        "--pool",
        "us-east-1_EXAMPLE",
        "--client",
        "1example23456789",
        "--scope",
        "orders/read",
      ],
    },
    {
      summary: "No AWS credentials at all: the domain and the secret are given",
      args: [
        "auth",
        "client-credentials",
        "--client",
        "1example23456789",
        "--domain-url",
        "https://example.auth.us-east-1.amazoncognito.com",
        "--client-secret-file",
        "client.secret",
        "--format",
        "env",
      ],
    },
    {
      summary: "Show the token's claims (scope, client_id, expiry)",
      args: ["auth", "client-credentials", "--pool", "demo", "--client", "m2m", "--decode"],
    },
  ],
  configure(cmd) {
    cmd
      .option("--client <id|name>", "The app client (a name needs --pool)")
      .option(
        "--pool <name|id>",
        "The user pool, to read its domain and the client's secret (default: $COGCTL_POOL)",
      )
      .option(
        "--scope <scope>",
        "A resource-server scope, IDENTIFIER/SCOPE (repeatable; default: all the client's)",
        collect,
      )
      .option(
        "--client-secret-file <path>",
        "Read the app client's secret from this file (COGCTL_CLIENT_SECRET also works)",
      )
      .option(
        "--domain-url <url>",
        "The pool domain's base URL, instead of reading it from the pool (COGCTL_OAUTH_DOMAIN also works)",
      )
      .option("--format <format>", "token (the token alone, the default), env or json")
      .option("--decode", "Print the token's claims, with readable times, instead of the token")
      .option("--no-cache", "Neither read nor write the cache: always ask the token endpoint");
  },
  async run(opts, _args, ctx) {
    const { clientCredentials } = await import("../../src/auth/oauth/client-credentials.js");
    return clientCredentials(opts, ctx);
  },
});
