// The durable JobJournal of a `--via job` run until the command's run journal records jobs: one small
// JSON file per run (the file's SHA-256, the pool and the endpoint name it) under the state
// directory, 0600 in a 0700 directory, rewritten whole to a temporary file, fsynced and renamed into
// place at each step, so after kill -9 it holds every job that was created (journalled before its
// upload and start) and every end that was seen. A run that finished removes its file: running
// the same command again then starts a new run (whose rows the pool already has: skipped).
// Hand-written: a few records a run, where SQLite would be a second database beside the run journal.
import { createHash, randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, statSync } from "node:fs";
import { open, readFile, rename, rm } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import type { Context } from "../context.js";
import type { JobEnd, JobJournal, JournalledJob } from "./via-job.js";

export const JOB_JOURNAL_DIR = "import-jobs";

/** $COGCTL_STATE_DIR, else $XDG_STATE_HOME/cogctl, else ~/.local/state/cogctl (as src/kernel/paths.ts). */
export function stateDirOf(ctx: Context): string {
  const known = (ctx.paths as { stateDir?: string }).stateDir;
  if (known) return known;
  const env = ctx.io.env;
  if (env.COGCTL_STATE_DIR) return env.COGCTL_STATE_DIR;
  const home = env.HOME || homedir();
  return join(env.XDG_STATE_HOME || join(home, ".local", "state"), "cogctl");
}

/** Which service a run talks to: a resume must talk to the same one. */
export function endpointIdentity(ctx: Context): string {
  if (ctx.globals.local) return `local:${ctx.paths.dataDir}`;
  if (ctx.globals.endpointUrl) return `endpoint:${ctx.globals.endpointUrl}`;
  const env = ctx.io.env;
  return `aws:${ctx.globals.profile ?? env.AWS_PROFILE ?? "default"}:${ctx.globals.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? ""}`;
}

export interface FileJobJournal extends JobJournal {
  readonly path: string;
  /** The run ended (every part settled): its record is no longer needed. */
  finish(): Promise<void>;
}

export async function openJobJournal(
  stateDir: string,
  run: { fileSha256: string; poolId: string; endpoint: string },
): Promise<FileJobJournal> {
  const dir = join(stateDir, JOB_JOURNAL_DIR);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if ((statSync(dir).mode & 0o077) !== 0) chmodSync(dir, 0o700);
  const key = createHash("sha256").update(`${run.fileSha256}\n${run.poolId}\n${run.endpoint}`).digest("hex");
  const path = join(dir, `${key.slice(0, 32)}.json`);
  let jobs: JournalledJob[] = [];
  try {
    jobs = (JSON.parse(await readFile(path, "utf8")) as { jobs: JournalledJob[] }).jobs ?? [];
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  const save = async () => {
    const temp = `${path}.${randomBytes(4).toString("hex")}.tmp`;
    const handle = await open(temp, "wx", 0o600);
    try {
      await handle.writeFile(JSON.stringify({ ...run, jobs }));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  };
  return {
    path,
    jobs: () => jobs.map((j) => ({ ...j })),
    async jobStarted(jobId, part) {
      jobs = jobs.filter((j) => j.part !== part.part);
      jobs.push({ part: part.part, jobId, jobName: part.jobName });
      await save();
    },
    async jobFinished(jobId, end: JobEnd) {
      const job = jobs.find((j) => j.jobId === jobId);
      if (!job) return;
      job.finished = end;
      await save();
    },
    async finish() {
      await rm(path, { force: true });
    },
  };
}
