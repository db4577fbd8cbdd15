// cogctl users confirm USER...: confirms signed-up users without their code (AdminConfirmSignUp).
import { defineCommand } from "../../src/cli/command.js";
import { actOnUsers, addPoolOption } from "../../src/kernel/task.js";

export default defineCommand<{ pool?: string }>({
  name: "users confirm",
  summary: "Confirm signed-up (UNCONFIRMED) users without their code",
  examples: [
    {
      summary: "Confirm a signed-up user found by email",
      args: ["users", "confirm", "alice@example.com", "--pool", "demo"],
    },
  ],
  configure(cmd) {
    addPoolOption(cmd).argument("<user...>", "usernames, emails, phones or subs; - reads stdin");
  },
  async run(opts, args, ctx) {
    await actOnUsers(ctx, args, opts, {
      verb: "Confirm",
      done: "Confirmed",
      act: (call, pool, user) =>
        call("AdminConfirmSignUp", { UserPoolId: pool.id, Username: user.username }).then(() => {}),
    });
  },
});
