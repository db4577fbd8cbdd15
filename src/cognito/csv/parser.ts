// The streaming reader of Cognito's import dialect: bytes in, checked rows out, one line at a time.
//
// Why by hand and not csv-parse: Cognito's dialect has no quoting (a line is a row, `,` separates,
// `\,` is a comma in a value), and csv-parse 6.2's stream parser read a 106 MB, 500,000-row file at
// 8,700 rows/s with `quote: false` (11,800 rows/s with its default quoting), against 100,000 rows/s
// wanted (Node 20, 2 shared cores, load 2.7); splitting lines and commas here does 900,000 rows/s on
// the same file. Quotes are still looked at, only to tell a person their quoted commas split values.
import { isUtf8 } from "node:buffer";
import { CSV_LIMITS, codePoints, rowCharacters, startsWithUtf8Bom } from "../csv-rules.js";
import { isExtraColumn, RowRules, type RuleProblem } from "./rules.js";
import type { CsvFileProblem, CsvProblem, CsvRow, ImportPool } from "./types.js";

/** The file cannot be used at all (exit 252 in the CLI; the whole job fails in Cognito). */
export class CsvFileError extends Error {
  constructor(readonly problems: CsvFileProblem[]) {
    super(problems.map((p) => `line ${p.line}${p.column ? `:${p.column}` : ""}: ${p.message}`).join("; "));
    this.name = "CsvFileError";
  }
}

export interface ImportFileOptions {
  /**
   * 100 MB and 500,000 rows end the read with a CsvFileError (the default, as Cognito refuses such a
   * file). `false` for a caller that splits a larger file into several jobs.
   */
  fileLimits?: boolean;
  /**
   * Whose rules: "job" (default), Cognito's import job; "api", rows sent one AdminCreateUser each,
   * where a pool needs no auto-verified attribute and a row need not mark one verified.
   */
  via?: "job" | "api";
  /** Lower limits than Cognito's, for tests of what happens at them. */
  limits?: { maxFileBytes?: number; maxUsers?: number };
}

export interface ImportFileStats {
  bytes: number;
  /** Lines read, the header included. */
  lines: number;
  /** Data rows (blank lines are not rows). */
  rows: number;
  invalidRows: number;
}

export interface ImportHeader {
  /** The names, trimmed, in the file's order (the order of every row's values). */
  columns: string[];
  /** The header line as written, without its line ending. */
  line: string;
}

/** Longest line kept while looking for its end: far past 16,000 characters of any UTF-8. */
const MAX_LINE_BYTES = 1024 * 1024;
const LF = 0x0a;
const fileProblem = (line: number, message: string, fix: string, column?: number): CsvFileProblem => ({
  kind: "file",
  line,
  column,
  message,
  fix,
  fatal: true,
});
const thousands = (n: number) => String(n).replace(/\B(?=(\d{3})+$)/g, ",");

/** Splits a line at its separators (a `,` not after `\`); starts are UTF-16 offsets of each field. */
export function splitLine(line: string): { fields: string[]; starts: number[] } {
  const fields: string[] = [];
  const starts: number[] = [];
  let from = 0;
  let search = 0;
  for (;;) {
    const comma = line.indexOf(",", search);
    if (comma < 0) break;
    search = comma + 1;
    if (comma > 0 && line.charCodeAt(comma - 1) === 92) continue; // `\,`
    fields.push(line.slice(from, comma));
    starts.push(from);
    from = comma + 1;
  }
  fields.push(line.slice(from));
  starts.push(from);
  return { fields, starts };
}

/** The fields of a line (splitLine without the starts: the common path, where no problem needs them). */
function splitFields(line: string): string[] {
  const fields: string[] = [];
  let from = 0;
  let search = 0;
  for (;;) {
    const comma = line.indexOf(",", search);
    if (comma < 0) break;
    search = comma + 1;
    if (comma > 0 && line.charCodeAt(comma - 1) === 92) continue;
    fields.push(from === comma ? "" : line.slice(from, comma));
    from = comma + 1;
  }
  fields.push(line.slice(from));
  return fields;
}

/** A field's value: trimmed, escaped commas restored. */
function fieldValue(field: string): string {
  if (field === "") return field;
  const v = field.charCodeAt(0) > 32 && field.charCodeAt(field.length - 1) > 32 ? field : field.trim();
  return v.includes("\\,") ? v.replaceAll("\\,", ",") : v;
}

/** Offset of the first byte of bytes that does not belong to a well-formed UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    const n =
      b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (n === 0 || i + n > bytes.length || !isUtf8(bytes.subarray(i, i + n))) return i;
    i += n;
  }
  return -1;
}

/**
 * The synchronous core: push the file's bytes in any chunks, get its rows back in order (each with
 * its problems). Throws CsvFileError when the file cannot be used. Memory: the unfinished line and the
 * uniqueness sets (see key-set.ts); nothing else grows with the file.
 */
