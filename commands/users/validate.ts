// cogctl users validate FILE: checks a users import file against the live pool before anything is
// sent, every problem at file:line:column with how to fix it; --fix-escaping writes a corrected copy.
import { realpath } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { defineCommand } from "../../src/cli/command.js";
import { fixEscaping } from "../../src/cognito/csv/fix-escaping.js";
import { RowsFailedError, UsageError } from "../../src/kernel/errors.js";
import { writeFileAtomically } from "../../src/kernel/import/atomic-file.js";
import { loadImportPool } from "../../src/kernel/import/import-pool.js";
import {
  count,
  createReporter,
  openInput,
  type ReportFormat,
  summaryText,
  validateInput,
} from "../../src/kernel/import/validate.js";
import { addPoolOption, withTask } from "../../src/kernel/task.js";

interface Opts {
  pool?: string;
  format?: string;
  via?: string;
  fixEscaping?: boolean;
  out?: string;
  force?: boolean;
}

export default defineCommand<Opts>({
  name: "users validate",
  summary: "Check a users import CSV against a pool: every problem at file:line:column, with the fix",
  description: [
    "Read a users import file (FILE, or - for standard input) as Cognito's import job will, against the",
    "live pool (DescribeUserPool and GetCSVHeader): the header, the column count, quoting (Cognito has",
    "none: a comma in a value is \\,), UTF-8 without BOM, rows of at most 16,000 characters, 100 MB and",
    "500,000 users, usernames (present, no whitespace, at most 128 characters, unique, in the pool's",
    "case rule), emails and phone numbers users sign in with unique, email and E.164 formats, booleans,",
    "birthdate mm/dd/yyyy, updated_at in epoch seconds, cognito:mfa_enabled as the pool's MFA mode",
    "requires, one auto-verified attribute verified with its value, required and custom attributes.",
    "",
    "Each problem is one line on stdout: FILE:LINE:COLUMN: FIELD: what is wrong (how to fix it);",
    "columns count characters. On a terminal the first 50 are shown (and how many more); in pipes all.",
    "The summary goes to stderr. --format json prints JSON lines instead: one {type: problem, ...}",
    "object per problem (file, line, column, field, kind, message, fix), then one {type: summary, ...}",
    "(status valid | invalid | unusable, rows, valid, invalid, problems, byKind).",
    "--via api checks for `users import --via api` (no auto-verified attribute needed).",
    "",
    "--fix-escaping writes a corrected copy first (FILE with .fixed.csv, or --out; never over FILE,",
    "an existing file only with --force): quoted values lose their quotes, their commas become \\, and",
    '"" becomes "; a byte order mark is dropped. Then the copy is checked.',
    "",
    "Exit status: 0 every row is valid, 1 some rows are invalid, 252 the file cannot be used at all.",
  ]
    .join("\n")
    // One paragraph a line, so help wraps it at the terminal's width.
    .replace(/(?<!\n)\n(?!\n)/g, " "),
  examples: [
    {
      summary: "Check a file before importing it",
      args: ["users", "validate", "users.csv", "--pool", "demo"],
    },
    {
      summary: "All problems as JSON lines, for CI",
      args: ["users", "validate", "users.csv", "--pool", "demo", "--format", "json"],
    },
    {
      summary: 'Turn "Smith, John" quoting into Cognito\'s \\, and check the copy',
      args: ["users", "validate", "export.csv", "--pool", "demo", "--fix-escaping", "--out", "users.csv"],
    },
  ],
  configure(cmd) {
    addPoolOption(cmd)
      .argument("<file>", "the CSV file, or - for standard input")
      .option("--format <text|json>", "text (default) or json (JSON lines: each problem, then a summary)")
      .option("--via <job|api>", "the import path whose rules apply (default: job)")
      .option("--fix-escaping", "write a copy with quoted values turned into \\, escapes, then check it")
      .option("--out <file>", "with --fix-escaping: where the copy goes (default FILE.fixed.csv)")
      .option("--force", "with --fix-escaping: replace an existing copy");
  },
  async run(opts, args, ctx) {
    if (args.length !== 1) throw new UsageError("users validate takes one FILE (or - for standard input).");
    const path = args[0];
    const format = (opts.format ??
      (ctx.globals.outputExplicit && ctx.globals.output === "json" ? "json" : "text")) as ReportFormat;
    if (format !== "text" && format !== "json")
      throw new UsageError(`--format ${opts.format}: give text or json.`);
    if (opts.via !== undefined && opts.via !== "job" && opts.via !== "api")
      throw new UsageError(`--via ${opts.via}: give job or api.`);
    if (!opts.fixEscaping && (opts.out !== undefined || opts.force))
      throw new UsageError(
        `${opts.out !== undefined ? "--out" : "--force"} goes with --fix-escaping (the corrected copy).`,
      );
    const out = opts.fixEscaping ? await fixedPath(path, opts.out) : undefined;
    let input = await openInput(path, ctx.io);

    const summary = await withTask(ctx, async ({ call, resolver }) => {
      const ref = await resolver.pool(opts.pool);
      const pool = await loadImportPool(call, ref.id, {
        notAws: ctx.globals.local || ctx.globals.endpointUrl !== undefined,
        warn: (m) => ctx.printer.warn(m),
      });
      if (out !== undefined) {
        const stats = { lines: 0, changedLines: 0, values: 0, bomRemoved: false };
        // 0600, like a rejects file: the rows hold people's attributes.
        await writeFileAtomically(out, fixEscaping(input.source, stats), {
          force: opts.force,
          shown: out,
          mode: 0o600,
        });
        ctx.io.stderr.write(
          `Wrote ${out}: ${stats.values ? `${count(stats.values, "quoted value")} unquoted in ${count(stats.changedLines, "line")}` : "no quoted values to fix"}${stats.bomRemoved ? ", the byte order mark dropped" : ""}. Checking it.\n`,
        );
        input = await openInput(out, ctx.io, "--out");
      }
      return validateInput(ctx.io, input, pool, createReporter(ctx.io, format, input.shown), {
        via: opts.via as "job" | "api" | undefined,
      });
    });
    const text = summaryText(summary);
    if (summary.status === "unusable") throw new UsageError(text);
    if (summary.status === "invalid")
      throw new RowsFailedError(
        `${text}${opts.via === "api" ? "" : " Fix them, or import the rest with users import --skip-invalid."}`,
      );
    ctx.io.stderr.write(`${text}\n`);
  },
});

/** The corrected copy's path: --out, else FILE with .fixed.csv; never FILE itself. */
async function fixedPath(path: string, out: string | undefined): Promise<string> {
  if (out === undefined) {
    if (path === "-") throw new UsageError("--fix-escaping on standard input needs --out FILE for the copy.");
    const name = basename(path);
    out = join(dirname(path), `${name.replace(/\.csv$/i, "")}.fixed.csv`);
  }
  if (path !== "-") {
    const same = async (p: string) => realpath(p).catch(() => resolve(p));
    if ((await same(out)) === (await same(path)))
      throw new UsageError(
        `--out ${out} is FILE itself: --fix-escaping never overwrites its input; name another file.`,
      );
  }
  return out;
}
