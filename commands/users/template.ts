// cogctl users template: the pool's import CSV header (GetCSVHeader), and with --example one row
// the pool accepts, to start a users file from.
import { defineCommand } from "../../src/cli/command.js";
import { exampleRow, exampleValues } from "../../src/cognito/csv/example.js";
import { writeFileAtomically } from "../../src/kernel/import/atomic-file.js";
import { loadImportPool } from "../../src/kernel/import/import-pool.js";
import { addPoolOption, wantsPrinter, withTask } from "../../src/kernel/task.js";

interface Opts {
  pool?: string;
  out?: string;
  example?: boolean;
  force?: boolean;
}

export default defineCommand<Opts>({
  name: "users template",
  summary: "Print a pool's users import CSV header (GetCSVHeader), with --example a valid row",
  description: [
    "Print the header a users import file for the pool must have: GetCSVHeader's columns, in its",
    "order, on one line. --example adds one row the pool accepts (its MFA mode, an auto-verified",
    "attribute marked verified, its required and custom attributes), with a comma in the address",
    "written the one way Cognito reads it: \\, (there is no quoting). --out writes a file instead",
    "(in one step: never half a file); an existing file is replaced only with --force.",
    "Check a file against the pool with `cogctl users validate FILE --pool P`.",
  ]
    .join("\n")
    // One paragraph a line, so help wraps it at the terminal's width.
    .replace(/(?<!\n)\n(?!\n)/g, " "),
  examples: [
    { summary: "Print the header", args: ["users", "template", "--pool", "demo"] },
    {
      summary: "Start a users file with an example row",
      args: ["users", "template", "--pool", "demo", "--example", "--out", "users.csv"],
    },
  ],
  configure(cmd) {
    addPoolOption(cmd)
      .option("--example", "add one example row the pool accepts")
      .option("--out <file>", "write the file instead of printing it")
      .option("--force", "with --out: replace an existing file");
  },
  async run(opts, _args, ctx) {
    await withTask(ctx, async ({ call, resolver }) => {
      const ref = await resolver.pool(opts.pool);
      const pool = await loadImportPool(call, ref.id, {
        notAws: ctx.globals.local || ctx.globals.endpointUrl !== undefined,
        warn: (m) => ctx.printer.warn(m),
      });
      if (wantsPrinter(ctx)) {
        ctx.printer.result({
          CSVHeader: pool.header,
          ...(opts.example ? { Example: exampleValues(pool) } : {}),
        });
        return;
      }
      const text = `${pool.header.join(",")}\n${opts.example ? `${exampleRow(pool)}\n` : ""}`;
      if (opts.out === undefined) {
        ctx.io.stdout.write(text);
        return;
      }
      await writeFileAtomically(opts.out, [text], { force: opts.force, shown: opts.out });
      ctx.printer.done(
        `Wrote ${opts.out}: the header of ${ref.name ?? ref.id}${opts.example ? " and an example row" : ""}`,
      );
    });
  },
});
