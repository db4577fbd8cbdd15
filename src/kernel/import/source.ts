// An import file read from disk, as `users import` walks it (validation, sending, rejects): the
// domain's streaming reader (src/cognito/csv/) over a file stream, the API path's own
// column rules added to each row, and optionally the file's SHA-256 taken from the same bytes. Each
// walk re-reads the file, so memory stays bounded whatever its size.
import { createHash, type Hash } from "node:crypto";
import { createReadStream } from "node:fs";
import {
  CsvFileError,
  type CsvProblem,
  type CsvRow,
  type ImportHeader,
  type ImportPool,
  openImportFile,
} from "../../cognito/csv/index.js";
import { UsageError } from "../errors.js";
import { apiColumnProblems } from "./row-request.js";
import { formatProblem } from "./validate.js";

/** A problem as `users validate` prints it: `users.csv:18:5: email: "bob@" is not ... (fix)`. */
export const problemText = (file: string, p: CsvProblem) => formatProblem(file, p);

export class ImportFile {
  header: ImportHeader | undefined;

  constructor(
    /** As the person typed it (messages name it so). */
    readonly shownPath: string,
    readonly path: string,
    private readonly pool: ImportPool,
    private readonly opts: { passwordColumn?: string; fileLimits?: boolean; via?: "api" | "job" } = {},
  ) {}

  /** One walk over the file; `hash` is fed every byte. A file that cannot be used is a UsageError (252). */
  async *rows(hash?: Hash): AsyncGenerator<CsvRow> {
    const stream = createReadStream(this.path, { highWaterMark: 256 * 1024 });
    const bytes = async function* () {
      for await (const chunk of stream) {
        hash?.update(chunk as Buffer);
        yield chunk as Buffer;
      }
    };
    try {
      const file = await openImportFile(bytes(), this.pool, {
        fileLimits: this.opts.fileLimits,
        via: this.opts.via,
      });
      this.header = file.header;
      for await (const row of file.rows()) {
        const extra = apiColumnProblems(row, file.header.columns, this.opts.passwordColumn);
        if (extra.length) row.problems.push(...extra);
        yield row;
      }
    } catch (err) {
      if (err instanceof CsvFileError)
        throw new UsageError(
          `${this.shownPath} cannot be imported:\n${err.problems.map((p) => problemText(this.shownPath, p)).join("\n")}`,
        );
      const code = (err as NodeJS.ErrnoException).code;
      if (code === "ENOENT" || code === "EACCES" || code === "EISDIR")
        throw new UsageError(`Cannot read ${this.shownPath} (${code}): name a readable CSV file.`);
      throw err;
    } finally {
      stream.destroy();
    }
  }
}

export const sha256 = () => createHash("sha256");

/**
 * A quick first look at a file before it is validated: its header line and how many lines follow
 * (blank ones too, so an upper bound of its rows). Only newline bytes are counted, at disk speed
 * (about 0.1 s for 100 MB), so `users import` can choose its default path, and with it the rules to
 * validate by, before the real walk.
 */
/** The text of a line from the chunks that hold it (the last one cut before its line feed). */
const lineText = (chunks: Buffer[]) => Buffer.concat(chunks).toString("utf8").replace(/\r$/, "");

/** A file's first line (without its line ending), read up to its first line feed and no further. */
export async function firstLine(path: string): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of createReadStream(path, { highWaterMark: 64 * 1024 }) as AsyncIterable<Buffer>) {
    const nl = chunk.indexOf(0x0a);
    chunks.push(nl < 0 ? chunk : chunk.subarray(0, nl));
    if (nl >= 0) break;
  }
  return lineText(chunks);
}

export async function glance(path: string): Promise<{ headerLine: string; lines: number }> {
  const stream = createReadStream(path, { highWaterMark: 1024 * 1024 });
  let head: Buffer[] | undefined = [];
  let headerLine = "";
  let lines = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let at = chunk.indexOf(10);
      if (head) {
        head.push(at < 0 ? chunk : chunk.subarray(0, at));
        if (at >= 0) {
          headerLine = lineText(head);
          head = undefined;
        }
      }
      while (at >= 0) {
        lines++;
        at = chunk.indexOf(10, at + 1);
      }
    }
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "EACCES" || code === "EISDIR")
      throw new UsageError(`Cannot read ${path} (${code}): name a readable CSV file.`);
    throw err;
  } finally {
    stream.destroy();
  }
  // The header's own newline is not a row; a last row without one is.
  if (head) return { headerLine: Buffer.concat(head).toString("utf8"), lines: 0 };
  return { headerLine, lines: Math.max(0, lines - 1) + (await endsWithoutNewline(path)) };
}

async function endsWithoutNewline(path: string): Promise<number> {
  const { open } = await import("node:fs/promises");
  const handle = await open(path, "r");
  try {
    const { size } = await handle.stat();
    if (size === 0) return 0;
    const last = Buffer.alloc(1);
    await handle.read(last, 0, 1, size - 1);
    return last[0] === 10 ? 0 : 1;
  } finally {
    await handle.close();
  }
}
