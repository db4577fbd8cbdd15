// cogctl users disable USER...: users can no longer sign in (their tokens are revoked); asks first.
import { defineCommand } from "../../src/cli/command.js";
import { actOnUsers, addConfirmOptions, addPoolOption } from "../../src/kernel/task.js";

export default defineCommand<{ pool?: string; yes?: boolean; dryRun?: boolean }>({
  name: "users disable",
  summary: "Disable users so they can no longer sign in (asks first)",
  examples: [
    {
      summary: "Disable a user found by email (asks first on a terminal)",
      args: ["users", "disable", "alice@example.com", "--pool", "demo"],
    },
    {
      summary: "Disable the users listed on stdin, one per line, without asking",
      args: ["users", "disable", "-", "--pool", "demo", "--yes"],
    },
  ],
  configure(cmd) {
    addConfirmOptions(addPoolOption(cmd)).argument(
      "<user...>",
      "usernames, emails, phones or subs; - reads stdin",
    );
  },
  async run(opts, args, ctx) {
    await actOnUsers(ctx, args, opts, {
      verb: "Disable",
      done: "Disabled",
      destructive: true,
      act: (call, pool, user) =>
        call("AdminDisableUser", { UserPoolId: pool.id, Username: user.username }).then(() => {}),
    });
  },
});
