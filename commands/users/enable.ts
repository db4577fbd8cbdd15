// cogctl users enable USER...: lets disabled users sign in again.
import { defineCommand } from "../../src/cli/command.js";
import { actOnUsers, addPoolOption } from "../../src/kernel/task.js";

export default defineCommand<{ pool?: string }>({
  name: "users enable",
  summary: "Enable users that were disabled",
  examples: [
    {
      summary: "Enable a user found by email",
      args: ["users", "enable", "alice@example.com", "--pool", "demo"],
    },
    {
      summary: "Enable the users listed on stdin, one per line",
      args: ["users", "enable", "-", "--pool", "demo"],
    },
  ],
  configure(cmd) {
    addPoolOption(cmd).argument("<user...>", "usernames, emails, phones or subs; - reads stdin");
  },
  async run(opts, args, ctx) {
    await actOnUsers(ctx, args, opts, {
      verb: "Enable",
      done: "Enabled",
      act: (call, pool, user) =>
        call("AdminEnableUser", { UserPoolId: pool.id, Username: user.username }).then(() => {}),
    });
  },
});
