// cogctl users delete USER...: removes users for good; asks first (several: type the pool name).
import { defineCommand } from "../../src/cli/command.js";
import { actOnUsers, addConfirmOptions, addPoolOption } from "../../src/kernel/task.js";

export default defineCommand<{ pool?: string; yes?: boolean; dryRun?: boolean }>({
  name: "users delete",
  summary: "Delete users for good (asks first; several users: type the pool name)",
  examples: [
    {
      summary: "Delete a test user (asks first on a terminal)",
      args: ["users", "delete", "test-user-1", "--pool", "demo"],
    },
    {
      summary: "Show what deleting two users would do, changing nothing",
      args: ["users", "delete", "alice@example.com", "bob", "--pool", "demo", "--dry-run"],
    },
    {
      summary: "Delete the users on stdin (e.g. piped from users list | cut -f1), without asking",
      args: ["users", "delete", "-", "--pool", "demo", "--yes"],
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
      verb: "Delete",
      done: "Deleted",
      destructive: true,
      typePoolNameWhenBulk: true,
      act: (call, pool, user) =>
        call("AdminDeleteUser", { UserPoolId: pool.id, Username: user.username }).then(() => {}),
    });
  },
});
