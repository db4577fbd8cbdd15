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
