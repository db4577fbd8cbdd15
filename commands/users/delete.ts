// cogctl users delete USER...: removes users for good; asks first (several: type the pool name).
import { defineCommand } from "../../src/cli/command.js";
import { actOnUsers, addConfirmOptions, addPoolOption } from "../../src/kernel/task.js";

export default defineCommand<{ pool?: string; yes?: boolean; dryRun?: boolean }>({
  name: "users delete",
  summary: "Delete users for good (asks first; several users: type the pool name)",
  examples: [
    "cogctl users delete test-user-1 --pool demo",
    "cogctl users delete alice@example.com bob --pool demo --dry-run",
    "cogctl users list --pool demo --where 'email ^= \"test+\"' | cut -f1 | cogctl users delete - --pool demo --yes",
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
