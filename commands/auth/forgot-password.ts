// cogctl auth forgot-password: send a reset code, then set a new password with it.

import type { AccountOptions } from "../../src/auth/account-flows.js";
import { poolAndClientOptions } from "../../src/auth/command-options.js";
import { defineCommand } from "../../src/cli/command.js";

export default defineCommand<AccountOptions>({
  name: "auth forgot-password",
  summary: "Reset a forgotten password: send a code, then set a new password with it",
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
