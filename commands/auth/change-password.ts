// cogctl auth change-password: the signed-in user changes their password (ChangePassword).

import type { AnswerFlags } from "../../src/auth/answers.js";
import { passwordOptions, sessionOptions } from "../../src/auth/command-options.js";
import { defineCommand } from "../../src/cli/command.js";

type Opts = AnswerFlags & { userPoolId?: string; clientId?: string };

export default defineCommand<Opts>({
  name: "auth change-password",
  summary: "Change the signed-in user's password",
  examples: [
    {
      summary: "Change the signed-in user's password (both asked for at the terminal)",
      args: ["auth", "change-password"],
    },
    {
      summary: "Change it from a script",
      args: ["auth", "change-password", "--password-file", "old.txt", "--new-password-file", "new.txt"],
    },
  ],
  configure(cmd) {
    passwordOptions(sessionOptions(cmd)).option(
      "--new-password-file <path>",
      "The new password (COGCTL_NEW_PASSWORD also works)",
    );
  },
  async run(opts, _args, ctx) {
    const [{ Answers }, { withSession }, policy, { userLabel }] = await Promise.all([
      import("../../src/auth/answers.js"),
      import("../../src/auth/with-session.js"),
      import("../../src/auth/password-policy.js"),
      import("../../src/auth/user-names.js"),
    ]);
    // --username picks the session here; the answers must not treat it as a login name.
    const answers = new Answers({ ...opts, username: undefined }, ctx.io, ctx.prompter, ctx.clock);
    await withSession(ctx, opts, async (call, session) => {
      const previous = await answers.password(userLabel(session));
      const check = policy.policyCheck(await policy.readPasswordPolicy(call, session.userPoolId));
      const proposed = await answers.newPassword(check);
      await call("ChangePassword", {
        AccessToken: session.accessToken,
        PreviousPassword: previous,
        ProposedPassword: proposed,
      });
      ctx.printer.done(`Changed the password of ${userLabel(session)}.`);
    });
  },
});
