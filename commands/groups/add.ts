// cogctl groups add GROUP USER...: adds users (by name, email, phone or sub) to a group.
import { defineCommand } from "../../src/cli/command.js";
import { requireGroup } from "../../src/kernel/groups.js";
import { actOnUsers, addPoolOption } from "../../src/kernel/task.js";

export default defineCommand<{ pool?: string }>({
  name: "groups add",
  summary: "Add users to a group",
  examples: [
    {
      summary: "Add two users to a group",
      args: ["groups", "add", "admins", "alice@example.com", "bob", "--pool", "demo"],
    },
    {
      summary: "Add the users listed on stdin to a group",
      args: ["groups", "add", "staff", "-", "--pool", "demo"],
    },
  ],
  configure(cmd) {
    addPoolOption(cmd)
      .argument("<group>", "the group's name")
      .argument("<user...>", "usernames, emails, phones or subs; - reads stdin");
  },
  async run(opts, args, ctx) {
    const [group, ...users] = args;
    await actOnUsers(ctx, users, opts, {
      precheck: (call, pool) => requireGroup(call, pool.id, group),
      verb: `Add to group ${group}`,
      done: `Added to ${group}`,
      act: (call, pool, user) =>
        call("AdminAddUserToGroup", { UserPoolId: pool.id, Username: user.username, GroupName: group }).then(
          () => {},
        ),
    });
  },
});
