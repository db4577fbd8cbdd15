// Files cogctl writes for a person (a template, a corrected CSV): written to a temporary file in the
// same directory and put in place in one step, so a crash or Ctrl-C never leaves half a file under
// the final name. An existing file is replaced only with force: without it the final link fails
// atomically (EEXIST) rather than after a racy existence check.
import { randomBytes } from "node:crypto";
import { type FileHandle, link, open, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { UsageError } from "../errors.js";
import { describeFileError } from "../io/file-errors.js";

export interface AtomicWriteOptions {
  /** Replace a file already at the path. */
  force?: boolean;
  mode?: number;
  /** How the path is named in errors ("--out users.fixed.csv"). */
  shown?: string;
}

/** Writes the chunks to path; returns the bytes written. */
export async function writeFileAtomically(
  path: string,
  chunks: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
  opts: AtomicWriteOptions = {},
): Promise<number> {
  const shown = opts.shown ?? path;
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  let handle: FileHandle;
  try {
    handle = await open(temp, "wx", opts.mode ?? 0o644);
  } catch (err) {
    throw new UsageError(`Cannot write ${shown}: ${describeFileError(err)} (in ${dirname(path)}).`);
  }
  let bytes = 0;
  try {
    for await (const chunk of chunks) {
      const data = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
      await handle.write(data);
      bytes += data.length;
    }
    await handle.sync();
    await handle.close();
    if (opts.force) await rename(temp, path);
    else {
      try {
        await link(temp, path);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === "EEXIST")
          throw new UsageError(
            `${shown} already exists: pass --force to replace it, or name another file with --out.`,
          );
        throw err;
      }
      await rm(temp, { force: true });
    }
    return bytes;
  } catch (err) {
    await handle.close().catch(() => {});
    await rm(temp, { force: true });
    throw err;
  }
}
