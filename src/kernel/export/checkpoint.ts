// An export's checkpoint, next to its output (`.NAME.cogctl-export.json`, 0600, replaced atomically):
// the ListUsers pagination token of the next page, and how many rows and bytes of the partial file
// (`.NAME.cogctl-export.partial`) that token follows. The partial file is synced before the checkpoint
// that counts its bytes is written, so after a crash at any moment the partial file holds at least
// those bytes; --resume cuts it back to them and asks for the next page again: no row twice, none lost.
import { randomBytes } from "node:crypto";
import { open, readFile, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { LossyValue } from "./rows.js";

export interface ExportCheckpoint {
  version: 1;
  /** What the export was asked for (pool, format, filter, columns): a resume must ask the same. */
  fingerprint: Record<string, unknown>;
  /** The service token of the next ListUsers page: "" before the first, null once the last page is written. */
  token: string | null;
  /** True once the token expired and the listing started again, skipping the users already written. */
  relisted: boolean;
  rows: number;
  /** Users listed (before --where's local conditions): the progress count. */
  listed: number;
  bytes: number;
  lossyCount: number;
  lossyExamples: LossyValue[];
}

export interface ExportFiles {
  partial: string;
  checkpoint: string;
}

export function exportFiles(out: string): ExportFiles {
  const dir = dirname(out);
  const name = basename(out);
  return {
    partial: join(dir, `.${name}.cogctl-export.partial`),
    checkpoint: join(dir, `.${name}.cogctl-export.json`),
  };
}

export async function readCheckpoint(path: string): Promise<ExportCheckpoint | undefined> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw err;
  }
  const value = JSON.parse(text) as ExportCheckpoint;
  if (value?.version !== 1) throw new Error(`${path} is not a cogctl export checkpoint`);
  return value;
}

/**
 * Written to a temporary file, synced and renamed over the old one, so the checkpoint is always one
 * whole version. (Not secure-file.ts's writePrivateJson: that one makes its directory 0700, and this
 * directory is the person's, where the export goes.)
 */
export async function writeCheckpoint(path: string, value: ExportCheckpoint): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  const handle = await open(temp, "wx", 0o600);
  try {
    await handle.writeFile(`${JSON.stringify(value)}\n`, "utf8");
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, path);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}
