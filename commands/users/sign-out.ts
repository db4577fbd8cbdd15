// cogctl users sign-out USER...: revokes every refresh token of the users (AdminUserGlobalSignOut).
import { defineCommand } from "../../src/cli/command.js";
import { actOnUsers, addConfirmOptions, addPoolOption } from "../../src/kernel/task.js";

export default defineCommand<{ pool?: string; yes?: boolean; dryRun?: boolean }>({
  name: "users sign-out",
  summary: "Sign users out everywhere: revoke all their refresh tokens (asks first)",
  examples: [
    {
      summary: "Sign a user out everywhere (asks first on a terminal)",
      args: ["users", "sign-out", "alice@example.com", "--pool", "demo"],
    },
    {
      summary: "Sign out the users listed on stdin, without asking",
      args: ["users", "sign-out", "-", "--pool", "demo", "--yes"],
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
      verb: "Sign out",
      done: "Signed out",
      destructive: true,
      act: (call, pool, user) =>
        call("AdminUserGlobalSignOut", { UserPoolId: pool.id, Username: user.username }).then(() => {}),
    });
  },
});
