// cogctl users reset-password USER: the user must reset their password with a code sent to them.
import { defineCommand } from "../../src/cli/command.js";
import { actOnUsers, addPoolOption } from "../../src/kernel/task.js";

export default defineCommand<{ pool?: string }>({
  name: "users reset-password",
  summary: "Make a user reset their password with a code sent to them",
  examples: [
    {
      summary: "Make a user reset their password with a code",
      args: ["users", "reset-password", "alice@example.com", "--pool", "demo"],
    },
  ],
  configure(cmd) {
    addPoolOption(cmd).argument("<user>", "username, email, phone number (E.164) or sub");
  },
  async run(opts, args, ctx) {
    await actOnUsers(ctx, args, opts, {
      verb: "Reset the password of",
      done: "Reset the password of",
      act: (call, pool, user) =>
        call("AdminResetUserPassword", { UserPoolId: pool.id, Username: user.username }).then(() => {}),
    });
  },
});
