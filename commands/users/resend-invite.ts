// cogctl users resend-invite USER: sends the invitation (and a new temporary password) again.
import { defineCommand } from "../../src/cli/command.js";
import { actOnUsers, addPoolOption } from "../../src/kernel/task.js";

export default defineCommand<{ pool?: string }>({
  name: "users resend-invite",
  summary: "Send a user's invitation again, with a new temporary password",
  examples: [
    {
      summary: "Send the invitation to a user found by email again",
      args: ["users", "resend-invite", "alice@example.com", "--pool", "demo"],
    },
  ],
  configure(cmd) {
    addPoolOption(cmd).argument("<user>", "username, email, phone number (E.164) or sub");
  },
  async run(opts, args, ctx) {
    await actOnUsers(ctx, args, opts, {
      verb: "Resend the invitation to",
      done: "Resent the invitation to",
      act: (call, pool, user) =>
        call("AdminCreateUser", {
          UserPoolId: pool.id,
          Username: user.username,
          MessageAction: "RESEND",
        }).then(() => {}),
    });
  },
});
