// cogctl plan -f STACK: what `cogctl apply` would change, resource by resource, with each member's
// old and new value (secrets masked) and what cannot change in place. Exit 0: nothing to do;
// 2: changes pending (a CI gate); 252: a bad file.
import { defineCommand } from "../src/cli/command.js";
import { PendingChangesError, UsageError } from "../src/kernel/errors.js";
import { loadStack } from "../src/kernel/stack/loader.js";
import { buildPlan, pending } from "../src/kernel/stack/plan.js";
import { renderPlan } from "../src/kernel/stack/render.js";
import { withTask } from "../src/kernel/task.js";

interface Opts {
  file?: string;
  prune?: boolean;
}

export default defineCommand<Opts>({
  name: "plan",
  summary: "What `cogctl apply -f STACK` would create, update or delete (exit 2 when changes are pending)",
  description: [
    "Reads the stack file, finds its pools by name and prints, for each pool and what it holds, what",
    "would be created, updated (member by member, secrets masked) or deleted (--prune), and what",
    "cannot change in place, with why. Exit 0 when nothing would change, 2 when changes are pending,",
    "252 when the file is wrong (file:line:column).",
  ].join("\n"),
  examples: [
    { summary: "What would change", args: ["plan", "-f", "stack.yaml"] },
    { summary: "Also list what --prune would delete", args: ["plan", "-f", "stack.yaml", "--prune"] },
  ],
  configure(cmd) {
    cmd
      .option("-f, --file <path>", "the stack file (YAML or JSON)")
      .option(
        "--prune",
        "plan the deletion of clients, groups, resource servers and identity providers the file's maps leave out",
      );
  },
  async run(opts, _args, ctx) {
    if (!opts.file)
      throw new UsageError("Give the stack file with -f PATH (see `cogctl apply --schema` for its members).");
    const stack = loadStack(opts.file, ctx.io.env);
    return withTask(ctx, async ({ call }) => {
      const plan = await buildPlan(call, stack, { prune: opts.prune });
      ctx.io.stdout.write(renderPlan(plan));
      const n = pending(plan).length;
      if (n > 0)
        throw new PendingChangesError(
          `${n} change${n > 1 ? "s" : ""} pending: \`cogctl apply -f ${opts.file}${opts.prune ? " --prune" : ""}\` makes ${n > 1 ? "them" : "it"}.`,
        );
      return 0;
    });
  },
});
