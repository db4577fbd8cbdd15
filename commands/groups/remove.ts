// cogctl groups remove GROUP USER...: takes users (by name, email, phone or sub) out of a group;
// the users stay in the pool. Asks first.
import { defineCommand } from "../../src/cli/command.js";
import { requireGroup } from "../../src/kernel/groups.js";
import { actOnUsers, addConfirmOptions, addPoolOption } from "../../src/kernel/task.js";

export default defineCommand<{ pool?: string; yes?: boolean; dryRun?: boolean }>({
  name: "groups remove",
  summary: "Remove users from a group; they stay in the pool (asks first)",
  examples: [
    {
      summary: "Remove a user found by email from a group (asks first on a terminal)",
      args: ["groups", "remove", "admins", "alice@example.com", "--pool", "demo"],
    },
    {
      summary: "Show what removing two users would do, changing nothing",
      args: ["groups", "remove", "admins", "alice", "bob", "--pool", "demo", "--dry-run"],
    },
    {
      summary: "Remove the users listed on stdin, without asking",
      args: ["groups", "remove", "staff", "-", "--pool", "demo", "--yes"],
    },
  ],
  configure(cmd) {
    addConfirmOptions(addPoolOption(cmd))
      .argument("<group>", "the group's name")
      .argument("<user...>", "usernames, emails, phones or subs; - reads stdin");
  },
  async run(opts, args, ctx) {
    const [group, ...users] = args;
    await actOnUsers(ctx, users, opts, {
      precheck: (call, pool) => requireGroup(call, pool.id, group),
      verb: "Remove",
      phrase: (users) => `Remove ${users} from group ${group}`,
      done: `Removed from ${group}`,
      destructive: true,
      act: (call, pool, user) =>
        call("AdminRemoveUserFromGroup", {
          UserPoolId: pool.id,
          Username: user.username,
          GroupName: group,
        }).then(() => {}),
    });
  },
});
