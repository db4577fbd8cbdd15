// `users validate`: one streaming pass over an import file with the shared reader
// (src/cognito/csv/), each problem reported as soon as its row is read, and the counts at the end.
// Text for people (`users.csv:18:5: email: "bob@" is not an email address (write a full address,
// such as bob@example.com)`, coloured and capped on a terminal) or JSON lines for CI (every problem,
// then one summary object), so memory stays constant however many problems a file has.
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { CsvFileError, type ImportFileOptions, openImportFile } from "../../cognito/csv/index.js";
import type { CsvFileProblem, CsvProblem, ImportPool } from "../../cognito/csv/types.js";
import { CSV_LIMITS } from "../../cognito/csv-rules.js";
import { UsageError } from "../errors.js";
import { describeFileError } from "../io/file-errors.js";
import type { IO } from "../io/io.js";
import { type ChalkInstance, loadChalk } from "../output/lazy-modules.js";
import { createProgress } from "../progress.js";

export interface ImportInput {
  /** The name problems carry: the path as typed, or "-" for standard input. */
  shown: string;
  source: AsyncIterable<Uint8Array>;
}

/** Opens FILE (or `-`, standard input) for a streaming read; an unreadable path is a UsageError. */
export async function openInput(path: string, io: IO, argName = "FILE"): Promise<ImportInput> {
  if (path === "-") {
    if (io.stdinIsTTY)
      throw new UsageError(
        `${argName} is - (standard input), which is a terminal: pipe the CSV in, or name the file.`,
      );
    return { shown: "-", source: io.stdinStream as AsyncIterable<Uint8Array> };
  }
  try {
    const s = await stat(path);
    if (s.isDirectory()) throw Object.assign(new Error("EISDIR"), { code: "EISDIR" });
  } catch (err) {
    throw new UsageError(`Cannot read ${argName} ${path}: ${describeFileError(err)}.`);
  }
  return { shown: path, source: createReadStream(path, { highWaterMark: 64 * 1024 }) };
}

export interface ValidationSummary {
  file: string;
  /** "unusable": the file cannot be imported at all (exit 252). */
  status: "valid" | "invalid" | "unusable";
  rows: number;
  valid: number;
  invalid: number;
  problems: number;
  /** Problems by kind (CsvProblemKind), most frequent first. */
  byKind: Record<string, number>;
}

export type ReportFormat = "text" | "json";

export interface Reporter {
  problem(p: CsvProblem | CsvFileProblem): void;
  /** Ends the report: the "... more" line on a terminal, the summary object in JSON. */
  end(summary: ValidationSummary): void;
}

/** Problems shown on a terminal before "... and N more" (all of them in pipes and in JSON). */
export const TERMINAL_PROBLEMS_SHOWN = 50;

/** `file:line:column: field: message (fix)`, the location dim, the message in colour when chalk is given. */
export function formatProblem(file: string, p: CsvProblem, chalk?: ChalkInstance): string {
  const where = `${file}:${p.line}${p.column !== undefined ? `:${p.column}` : ""}:`;
  const field = p.field ? `${p.field}: ` : "";
  if (!chalk) return `${where} ${field}${p.message} (${p.fix})`;
  return `${chalk.bold(where)} ${chalk.cyan(field)}${chalk.red(p.message)} ${chalk.dim(`(${p.fix})`)}`;
}

export function createReporter(io: IO, format: ReportFormat, file: string): Reporter {
  if (format === "json") {
    return {
      problem: (p) => io.stdout.write(`${JSON.stringify({ type: "problem", file, ...p, kind: p.kind })}\n`),
      end: (summary) => io.stdout.write(`${JSON.stringify({ type: "summary", ...summary })}\n`),
    };
  }
  const cap = io.stdout.isTTY ? TERMINAL_PROBLEMS_SHOWN : Number.POSITIVE_INFINITY;
  const chalk = io.color ? loadChalk() : undefined;
  let shown = 0;
  let hidden = 0;
  return {
    problem(p) {
      if (shown >= cap) {
        hidden++;
        return;
      }
      shown++;
      io.stdout.write(`${formatProblem(file, p, chalk)}\n`);
    },
    end() {
      if (hidden > 0)
        io.stdout.write(
          `... and ${count(hidden, "more problem")} (all of them: --format json, or pipe the output)\n`,
        );
    },
  };
}

