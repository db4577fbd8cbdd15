// cogctl users sign-out USER...: revokes every refresh token of the users (AdminUserGlobalSignOut).
import { defineCommand } from "../../src/cli/command.js";
import { actOnUsers, addConfirmOptions, addPoolOption } from "../../src/kernel/task.js";

export default defineCommand<{ pool?: string; yes?: boolean; dryRun?: boolean }>({
  name: "users sign-out",
  summary: "Sign users out everywhere: revoke all their refresh tokens (asks first)",
  examples: [
    "cogctl users sign-out alice@example.com --pool demo",
    "cogctl users sign-out - --pool demo --yes < users.txt",
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
