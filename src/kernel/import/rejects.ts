// The rejects file of an import: the header and the original rows that failed or were invalid, each
// with one more column, `cogctl:reason`, saying why. It is a valid import file for the same pool
// (the reader ignores cogctl: columns), so a person fixes the rows and re-imports it as it is.
// Written to a temporary file in the same directory and renamed into place on close: a crash never
// leaves half a rejects file under the final name. 0600: the rows hold people's attributes.
import { randomBytes } from "node:crypto";
import { type FileHandle, open, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { escapeValue, REJECTS_REASON_COLUMN } from "../../cognito/csv-rules.js";

export interface RejectsWriter {
  readonly path: string;
  /** Rows written so far. */
  readonly count: number;
  /** Appends one row (as written in the import file, without its line ending) and its reason. */
  add(rawRow: string, reason: string): Promise<void>;
  /** Puts the file in place; with no rows, removes it and returns false. */
  close(): Promise<boolean>;
  /** Drops the file (the run is abandoned). */
  discard(): Promise<void>;
}

/** headerLine: the import file's header as written (without its line ending). */
export async function createRejectsWriter(path: string, headerLine: string): Promise<RejectsWriter> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  const handle: FileHandle = await open(temp, "wx", 0o600);
  // Buffered: rejects can be many thousands of rows; one write per row would be a syscall each.
  let buffer: string[] = [`${headerLine},${REJECTS_REASON_COLUMN}\n`];
  let buffered = 0;
  let count = 0;
  const flush = async () => {
    if (buffer.length === 0) return;
    const chunk = buffer.join("");
    buffer = [];
    buffered = 0;
    await handle.write(chunk);
  };
  return {
    path,
    get count() {
      return count;
    },
    async add(rawRow, reason) {
      // A reason is one line: newlines would start a new row.
      const line = `${rawRow},${escapeValue(reason.replace(/\s*[\r\n]+\s*/g, " "))}\n`;
      buffer.push(line);
      buffered += line.length;
      count++;
      if (buffered >= 64 * 1024) await flush();
    },
    async close() {
      await flush();
      await handle.sync();
      await handle.close();
      if (count === 0) {
        await rm(temp, { force: true });
        return false;
      }
      await rename(temp, path);
      return true;
    },
    async discard() {
      await handle.close().catch(() => {});
      await rm(temp, { force: true });
    },
  };
}
