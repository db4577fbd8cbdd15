// cogctl auth forgot-password: send a reset code, then set a new password with it.

import type { AccountOptions } from "../../src/auth/account-flows.js";
import { poolAndClientOptions } from "../../src/auth/command-options.js";
import { defineCommand } from "../../src/cli/command.js";

export default defineCommand<AccountOptions>({
  name: "auth forgot-password",
  summary: "Reset a forgotten password: send a code, then set a new password with it",
  examples: [
    {
      summary: "Send a reset code, then set the new password with it (asked for at the terminal)",
      args: [
        "auth",
        "forgot-password",
        "--user-pool-id",
        "us-east-1_EXAMPLE",
        "--client-id",
        "1example23456789",
        "--username",
        "alice",
      ],
    },
    {
      summary: "Set the new password with a code already received",
      args: [
        "auth",
        "forgot-password",
        "--user-pool-id",
        "us-east-1_EXAMPLE",
        "--client-id",
        "1example23456789",
        "--username",
        "alice",
        "--code",
        "123456",
        "--new-password-file",
        "new.txt",
      ],
    },
  ],
  configure(cmd) {
    poolAndClientOptions(cmd)
      .option("--username <name>", "The user (COGCTL_USERNAME also works)")
      .option(
        "--code <code>",
        "The code already received: skip sending and set the new password (COGCTL_CONFIRMATION_CODE)",
      )
      .option("--new-password-file <path>", "The new password (COGCTL_NEW_PASSWORD also works)");
  },
  async run(opts, _args, ctx) {
    const { forgotPassword } = await import("../../src/auth/account-flows.js");
    return forgotPassword(opts, ctx);
  },
});
