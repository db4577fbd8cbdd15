// cogctl apply -f STACK: makes the pools of a stack file so, idempotently, then prints their ids,
// ARNs, domains and client ids (secrets masked unless --show-secrets) as a table, JSON or
// `export` lines for the next CI step.
import { defineCommand } from "../src/cli/command.js";
import { UsageError } from "../src/kernel/errors.js";
import { loadStack } from "../src/kernel/stack/loader.js";
import { outputEnv, outputJson, outputRows } from "../src/kernel/stack/outputs.js";
import { MASK } from "../src/kernel/stack/render.js";
import { runApply } from "../src/kernel/stack/run.js";
import { stackSchemaText } from "../src/kernel/stack/schema.js";
import { createTablePrinter } from "../src/kernel/table-printer.js";
import { withTask } from "../src/kernel/task.js";

interface Opts {
  file?: string;
  prune?: boolean;
  yes?: boolean;
  showSecrets?: boolean;
  schema?: boolean;
}

export default defineCommand<Opts>({
  name: "apply",
  summary: "Create or update the pools, clients, groups, domains and test users of a stack file",
  description: [
    "Makes the service match the stack file, in dependency order; a second run changes nothing.",
    "Updates send the full merged settings (what the pool has, with the file's members on top), so a",
    "setting the file does not mention is kept. Deletions happen only with --prune, after",
    "confirmation (--yes without a terminal). A run that fails halfway says what was done; the same",
    "command continues it. --output env prints `export COGNITO_<POOL>_POOL_ID=...` lines.",
  ].join("\n"),
  outputFormats: ["env"],
  examples: [
    { summary: "Make it so, then print the ids", args: ["apply", "-f", "stack.yaml"] },
    {
      summary: "In CI: ids and secrets as shell variables for the next step",
      args: ["apply", "-f", "stack.yaml", "--output", "env", "--show-secrets"],
    },
    {
      summary: "Also delete what the file's maps leave out",
      args: ["apply", "-f", "stack.yaml", "--prune", "--yes"],
    },
    { summary: "The stack file's JSON Schema (for editors)", args: ["apply", "--schema"] },
  ],
  configure(cmd) {
    cmd
      .option("-f, --file <path>", "the stack file (YAML or JSON)")
      .option(
        "--prune",
        "delete clients, groups, resource servers and identity providers the file's maps leave out",
      )
      .option("--yes", "do not ask before deleting (needed without a terminal)")
      .option("--show-secrets", "print client secrets instead of masking them")
      .option("--schema", "print the stack file's JSON Schema and exit");
  },
  async run(opts, _args, ctx) {
    if (opts.schema) {
      ctx.io.stdout.write(stackSchemaText());
      return 0;
    }
    if (!opts.file)
      throw new UsageError(
        "Give the stack file with -f PATH (`cogctl apply --schema` prints its JSON Schema).",
      );
    const stack = loadStack(opts.file, ctx.io.env);
    const format = ctx.globals.outputExplicit ? (ctx.globals.output as string) : "table";
    const plan = await withTask(ctx, ({ call }) => runApply(ctx, call, stack, opts));
    const show = Boolean(opts.showSecrets);
    if (format === "env") {
      ctx.io.stdout.write(outputEnv(plan.refs, show));
    } else if (format === "table" && ctx.globals.query === undefined) {
      const table = createTablePrinter<{ name: string; kind: string; value: string }>(ctx.io, [
        { header: "NAME", value: (r) => r.name },
        { header: "OUTPUT", value: (r) => r.kind },
        { header: "VALUE", value: (r) => r.value },
      ]);
      for (const r of outputRows(plan.refs)) table.add({ ...r, value: r.secret && !show ? MASK : r.value });
      table.render();
    } else {
      ctx.printer.result(outputJson(plan.refs, show));
    }
    return 0;
  },
});