export const count = (n: number, noun: string) => `${n.toLocaleString("en-US")} ${noun}${n === 1 ? "" : "s"}`;

/** One line for people: `users.csv: 1,000 rows, 990 valid, 10 invalid; 12 problems: 7 email, 5 duplicate`. */
export function summaryText(s: ValidationSummary): string {
  if (s.status === "unusable")
    return `${s.file} cannot be imported: ${count(s.problems, "problem")} with the file itself (above); no row was checked past them.`;
  const kinds = Object.entries(s.byKind)
    .map(([kind, n]) => `${n.toLocaleString("en-US")} ${kind}`)
    .join(", ");
  if (s.status === "valid") return `${s.file}: ${count(s.rows, "row")}, all valid.`;
  return `${s.file}: ${count(s.rows, "row")}, ${s.valid.toLocaleString("en-US")} valid, ${s.invalid.toLocaleString("en-US")} invalid; ${count(s.problems, "problem")}: ${kinds}.`;
}

/**
 * Reads the whole input, handing each problem to the reporter as its row is read. Never throws for
 * the file's own problems: an unusable file is a summary with status "unusable".
 */
export async function validateInput(
  io: IO,
  input: ImportInput,
  pool: ImportPool,
  reporter: Reporter,
  options: ImportFileOptions = {},
): Promise<ValidationSummary> {
  const byKind = new Map<string, number>();
  let problems = 0;
  // On a terminal, stdout's problem lines and stderr's progress share the screen: the progress line
  // is cleared before each problem line (the next tick draws it again below).
  const progress = createProgress(io, { label: `Checking ${input.shown}` });
  const note = (p: CsvProblem) => {
    progress.done();
    problems++;
    byKind.set(p.kind ?? "other", (byKind.get(p.kind ?? "other") ?? 0) + 1);
    reporter.problem(p);
  };
  const summary = (
    status: ValidationSummary["status"],
    rows: number,
    invalid: number,
  ): ValidationSummary => ({
    file: input.shown,
    status,
    rows,
    valid: rows - invalid,
    invalid,
    problems,
    byKind: Object.fromEntries([...byKind].sort((a, b) => b[1] - a[1])),
  });
  let rows = 0;
  let invalid = 0;
  try {
    if (input.shown !== "-") {
      const { size } = await stat(input.shown);
      if (size > CSV_LIMITS.maxFileBytes && options.fileLimits !== false)
        throw new CsvFileError([
          {
            kind: "file",
            line: 1,
            message: `the file is ${size.toLocaleString("en-US")} bytes, over 100 MB (${CSV_LIMITS.maxFileBytes.toLocaleString("en-US")} bytes), the most Cognito imports at once`,
            fix: "split it into files of at most 100 MB and 500,000 users (cogctl users import splits it for you)",
            fatal: true,
          },
        ]);
    }
    const file = await openImportFile(input.source, pool, options);
    for await (const batch of file.batches()) {
      for (const row of batch) {
        if (row.problems.length === 0) continue;
        invalid++;
        for (const p of row.problems) note(p);
      }
      rows += batch.length;
      progress.tick(batch.length);
    }
  } catch (err) {
    progress.done();
    if (!(err instanceof CsvFileError)) {
      if ((err as NodeJS.ErrnoException).code)
        throw new UsageError(`Cannot read ${input.shown}: ${describeFileError(err)}.`);
      throw err;
    }
    for (const p of err.problems) note(p);
    const s = summary("unusable", rows, invalid);
    reporter.end(s);
    return s;
  }
  progress.done();
  const s = summary(invalid ? "invalid" : "valid", rows, invalid);
  reporter.end(s);
  return s;
}
