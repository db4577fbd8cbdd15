// The files an import job uploads: the rows to send, written in Cognito's dialect with exactly
// GetCSVHeader's columns (cogctl: and cognito: extras such as cognito:groups are left out: a job
// refuses columns its header does not have), one row per line, streamed to a temporary file (0600:
// people's attributes) so a 100 MB import is never held in memory. Rows beyond a job's limits
// (500,000 users or 100 MB, CSV_LIMITS) go to the next part: each part is a valid file with the
// header, run as its own job. A part's row k is on line k + 2 (the header is line 1), which is how
// a job's `Line Number N` maps back to the original file.

import { once } from "node:events";
import {
  chmodSync,
  createWriteStream,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  type WriteStream,
} from "node:fs";
import { join } from "node:path";
import type { CsvRow } from "../../cognito/csv/types.js";
import { CSV_LIMITS, escapeValue } from "../../cognito/csv-rules.js";
import { UsageError } from "../errors.js";

export interface PartLimits {
  maxRows: number;
  maxBytes: number;
}

export const JOB_LIMITS: PartLimits = { maxRows: CSV_LIMITS.maxUsers, maxBytes: CSV_LIMITS.maxFileBytes };

export function headerLine(header: readonly string[]): string {
  return header.join(",");
}

/** A row as a part file holds it: the header's columns in its order, values re-escaped. */
export function partLine(header: readonly string[], row: CsvRow): string {
  let line = "";
  for (let i = 0; i < header.length; i++) {
    const column = header[i];
    const value = row.values[column] ?? "";
    if (i > 0) line += ",";
    // Most cells of an import file are empty: 27 columns a row, 500,000 rows.
    if (value === "") continue;
    if (value.includes("\n") || value.includes("\r")) {
      // Cognito's dialect has no quoting, so a line break cannot be carried; validation refuses it.
      throw new UsageError(
        `Line ${row.line}: the ${column} value holds a line break, which an import file cannot carry.`,
      );
    }
    line += value.includes(",") ? escapeValue(value) : value;
  }
  return line;
}

/** Lines are written to a part file this many characters at a time, not a write per row. */
const WRITE_CHARS = 64 * 1024;

/** The line of a part's data row (0-based) in that part's file. */
export const lineOfPartRow = (k: number) => k + 2;
/** The part's data row (0-based) at a job's `Line Number`, or -1 for the header or a line before it. */
export const partRowOfLine = (line: number) => line - 2;

export interface WrittenPart {
  /** Rows in the part. */
  rows: number;
  bytes: number;
  /** The original rows' CsvRow.index, in part order (part row k ↔ indexes[k]). */
  indexes: Int32Array;
}

/**
 * Reads rows from `source` into one part: into the file at `path` when given (a part to upload),
 * or only counted when not (a part a resume skips, whose boundaries must be the same). Stops before
 * the row that would pass a limit, which stays in `carry` for the next part. Returns undefined when
 * there are no rows left.
 */
export async function fillPart(
  source: AsyncIterator<CsvRow>,
  carry: { row?: CsvRow },
  header: readonly string[],
  limits: PartLimits,
  path: string | undefined,
): Promise<WrittenPart | undefined> {
  const head = `${headerLine(header)}\n`;
  let bytes = Buffer.byteLength(head);
  let rows = 0;
  let indexes = new Int32Array(1024);
  let out: WriteStream | undefined;
  let pending = "";
  if (path) {
    out = createWriteStream(path, { flags: "wx", mode: 0o600 });
    await once(out, "open");
    out.write(head);
  }
  try {
    for (;;) {
      let row = carry.row;
      carry.row = undefined;
      if (!row) {
        const next = await source.next();
        if (next.done) break;
        row = next.value;
      }
      const line = `${partLine(header, row)}\n`;
      const size = Buffer.byteLength(line);
      if (rows > 0 && (rows >= limits.maxRows || bytes + size > limits.maxBytes)) {
        carry.row = row;
        break;
      }
      if (rows === indexes.length) {
        const grown = new Int32Array(indexes.length * 2);
        grown.set(indexes);
        indexes = grown;
      }
      indexes[rows++] = row.index;
      bytes += size;
      if (out) {
        pending += line;
        if (pending.length >= WRITE_CHARS) {
          const full = !out.write(pending);
          pending = "";
          if (full) await once(out, "drain");
        }
      }
    }
  } finally {
    if (out) {
      out.end(pending);
      await once(out, "close");
    }
  }
  if (rows === 0) return undefined;
  return { rows, bytes, indexes: indexes.slice(0, rows) };
}

/**
 * A private directory for one run's part files: under the state directory (0700; the parts hold
 * people's attributes, which /tmp would show to anyone who can list it), named after this process.
 * Directories of processes that no longer exist (killed mid-run) are removed first, so a kill -9
 * leaves its parts behind only until the next `--via job` run.
 */
export function partsDirectory(stateDir: string): string {
  const root = join(stateDir, "import-parts");
  mkdirSync(root, { recursive: true, mode: 0o700 });
  // mkdir's mode holds only for what it creates: tighten a directory made earlier by someone else.
  if ((statSync(root).mode & 0o077) !== 0) chmodSync(root, 0o700);
  for (const name of readdirSync(root)) {
    const pid = Number(/^run-(\d+)-/.exec(name)?.[1]);
    if (Number.isSafeInteger(pid) && pid !== process.pid && !alive(pid))
      rmSync(join(root, name), { recursive: true, force: true });
  }
  return mkdtempSync(join(root, `run-${process.pid}-`));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists, but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}
