// cogctl auth confirm-sign-up: confirm an account with the code sent at sign-up (--resend for a new one).

import type { AccountOptions } from "../../src/auth/account-flows.js";
import { poolAndClientOptions } from "../../src/auth/command-options.js";
import { defineCommand } from "../../src/cli/command.js";

export default defineCommand<AccountOptions>({
  name: "auth confirm-sign-up",
  summary: "Confirm a signed-up account with its code (or --resend one)",
  examples: [
    {
      summary: "Confirm an account with the code it received",
      args: [
        "auth",
        "confirm-sign-up",
        "--user-pool-id",
        "us-east-1_EXAMPLE",
        "--client-id",
        "1example23456789",
        "--username",
        "alice",
        "--code",
        "123456",
      ],
    },
    {
      summary: "Send a new confirmation code",
      args: [
        "auth",
        "confirm-sign-up",
        "--user-pool-id",
        "us-east-1_EXAMPLE",
        "--client-id",
        "1example23456789",
        "--username",
        "alice",
        "--resend",
      ],
    },
  ],
  configure(cmd) {
    poolAndClientOptions(cmd)
      .option("--username <name>", "The user (COGCTL_USERNAME also works)")
      .option("--code <code>", "The confirmation code (COGCTL_CONFIRMATION_CODE also works)")
      .option("--resend", "Send a new confirmation code first");
  },
  async run(opts, _args, ctx) {
    const { confirmSignUp } = await import("../../src/auth/account-flows.js");
    return confirmSignUp(opts, ctx);
  },
});
