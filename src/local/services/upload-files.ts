// Where uploaded import files live: `<dataDir>/uploads/<jobId>.csv` (0600 in a 0700 directory, next
// to the database so `local serve` and `--local` on one data directory see the same files), or a
// private temporary directory for an in-memory endpoint, removed when it closes. An upload is
// written to a spool file in the same directory and renamed into place once complete, so a reader
// never sees half a file.
import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export class UploadFiles {
  private dir?: string;

  constructor(private readonly dataDir: string | undefined) {}

  /** The directory, created on first use (most endpoints never see an upload). */
  directory(): string {
    if (!this.dir) {
      if (this.dataDir) {
        this.dir = join(this.dataDir, "uploads");
        mkdirSync(this.dir, { recursive: true, mode: 0o700 });
      } else this.dir = mkdtempSync(join(tmpdir(), "cogctl-local-uploads-"));
    }
    return this.dir;
  }

  /** A fresh spool file name for an upload in progress. */
  spoolPath(): string {
    return join(this.directory(), `.upload-${randomUUID()}.part`);
  }

  /** Moves a complete spool file into place as the job's file; its size must be `length`. */
  commit(spool: string, jobId: string, length: number): boolean {
    if (statSync(spool).size !== length) return false;
    renameSync(spool, this.path(jobId));
    return true;
  }

  exists(jobId: string): boolean {
    return existsSync(this.path(jobId));
  }

  read(jobId: string): Buffer | undefined {
    try {
      return readFileSync(this.path(jobId));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw err;
    }
  }

  /** The file has served its import (a job never restarts). */
  remove(jobId: string): void {
    rmSync(this.path(jobId), { force: true });
  }

  close(): void {
    if (this.dir && !this.dataDir) rmSync(this.dir, { recursive: true, force: true });
  }

  path(jobId: string): string {
    // Job ids are ours (import-[0-9a-zA-Z-]+), never a client's string.
    return join(this.directory(), `${jobId}.csv`);
  }
}
