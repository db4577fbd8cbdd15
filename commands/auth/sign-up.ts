// cogctl auth sign-up: create an account (SignUp), then confirm it with the code (resend at the prompt).

import type { AccountOptions } from "../../src/auth/account-flows.js";
import { collect, passwordOptions, poolAndClientOptions } from "../../src/auth/command-options.js";
import { defineCommand } from "../../src/cli/command.js";

export default defineCommand<AccountOptions>({
  name: "auth sign-up",
  summary: "Sign a new user up, then confirm the account with the code sent",
  examples: [
    {
      summary: "Sign up with an email attribute; cogctl then asks for the code sent",
      args: [
        "auth",
        "sign-up",
        "--user-pool-id",
        "us-east-1_EXAMPLE",
        "--client-id",
        "1example23456789",
        "--username",
        "alice",
        "--attribute",
        "email=alice@example.com",
      ],
    },
    {
      summary: "Sign up from a script, reading the password from a file",
      args: [
        "auth",
        "sign-up",
        "--user-pool-id",
        "us-east-1_EXAMPLE",
        "--client-id",
        "1example23456789",
        "--username",
        "bob",
        "--password-file",
        "pw.txt",
        "--attribute",
        "email=bob@example.com",
      ],
    },
  ],
  configure(cmd) {
    passwordOptions(
      poolAndClientOptions(cmd).option(
        "--username <name>",
        "The new user's name (COGCTL_USERNAME also works)",
      ),
    )
      .option("--attribute <name=value>", "A user attribute, e.g. email=a@example.com (repeatable)", collect)
      .option(
        "--code <code>",
        "The confirmation code, when already known (COGCTL_CONFIRMATION_CODE also works)",
      );
  },
  async run(opts, _args, ctx) {
    const { signUp } = await import("../../src/auth/account-flows.js");
    return signUp(opts, ctx);
  },
});
