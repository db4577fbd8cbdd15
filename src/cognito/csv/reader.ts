// The streaming reader over a Node Readable (or any AsyncIterable of bytes), for `users validate`,
// both `users import` paths and the embedded endpoint's import job.
import {
  type ImportFileOptions,
  ImportFileParser,
  type ImportFileStats,
  type ImportHeader,
} from "./parser.js";
import type { CsvRow, ImportPool } from "./types.js";

export interface ImportFile {
  /** The header (checked: complete, no unknown or repeated column). */
  readonly header: ImportHeader;
  /**
   * The data rows in file order, each with its problems (empty when it can be imported). Read once.
   * Throws CsvFileError when the file turns out unusable part way (over 100 MB or 500,000 rows, a
   * line with no end); rows before that were already yielded. Stopping early closes the source.
   */
  rows(): AsyncGenerator<CsvRow, void, undefined>;
  /** The same rows, a chunk's worth at a time (one await per chunk rather than per row: faster). */
  batches(): AsyncGenerator<CsvRow[], void, undefined>;
  /** Counts so far; final once rows() is done. */
  readonly stats: ImportFileStats;
}

/**
 * Reads up to the end of the header and checks it. Throws CsvFileError for a file that cannot be
 * used (empty, a BOM, a bad header, a pool Cognito would not import into); read errors of the
 * source pass through as they are.
 */
export async function openImportFile(
  source: AsyncIterable<Uint8Array | string>,
  pool: ImportPool,
  options: ImportFileOptions = {},
): Promise<ImportFile> {
  const parser = new ImportFileParser(pool, options);
  const iterator = source[Symbol.asyncIterator]();
  const bytes = (chunk: Uint8Array | string) =>
    typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk;
  let first: CsvRow[] = [];
  let done = false;
  try {
    while (!parser.header) {
      const next = await iterator.next();
      if (next.done) {
        done = true;
        first = parser.end();
        break;
      }
      first = parser.push(bytes(next.value));
    }
  } catch (err) {
    await iterator.return?.();
    throw err;
  }
  let started = false;
  async function* batches(): AsyncGenerator<CsvRow[], void, undefined> {
    if (started) throw new Error("the rows of an import file can be read once");
    started = true;
    let finished = done;
    try {
      if (first.length) yield first;
      first = [];
      while (!finished) {
        const next = await iterator.next();
        let rows: CsvRow[];
        if (next.done) {
          finished = true;
          rows = parser.end();
        } else rows = parser.push(bytes(next.value));
        if (rows.length) yield rows;
      }
    } finally {
      if (!finished) await iterator.return?.();
    }
  }
  return {
    header: parser.header as ImportHeader,
    stats: parser.stats,
    batches,
    async *rows() {
      for await (const batch of batches()) yield* batch;
    },
  };
}
