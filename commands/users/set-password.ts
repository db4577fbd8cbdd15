// cogctl users set-password USER: sets a password (permanent unless --temporary), read from stdin
// or a file, never from argv.
import { defineCommand } from "../../src/cli/command.js";
import { UsageError } from "../../src/kernel/errors.js";
import { readSecret } from "../../src/kernel/secret-input.js";
import { actOnUsers, addPoolOption } from "../../src/kernel/task.js";

export default defineCommand<{
  pool?: string;
  passwordStdin?: boolean;
  passwordFile?: string;
  temporary?: boolean;
}>({
  name: "users set-password",
  summary: "Set a user's password (permanent, or --temporary to force a change at sign-in)",
  examples: [
    {
      summary: "Set a permanent password piped in on stdin",
      args: ["users", "set-password", "alice@example.com", "--pool", "demo", "--password-stdin"],
    },
    {
      summary: "Set a temporary password from a file (changed at the next sign-in)",
      args: ["users", "set-password", "bob", "--pool", "demo", "--password-file", "pw.txt", "--temporary"],
    },
  ],
  configure(cmd) {
    addPoolOption(cmd)
      .argument("<user>", "username, email, phone number (E.164) or sub")
      .option("--password-stdin", "read the password from stdin")
      .option("--password-file <path>", "read the password from this file")
      .option("--temporary", "the user must choose a new password at the next sign-in");
  },
  async run(opts, args, ctx) {
    const password = await readSecret(ctx.io, {
      stdinFlag: opts.passwordStdin ? "--password-stdin" : undefined,
      file: opts.passwordFile ? { path: opts.passwordFile, flag: "--password-file" } : undefined,
    });
    if (password === undefined)
      throw new UsageError("Give the password with --password-stdin or --password-file.");
    await actOnUsers(ctx, args, opts, {
      verb: "Set the password of",
      done: "Set the password of",
      stdinTakenBy: opts.passwordStdin ? "--password-stdin" : undefined,
      act: (call, pool, user) =>
        call("AdminSetUserPassword", {
          UserPoolId: pool.id,
          Username: user.username,
          Password: password,
          Permanent: !opts.temporary,
        }).then(() => {}),
    });
  },
});