export class ImportFileParser {
  header: ImportHeader | undefined;
  readonly stats: ImportFileStats = { bytes: 0, lines: 0, rows: 0, invalidRows: 0 };
  private pending: Buffer = Buffer.alloc(0);
  private bomChecked = false;
  private rules: RowRules | undefined;
  private template: Record<string, string> = {};
  /** One row's values in column order, reused row after row (the rules read it and keep nothing). */
  private trimmed: string[] = [];
  private readonly fileLimits: boolean;
  private readonly maxFileBytes: number;
  private readonly maxUsers: number;
  private readonly via: "job" | "api";

  constructor(
    private readonly pool: ImportPool,
    options: ImportFileOptions = {},
  ) {
    this.fileLimits = options.fileLimits ?? true;
    this.via = options.via ?? "job";
    this.maxFileBytes = options.limits?.maxFileBytes ?? CSV_LIMITS.maxFileBytes;
    this.maxUsers = options.limits?.maxUsers ?? CSV_LIMITS.maxUsers;
  }

  push(chunk: Uint8Array): CsvRow[] {
    this.stats.bytes += chunk.length;
    if (this.fileLimits && this.stats.bytes > this.maxFileBytes) {
      // The line holding the first byte past the limit: the lines before it, plus the line breaks of
      // this chunk up to that byte (the unfinished line kept from the last chunk has none).
      const within = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length).subarray(
        0,
        chunk.length - (this.stats.bytes - this.maxFileBytes),
      );
      let breaks = 0;
      for (let i = within.indexOf(LF); i >= 0; i = within.indexOf(LF, i + 1)) breaks++;
      const limit =
        this.maxFileBytes === CSV_LIMITS.maxFileBytes
          ? `100 MB (${thousands(this.maxFileBytes)} bytes)`
          : `${thousands(this.maxFileBytes)} bytes`;
      throw new CsvFileError([
        fileProblem(
          this.stats.lines + 1 + breaks,
          `the file is over ${limit}, the most Cognito imports at once; this line goes past it`,
          "split it into files of at most 100 MB and 500,000 users (cogctl users import splits it for you)",
        ),
      ]);
    }
    const bytes = this.pending.length
      ? Buffer.concat([this.pending, chunk])
      : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
    if (!this.bomChecked && bytes.length >= 3) this.checkBom(bytes);
    const end = bytes.lastIndexOf(LF) + 1;
    if (end === 0) {
      this.pending = bytes;
      this.checkPendingLength();
      return [];
    }
    // Copied: the caller may reuse its chunk's memory once push returns.
    this.pending = Buffer.from(bytes.subarray(end));
    this.checkPendingLength();
    return this.lines(bytes.subarray(0, end), true);
  }

  /** The last line (when the file does not end with a line break); checks the file had a header. */
  end(): CsvRow[] {
    if (!this.bomChecked) this.checkBom(this.pending);
    const rows = this.pending.length ? this.lines(this.pending, false) : [];
    this.pending = Buffer.alloc(0);
    if (!this.header) {
      throw new CsvFileError([
        fileProblem(
          1,
          "the file is empty: it has no header line",
          "start with the pool's header (cogctl users template --pool P)",
        ),
      ]);
    }
    return rows;
  }

  private checkBom(bytes: Uint8Array): void {
    this.bomChecked = true;
    if (startsWithUtf8Bom(bytes)) {
      throw new CsvFileError([
        fileProblem(
          1,
          "the file starts with a byte order mark (BOM), which Cognito refuses",
          "save it as UTF-8 without BOM, e.g. tail -c +4 users.csv > users-nobom.csv",
          1,
        ),
      ]);
    }
  }

  private checkPendingLength(): void {
    if (this.pending.length > MAX_LINE_BYTES) {
      throw new CsvFileError([
        fileProblem(
          this.stats.lines + 1,
          "the line is over 1 MiB without a line break: not a users file, or its lines end with CR only",
          "save the file with LF or CRLF line endings; a row holds at most 16,000 characters",
        ),
      ]);
    }
  }

  /** Rows of complete lines (withEnd: bytes end with LF). */
  private lines(bytes: Buffer, withEnd: boolean): CsvRow[] {
    const rows: CsvRow[] = [];
    const body = withEnd ? bytes.subarray(0, bytes.length - 1) : bytes;
    if (isUtf8(body)) {
      // The common case: one decode for the whole chunk, then plain string splits.
      for (const line of body.toString("utf8").split("\n")) this.line(line, undefined, rows);
      return rows;
    }
    let from = 0;
    while (from <= body.length) {
      let nl = body.indexOf(LF, from);
      if (nl < 0) nl = body.length;
      const lineBytes = body.subarray(from, nl);
      const bad = firstInvalidUtf8(lineBytes);
      const text = lineBytes.toString("utf8");
      this.line(
        text,
        bad < 0 ? undefined : [...lineBytes.subarray(0, bad).toString("utf8")].length + 1,
        rows,
      );
      from = nl + 1;
    }
    return rows;
  }

  /** One line: the header, a blank line, or a row. badByteColumn: where its first non-UTF-8 byte is. */
  private line(text: string, badByteColumn: number | undefined, rows: CsvRow[]): void {
    const number = ++this.stats.lines;
    const line = text.endsWith("\r") ? text.slice(0, -1) : text;
    if (!this.header) {
      this.readHeader(line, number, badByteColumn);
      return;
    }
    if (line === "") return;
    const index = this.stats.rows++;
    if (this.fileLimits && this.stats.rows > this.maxUsers) {
      throw new CsvFileError([
        fileProblem(
          number,
          `the file has more than ${thousands(this.maxUsers)} users, the most Cognito imports at once`,
          `split it into files of at most ${thousands(this.maxUsers)} users (cogctl users import splits it for you)`,
        ),
      ]);
    }
    const row = this.row(line, number, index, badByteColumn);
    if (row.problems.length) this.stats.invalidRows++;
    rows.push(row);
  }

  private readHeader(line: string, number: number, badByteColumn: number | undefined): void {
    const expected = this.pool.header;
    if (badByteColumn !== undefined) {
      throw new CsvFileError([
        {
          ...fileProblem(
            number,
            "the header holds bytes that are not UTF-8",
            "save the file as UTF-8 (without BOM)",
            badByteColumn,
          ),
          kind: "encoding",
        },
      ]);
    }
    if (line.trim() === "") {
      throw new CsvFileError([
        fileProblem(
          number,
          "the first line is empty; it must be the header",
          "start with the pool's header (cogctl users template --pool P)",
        ),
      ]);
    }
    const { fields, starts } = splitLine(line);
    const columns = fields.map((f) => f.trim());
    const problems: CsvFileProblem[] = [];
    const at = (i: number) => codePoints(line, 0, starts[i]) + 1;
    const header = (i: number, message: string, fix: string): CsvFileProblem => ({
      kind: "header",
      line: number,
      column: at(i),
      field: columns[i],
      message,
      fix,
      fatal: true,
    });
    const wanted = new Set(expected);
    // A file without a header (its first line a user's row) would otherwise get one problem per
    // value: say the one thing that is wrong.
    if (!columns.some((name) => wanted.has(name) || isExtraColumn(name))) {
      throw new CsvFileError([
        fileProblem(
          number,
          `the first line is not a header: none of its ${columns.length} values is a column of the pool (it reads like a user's row)`,
          "put the pool's header first (cogctl users template --pool P prints it)",
        ),
      ]);
    }
    const seen = new Map<string, number>();
    let emptyNames = 0;
    columns.forEach((name, i) => {
      if (name === "") {
        // One problem for all of them: a trailing comma or two is the usual cause.
        if (emptyNames++ === 0)
          problems.push(
            header(
              i,
              "the header has an empty column name",
              "remove the extra comma (every column needs a name)",
            ),
          );
        return;
      }
      const first = seen.get(name);
      if (first !== undefined) {
        problems.push(
          header(
            i,
            `the column ${name} is in the header twice (also column ${at(first)})`,
            "keep one of them",
          ),
        );
        return;
      }
      seen.set(name, i);
      if (wanted.has(name) || isExtraColumn(name)) return;
      if (/^".*"$/.test(name)) {
        problems.push(
          header(
            i,
            `the column name ${name} is in quotes; Cognito reads the quotes as part of the name`,
            "remove the quotes (cogctl users validate --fix-escaping writes a copy without them)",
          ),
        );
        return;
      }
      const near = expected.find((e) => e.toLowerCase() === name.toLowerCase());
      problems.push(
        header(
          i,
          `the pool has no column ${JSON.stringify(name)}`,
          near
            ? `write it as ${near}`
            : "remove the column (cogctl users template --pool P prints the pool's header)",
        ),
      );
    });
    const missing = expected.filter((name) => !seen.has(name));
    if (missing.length) {
      problems.push({
        kind: "header",
        line: number,
        message: `the header lacks ${missing.length === 1 ? "a column" : `${missing.length} columns`} of the pool: ${missing.join(", ")}`,
        fix: "add them (every column must be there, empty values are fine); cogctl users template --pool P prints the header",
        fatal: true,
      });
    }
    if (problems.length) throw new CsvFileError(problems);
    if (this.via === "job" && this.pool.autoVerified.length === 0) {
      throw new CsvFileError([
        fileProblem(
          number,
          "the pool has no auto-verified attribute, so Cognito does not start an import job for it",
          "turn on automatic verification of email or phone_number in the pool (AutoVerifiedAttributes), or import through the API (--via api), which needs none",
        ),
      ]);
    }
    this.header = { columns, line };
    this.template = Object.fromEntries(columns.map((c) => [c, ""]));
    this.trimmed = new Array<string>(columns.length).fill("");
    this.rules = new RowRules(this.pool, columns, { autoVerifiedRule: this.via === "job" });
  }

  private row(line: string, number: number, index: number, badByteColumn: number | undefined): CsvRow {
    const columns = this.header!.columns;
    const fields = splitFields(line);
    const problems: CsvProblem[] = [];
    let starts: number[] | undefined;
    const at = (i: number) => {
      starts ??= splitLine(line).starts;
      return codePoints(line, 0, starts[Math.min(i, starts.length - 1)]) + 1;
    };
    // A copy of one template keeps every row's object on one hidden class (fast stores below).
    const values: Record<string, string> = { ...this.template };
    if (badByteColumn !== undefined) {
      problems.push({
        kind: "encoding",
        line: number,
        column: badByteColumn,
        message: "the row holds bytes that are not UTF-8",
        fix: "save the file as UTF-8 (without BOM)",
      });
    }
    // Code points never outnumber UTF-16 units: only a long line needs counting.
    const length = line.length > CSV_LIMITS.maxRowCharacters ? rowCharacters(line) : line.length;
    if (length > CSV_LIMITS.maxRowCharacters) {
      problems.push({
        kind: "row-length",
        line: number,
        column: CSV_LIMITS.maxRowCharacters + 1,
        message: `the row is ${thousands(length)} characters, more than ${thousands(CSV_LIMITS.maxRowCharacters)}`,
        fix: "shorten its values (escapes count as written)",
      });
    }
    const quoted = line.includes('"') ? this.quoting(fields, number, at, problems) : 0;
    const aligned = fields.length === columns.length && quoted === 0;
    if (!aligned && fields.length - quoted !== columns.length) {
      const more = fields.length > columns.length;
      problems.push({
        kind: "columns",
        line: number,
        column: more ? at(columns.length) : codePoints(line, 0, line.length) + 1,
        message: `the row has ${fields.length} columns, the header ${columns.length}`,
        fix: more
          ? "write a comma inside a value as \\,"
          : "add the missing values (empty ones are fine), keeping a comma for each",
      });
    }
    if (aligned) {
      const trimmed = this.trimmed;
      for (let i = 0; i < columns.length; i++) {
        trimmed[i] = fieldValue(fields[i]);
        values[columns[i]] = trimmed[i];
      }
      for (const p of (this.rules as RowRules).check(trimmed, number))
        problems.push(this.place(p, number, at));
    } else {
      // Values of a row whose columns do not line up would put them under the wrong names: filled
      // as far as the row goes, and nothing checked.
      for (let i = 0; i < columns.length; i++)
        values[columns[i]] = i < fields.length ? fieldValue(fields[i]) : "";
    }
    return { line: number, index, raw: line, values, problems };
  }

  private place(p: RuleProblem, line: number, at: (i: number) => number): CsvProblem {
    const field = p.index === undefined ? undefined : this.header!.columns[p.index];
    return {
      kind: p.kind,
      line,
      column: p.index === undefined ? undefined : at(p.index),
      field,
      message: p.message,
      fix: p.fix,
    };
  }

  /** Quoted values: reported, and how many extra columns their commas made (0 when none). */
  private quoting(fields: string[], line: number, at: (i: number) => number, problems: CsvProblem[]): number {
    let extra = 0;
    for (let i = 0; i < fields.length; i++) {
      const start = fields[i].trimStart();
      if (!start.startsWith('"')) continue;
      let j = i;
      while (
        j < fields.length &&
        !(fields[j].trimEnd().endsWith('"') && (j > i || start.trimEnd().length > 1))
      )
        j++;
      if (j === fields.length) continue; // an opening quote that never closes: a value with a quote in it
      const field = this.header!.columns[i];
      if (j > i) {
        const value = fields
          .slice(i, j + 1)
          .join(",")
          .trim();
        problems.push({
          kind: "quoting",
          line,
          column: at(i),
          field,
          message: `${value} holds a comma inside quotes, but Cognito has no quoting: it reads ${j - i + 1} columns`,
          fix: "write the comma as \\, without quotes, or run cogctl users validate --fix-escaping for a corrected copy",
        });
        extra += j - i;
      } else {
        problems.push({
          kind: "quoting",
          line,
          column: at(i),
          field,
          message: `${start.trimEnd()} is in quotes, and Cognito keeps the quotes as part of the value`,
          fix: "remove the quotes, or run cogctl users validate --fix-escaping for a corrected copy",
        });
      }
      i = j;
    }
    return extra;
  }
}
