// `cogctl users import --via job`: the rows go to Cognito's own import job (COGNITO-FACTS §8, §8b),
// the path for hundreds of thousands of users. For each part of the file (one part unless the rows
// pass a job's limits, 500,000 users or 100 MB; parts run as serial jobs, one active job per account):
//   CreateUserImportJob (the CloudWatch Logs role from role.ts) → journal the job → upload the part
//   (job-parts.ts: GetCSVHeader's columns only) → StartUserImportJob → wait (job-wait.ts: progress on
//   a terminal's stderr) → journal its end → read its CloudWatch Logs stream (job-logs.ts) and map
//   each `Line Number` back to the original file's row.
// Then one pass over the rows: failed rows go to the rejects file with the log's reason, imported
// rows get what a job cannot carry (cognito:groups, cognito:enabled) through `afterImport`, and
// every row's outcome is handed to the journal.
//
// The journal is THE run journal of `users import` (journal.ts, through jobJournalOf): the jobs
// table says which parts' jobs exist and which finished; the rows table gets each row's outcome
// from the job's log (SUCCEEDED → imported and created by this run, SKIPPED → skipped, FAILED →
// failed with the log's reason; a row the log does not name is imported when its job Succeeded,
// since a job logs every row it did not import, and failed otherwise); the steps table each
// post-step's intent and outcome, as on the API path.
//
// Resume: a finished part is not sent again (its outcomes are read again from its log stream, which
// outlives the run, for rows the journal has not settled yet); a started one is waited for; one
// whose job never left Created (the process died before StartUserImportJob) gets a new job, the old
// one expiring unstarted without having read a row. A settled row is never settled again, a
// finished post-step never sent again. Parts are cut the same way every time (same rows, same
// limits), so part N of a resume is part N of the first attempt.
import { rmSync } from "node:fs";
import { stat } from "node:fs/promises";
import { basename, extname, join } from "node:path";
import { type Command, Option } from "commander";
import type { CsvRow, ImportPool } from "../../cognito/csv/types.js";
import type { CognitoCall } from "../cognito-call.js";
import type { Context } from "../context.js";
import { CliError, ExitCode, RowsFailedError, ServiceError, UsageError } from "../errors.js";
import { uploadToPresignedUrl } from "../presigned-upload.js";
import type { OutcomeCounts } from "../progress.js";
import { isTransient } from "../retry.js";
import { type Task, withTask } from "../task.js";
import { importLogGroup, importLogStream, readJobOutcomes, readJobRejections } from "./job-logs.js";
import { fillPart, JOB_LIMITS, type PartLimits, partRowOfLine, partsDirectory } from "./job-parts.js";
import { countsText, FINAL_STATUSES, type ImportJob, jobCounts, waitForImportJob } from "./job-wait.js";
import type { Journal } from "./journal.js";
import { createRejectsWriter, type RejectsWriter } from "./rejects.js";
import { type ImportRole, resolveImportRole, retryWhileRolePropagates } from "./role.js";
import { postSteps, USERNAME_COLUMN } from "./row-request.js";
import { firstLine } from "./source.js";
import type { ImportSummary, RowOutcome } from "./types.js";

/** The flags addJobImportOptions declares, as commander parses them. */
export interface JobImportFlags {
  roleArn?: string;
  createRole?: string | boolean;
  /** commander's --no-wait: false when given. */
  wait?: boolean;
  pollInterval?: string;
  maxRowsPerJob?: string;
  maxBytesPerJob?: string;
}

/** The test knob for the split threshold, as an environment variable too (hidden from help). */
export const MAX_ROWS_ENV = "COGCTL_IMPORT_MAX_ROWS_PER_JOB";
export const MAX_BYTES_ENV = "COGCTL_IMPORT_MAX_BYTES_PER_JOB";

export function addJobImportOptions(cmd: Command): Command {
  return cmd
    .option(
      "--role-arn <arn>",
      "--via job: the IAM role Cognito writes the job's CloudWatch Logs with (trusted by cognito-idp.amazonaws.com)",
    )
    .option(
      "--create-role [name]",
      "--via job: find or create that role (default name CognitoUserImport-CloudWatchLogs); with --local a fixed local ARN",
    )
    .option(
      "--no-wait",
      "--via job: start the job and return; run the same command again to collect its results",
    )
    .option(
      "--poll-interval <seconds>",
      "--via job: seconds between two DescribeUserImportJob calls (default 2)",
    )
    .addOption(new Option("--max-rows-per-job <n>", "split threshold in rows (tests)").hideHelp())
    .addOption(new Option("--max-bytes-per-job <n>", "split threshold in bytes (tests)").hideHelp());
}

/** One part's job as the journal holds it. */
export interface JournalledJob {
  /** 1-based part number. */
  part: number;
  jobId: string;
  jobName: string;
  /** When it was journalled, ms since the epoch. */
  startedAt?: number;
  /** Set once the job ended. */
  finished?: JobEnd;
}

export interface JobEnd extends OutcomeCounts {
  status: string;
  completionMessage?: string;
  /** When the job ended (Cognito's CompletionDate, else when it was seen ended), ms since the epoch. */
  endedAt?: number;
}

/** What a row's settling needs to know of its part's job. */
export interface SettledJob {
  jobId: string;
  /** When the job was journalled (before its upload), ms since the epoch. */
  startedAt?: number;
  endedAt?: number;
}

/** What this path needs of the run's journal (the command's, under the state directory). */
export interface JobJournal {
  /** The jobs earlier attempts of this run recorded, any order (a fresh run: none). */
  jobs(): JournalledJob[] | Promise<JournalledJob[]>;
  /** The part's job exists (after CreateUserImportJob, before its upload and start). */
  jobStarted(
    jobId: string,
    part: { part: number; jobName: string; rows: number; firstIndex: number },
  ): unknown;
  /** The part's job ended (its status and counters). */
  jobFinished(jobId: string, end: JobEnd): unknown;
  /** The outcome an earlier attempt of this run settled the row with: it is not settled again. */
  rowDone?(row: CsvRow): { outcome: RowOutcome; reason?: string } | undefined;
  /** An imported row, before its post-steps: this run created the user (the job says SUCCEEDED). */
  rowImported?(row: CsvRow, job: SettledJob): unknown;
  /** A row's outcome, once its part's log was read (imported rows after afterImport). */
  rowSettled?(
    row: CsvRow,
    outcome: RowOutcome,
    reason: string | undefined,
    job: SettledJob | undefined,
  ): unknown;
  /** Makes what rowImported / rowSettled wrote durable (after the final pass, or its failure). */
  flush?(): unknown;
}

export interface JobImportPlan {
  /** The import file as the user named it (the job's name comes from it). */
  file: string;
  pool: { id: string; name?: string; arn?: string };
  /** GetCSVHeader and the rest of the pool's CSV contract: parts carry exactly its header. */
  importPool: ImportPool;
  /**
   * The rows to send, in file order, each time it is called (it is read twice: to cut the parts
   * and, after the jobs, to write rejects and apply extras). Invalid rows are already left out.
   */
  rows: () => AsyncIterable<CsvRow>;
  /** How many rows `rows` yields. */
  total: number;
  /** Rows left out by validation (--skip-invalid), for the summary. */
  invalid?: number;
  /**
   * Every row of the file, invalid ones with their problems: given, the final pass walks it so the
   * rejects file holds invalid and failed rows in the file's order (invalidReason says why for the
   * former). Without it, the command writes invalid rows itself.
   */
  allRows?: () => AsyncIterable<CsvRow>;
  invalidReason?: (row: CsvRow) => string;
  /** Where failed rows go (the command opened it and closes it; invalid rows are already in it). */
  rejects?: RejectsWriter;
  journal?: JobJournal;
  /**
   * Applies to an imported row what a job cannot carry (cognito:groups, cognito:enabled), exactly
   * once through the command's journal; returns why it failed, if it did. Default: applyJobExtras.
   */
  afterImport?: (row: CsvRow) => Promise<string | undefined>;
  flags: JobImportFlags;
  runId?: string;
}

export interface JobRunSummary extends ImportSummary {
  /** Each part's job and how it ended ("InProgress" with --no-wait). */
  jobs: { part: number; jobId: string; status: string; completionMessage?: string }[];
  /** False with --no-wait while a job still runs: the counts are not final. */
  finished: boolean;
}

/** Outcome codes of the sent rows, by position in `rows` (Uint8Array: 500,000 rows are 500 KB). */
const UNKNOWN = 0;
const CODE: Record<"SUCCEEDED" | "SKIPPED" | "FAILED", number> = { SUCCEEDED: 1, SKIPPED: 2, FAILED: 3 };

interface PartState {
  part: number;
  /** Position in `rows` of the part's first row. */
  start: number;
  rows: number;
  job: ImportJob;
  startedAt?: number;
  endedAt?: number;
}

export async function runJobImport(ctx: Context, task: Task, plan: JobImportPlan): Promise<JobRunSummary> {
  const call = task.call;
  const flags = plan.flags;
  const wait = flags.wait !== false;
  const pollIntervalMs = parseSeconds("--poll-interval", flags.pollInterval);
  const limits = partLimits(flags, ctx.io.env);
  const journal = plan.journal ?? memoryJournal();

  const described = (await call("DescribeUserPool", { UserPoolId: plan.pool.id })).UserPool ?? {};
  const poolName = plan.pool.name ?? (described.Name as string);
  const poolArn = plan.pool.arn ?? (described.Arn as string);
  const known = new Map((await journal.jobs()).map((j) => [j.part, j]));
  let role: ImportRole | undefined;
  const needRole = async () => {
    role ??= await resolveImportRole(
      ctx,
      { roleArn: flags.roleArn, createRole: flags.createRole },
      poolArn ?? "",
    );
    return role;
  };
  // A fresh run checks the role flags before anything is written.
  if (known.size === 0) await needRole();

  const fileSize = await stat(plan.file).then(
    (s) => s.size,
    () => 0,
  );
  const split = plan.total > limits.maxRows || fileSize > limits.maxBytes;
  const baseName = jobBaseName(plan.file);
  const outcomes = new Uint8Array(plan.total);
  const reasons = new Map<number, string>();
  const parts: PartState[] = [];
  const temp = partsDirectory(ctx.paths.stateDir);
  let finished = true;
  try {
    const source = plan.rows()[Symbol.asyncIterator]();
    const carry: { row?: CsvRow } = {};
    let position = 0;
    for (let part = 1; ; part++) {
      const before = known.get(part);
      let job: ImportJob | undefined;
      if (before) {
        job = before.finished
          ? {
              JobId: before.jobId,
              JobName: before.jobName,
              Status: before.finished.status,
              ImportedUsers: before.finished.imported,
              SkippedUsers: before.finished.skipped,
              FailedUsers: before.finished.failed,
              CompletionMessage: before.finished.completionMessage,
              ...(before.finished.endedAt !== undefined ? { CompletionDate: before.finished.endedAt } : {}),
            }
          : await describeJob(call, plan.pool.id, before.jobId);
        // Never started: the process died between CreateUserImportJob and StartUserImportJob.
        if (job.Status === "Created") job = undefined;
      }
      const path = job ? undefined : join(temp, `part-${part}.csv`);
      const written = await fillPart(source, carry, plan.importPool.header, limits, path);
      if (!written) break;
      const label = split ? `part ${part}` : undefined;
      if (!job) {
        const jobName = split ? `${baseName}-part${part}` : baseName;
        const r = await needRole();
        const created = await retryWhileRolePropagates(r, () =>
          call("CreateUserImportJob", {
            UserPoolId: plan.pool.id,
            JobName: jobName,
            CloudWatchLogsRoleArn: r.arn,
          }),
        );
        job = (created.UserImportJob ?? {}) as ImportJob;
        await journal.jobStarted(job.JobId as string, {
          part,
          jobName,
          rows: written.rows,
          firstIndex: written.indexes[0],
        });
        await uploadToPresignedUrl(ctx, job.PreSignedUrl as string, path as string);
        rmSync(path as string, { force: true });
        job = await startJob(ctx, call, plan.pool.id, job.JobId as string, pollIntervalMs);
        ctx.printer.info(
          `Started import job ${job.JobId}${label ? ` (${label}, ${fmt(written.rows)} rows)` : ` (${fmt(written.rows)} rows)`}`,
        );
      }
      const state: PartState = {
        part,
        start: position,
        rows: written.rows,
        job,
        startedAt: (before && before.jobId === job.JobId ? before.startedAt : undefined) ?? Date.now(),
      };
      parts.push(state);
      position += written.rows;
      if (!FINAL_STATUSES.has(job.Status ?? "")) {
        if (!wait) {
          finished = false;
          followHint(ctx, plan, job);
          break;
        }
        job = await waitForImportJob(call, plan.pool.id, job.JobId as string, {
          io: ctx.io,
          pollIntervalMs,
          total: written.rows,
          label: label ?? job.JobId,
        });
        state.job = job;
      }
      const end = jobEnd(job);
      state.endedAt = end.endedAt;
      if (!before?.finished) await journal.jobFinished(job.JobId as string, end);
      await readPartOutcomes(ctx, plan.pool.id, poolName, state, outcomes, reasons);
      if (job.Status !== "Succeeded") {
        // Said at once, whatever the command prints next: the job's own words are the diagnosis.
        ctx.printer.warn(
          `Import job ${job.JobId}${label ? ` (${label})` : ""} ended ${job.Status}${job.CompletionMessage ? `: ${job.CompletionMessage}` : ""} (${countsText(jobCounts(job))})`,
        );
        // A part that did not succeed stops the run: the next part would meet the same cause.
        break;
      }
    }
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }

  const summary: JobRunSummary = {
    via: "job",
    pool: plan.pool.id,
    file: plan.file,
    rows: plan.total + (plan.invalid ?? 0),
    imported: 0,
    skipped: 0,
    failed: 0,
    invalid: plan.invalid ?? 0,
    runId: plan.runId,
    jobIds: parts.map((p) => p.job.JobId as string),
    jobs: parts.map((p) => ({
      part: p.part,
      jobId: p.job.JobId as string,
      status: p.job.Status ?? "unknown",
      ...(p.job.CompletionMessage ? { completionMessage: p.job.CompletionMessage } : {}),
    })),
    finished,
    ...(plan.rejects ? { rejectsFile: plan.rejects.path } : {}),
  };
  if (!finished) return summary;
  await settleRows(task, plan, journal, parts, outcomes, reasons, summary);
  return summary;
}

/** Throws what the summary means for the exit code (after the command printed it), if anything. */
export function jobImportError(summary: ImportSummary & Partial<JobRunSummary>): CliError | undefined {
  const jobs = summary.jobs ?? [];
  const bad = jobs.find((j) => j.status !== "Succeeded" && FINAL_STATUSES.has(j.status));
  const counts = countsText(summary);
  const rejects = summary.rejectsFile
    ? ` The rows not imported, each with the reason, are in ${summary.rejectsFile}: fix them there and import that file.`
    : "";
  if (bad) {
    return new CliError(
      `Import job ${bad.jobId}${jobs.length > 1 ? ` (part ${bad.part})` : ""} ended ${bad.status}${bad.completionMessage ? `: ${bad.completionMessage}` : ""} (${counts}).${rejects}`,
      ExitCode.SERVICE,
    );
  }
  if (summary.failed > 0 || summary.invalid > 0) {
    return new RowsFailedError(
      `${fmt(summary.failed + summary.invalid)} of ${fmt(summary.rows)} rows were not imported (${counts}${summary.invalid ? `, ${fmt(summary.invalid)} invalid` : ""}).${rejects}`,
    );
  }
  return undefined;
}

const fmt = (n: number) => n.toLocaleString("en-US");

function parseSeconds(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds < 0.05 || seconds > 600) {
    throw new UsageError(`${flag} ${value} is not a number of seconds between 0.05 and 600.`);
  }
  return Math.round(seconds * 1000);
}

function partLimits(flags: JobImportFlags, env: Readonly<Record<string, string | undefined>>): PartLimits {
  const knob = (flag: string, value: string | undefined, max: number) => {
    if (value === undefined || value === "") return max;
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1 || n > max) {
      throw new UsageError(`${flag} ${value} is not a whole number between 1 and ${fmt(max)}.`);
    }
    return n;
  };
  return {
    maxRows: knob("--max-rows-per-job", flags.maxRowsPerJob ?? env[MAX_ROWS_ENV], JOB_LIMITS.maxRows),
    maxBytes: knob("--max-bytes-per-job", flags.maxBytesPerJob ?? env[MAX_BYTES_ENV], JOB_LIMITS.maxBytes),
  };
}

/** The job's name from the file's (JobName is [\w\s+=,.@-]+, at most 128 characters). */
export function jobBaseName(file: string): string {
  const stem = basename(file, extname(file))
    .replace(/[^\w\s+=,.@-]/g, "-")
    .slice(0, 100);
  return stem.trim() === "" ? "cogctl-import" : stem;
}

function jobEnd(job: ImportJob): JobEnd {
  const completed = job.CompletionDate === undefined ? Number.NaN : new Date(job.CompletionDate).getTime();
  return {
    status: job.Status ?? "unknown",
    ...jobCounts(job),
    ...(job.CompletionMessage ? { completionMessage: job.CompletionMessage } : {}),
    endedAt: Number.isNaN(completed) ? Date.now() : completed,
  };
}

async function describeJob(call: CognitoCall, poolId: string, jobId: string): Promise<ImportJob> {
  return ((await call("DescribeUserImportJob", { UserPoolId: poolId, JobId: jobId })).UserImportJob ??
    {}) as ImportJob;
}

/** StartUserImportJob, waiting while another job of the account is running (one at a time). */
async function startJob(
  ctx: Context,
  call: CognitoCall,
  poolId: string,
  jobId: string,
  pollIntervalMs = 2_000,
): Promise<ImportJob> {
  const deadline = Date.now() + 30 * 60_000;
  let said = false;
  for (;;) {
    try {
      return ((await call("StartUserImportJob", { UserPoolId: poolId, JobId: jobId })).UserImportJob ??
        {}) as ImportJob;
    } catch (err) {
      const busy =
        err instanceof ServiceError &&
        (err.code === "UserImportInProgressException" || err.code === "LimitExceededException");
      if (!busy || Date.now() > deadline) throw err;
      if (!said)
        ctx.printer.info(`Another import job is running; waiting to start ${jobId} (${err.serviceMessage})`);
      said = true;
      await new Promise((r) => setTimeout(r, pollIntervalMs));
    }
  }
}

function followHint(ctx: Context, plan: JobImportPlan, job: ImportJob): void {
  ctx.printer.info(
    `Import job ${job.JobId} is ${job.Status}. Follow it with: cogctl describe-user-import-job --user-pool-id ${plan.pool.id} --job-id ${job.JobId}\n` +
      `Run the same users import command again to wait for it, write the rejects file${plan.total > 0 ? " and continue with any next part" : ""}.`,
  );
}

/** Reads a finished part's log stream into the outcome codes (skipped when every row was imported). */
async function readPartOutcomes(
  ctx: Context,
  poolId: string,
  poolName: string,
  state: PartState,
  outcomes: Uint8Array,
  reasons: Map<number, string>,
): Promise<void> {
  const job = state.job;
  const counts = jobCounts(job);
  if (job.Status === "Succeeded" && counts.imported === state.rows) {
    outcomes.fill(CODE.SUCCEEDED, state.start, state.start + state.rows);
    return;
  }
  const logs = await ctx.logs();
  // A job that succeeded imported every row it does not name FAILED or SKIPPED: those are enough.
  const read = job.Status === "Succeeded" ? readJobRejections : readJobOutcomes;
  const result = await read(
    logs,
    importLogGroup(poolId, poolName),
    importLogStream(job.JobId as string, job.JobName as string),
    (row) => {
      const k = partRowOfLine(row.line);
      if (k < 0 || k >= state.rows) return;
      outcomes[state.start + k] = CODE[row.kind];
      if (row.kind === "SUCCEEDED") reasons.delete(state.start + k);
      else reasons.set(state.start + k, row.reason);
    },
    { expected: counts, endpointUrl: ctx.globals.endpointUrl },
  );
  if (!result.complete) {
    const all = read === readJobOutcomes;
    const seen = result.seen.SKIPPED + result.seen.FAILED + (all ? result.seen.SUCCEEDED : 0);
    const wanted = counts.skipped + counts.failed + (all ? counts.imported : 0);
    ctx.printer.warn(
      `The CloudWatch Logs stream of import job ${job.JobId} held ${fmt(seen)} of the ${fmt(wanted)} row outcomes it should; rows without one are reported from the job's status.`,
    );
  }
}

/** The final pass: outcomes per row, rejects, extras, the journal, the counts. */
async function settleRows(
  task: Task,
  plan: JobImportPlan,
  journal: JobJournal,
  parts: PartState[],
  outcomes: Uint8Array,
  reasons: Map<number, string>,
  summary: JobRunSummary,
): Promise<void> {
  const afterImport = plan.afterImport ?? ((row: CsvRow) => applyJobExtras(task.call, plan.pool.id, row));
  try {
    await settleEachRow();
  } finally {
    await journal.flush?.();
  }

  async function settleEachRow(): Promise<void> {
    let position = 0;
    let p = 0;
    for await (const row of (plan.allRows ?? plan.rows)()) {
      if (row.problems.length > 0) {
        if (plan.allRows)
          await plan.rejects?.add(row.raw, plan.invalidReason?.(row) ?? row.problems[0].message);
        continue;
      }
      while (p < parts.length && position >= parts[p].start + parts[p].rows) p++;
      const part = parts[p];
      position++;
      // Settled by an earlier attempt of this run: counted and rejected as then, nothing sent again.
      const done = journal.rowDone?.(row);
      if (done) {
        summary[done.outcome]++;
        if (done.outcome === "failed") await plan.rejects?.add(row.raw, done.reason ?? "failed");
        continue;
      }
      if (!part) {
        // Never sent: an earlier part's job did not succeed, so the run stopped there.
        const last = parts[parts.length - 1]?.job;
        const why = `Not sent: import job ${last?.JobId} (an earlier part) ended ${last?.Status}`;
        summary.failed++;
        await plan.rejects?.add(row.raw, why);
        await journal.rowSettled?.(row, "failed", why, undefined);
        continue;
      }
      const job: SettledJob = {
        jobId: part.job.JobId as string,
        startedAt: part.startedAt,
        endedAt: part.endedAt,
      };
      let outcome: RowOutcome;
      let reason: string | undefined;
      const code = outcomes[position - 1];
      if (code === CODE.FAILED) {
        outcome = "failed";
        reason = reasons.get(position - 1);
      } else if (code === CODE.SKIPPED) {
        outcome = "skipped";
        reason = reasons.get(position - 1) ?? "The user already exists.";
      } else if (code === CODE.SUCCEEDED || (code === UNKNOWN && part.job.Status === "Succeeded")) {
        outcome = "imported";
        await journal.rowImported?.(row, job);
        reason = await afterImport(row);
        if (reason !== undefined) outcome = "failed";
      } else {
        outcome = "failed";
        reason = `No outcome in the log of import job ${part.job.JobId}, which ended ${part.job.Status}${part.job.CompletionMessage ? `: ${part.job.CompletionMessage}` : ""}`;
      }
      summary[outcome]++;
      if (outcome === "failed") await plan.rejects?.add(row.raw, reason ?? "The import job failed this row.");
      await journal.rowSettled?.(row, outcome, reason, job);
    }
  }
}

/**
 * cognito:groups (semicolon-separated) and cognito:enabled of an imported row, through the paced call:
 * the API path's post-steps (row-request.ts), less SMS MFA, which the job set from cognito:mfa_enabled.
 */
export async function applyJobExtras(
  call: CognitoCall,
  poolId: string,
  row: CsvRow,
): Promise<string | undefined> {
  const username = row.values[USERNAME_COLUMN];
  for (const step of postSteps(row, poolId, username).filter((s) => s.name !== "mfa:sms")) {
    try {
      // AdminAddUserToGroup and AdminDisableUser are idempotent: again after a crash changes nothing.
      await call(step.operation, step.input);
    } catch (err) {
      return `imported, but ${step.operation} failed: ${(err as Error).message.split("\n")[0]}`;
    }
  }
  return undefined;
}

/** The journal of a run without one (no resume): remembers nothing past the process. */
export function memoryJournal(): JobJournal & { recorded: JournalledJob[] } {
  const recorded: JournalledJob[] = [];
  return {
    recorded,
    jobs: () => recorded.slice(),
    jobStarted(jobId, part) {
      recorded.push({ part: part.part, jobId, jobName: part.jobName, startedAt: Date.now() });
    },
    jobFinished(jobId, end) {
      const j = recorded.find((r) => r.jobId === jobId);
      if (j) j.finished = end;
    },
  };
}

/**
 * The run journal (journal.ts) as this path's JobJournal, and the post-steps of an imported row
 * journalled in its steps table like the API path's: each step's intent before its call, its
 * outcome after, so a resume sends only the steps without an outcome (at most the one in flight at
 * a kill is sent twice, and AdminAddUserToGroup / AdminDisableUser are idempotent).
 */
export function jobJournalOf(
  journal: Journal,
  runId: string,
  call: CognitoCall,
  poolId: string,
): JobJournal & { afterImport: (row: CsvRow) => Promise<string | undefined> } {
  // Read once: the outcomes earlier attempts settled (a resume passes over them).
  const settled = journal.rowStates(runId);
  const username = (row: CsvRow) => row.values[USERNAME_COLUMN];
  const importedNow = new Set<number>();
  // Row outcomes are committed in batches: one fsync per row would cost minutes for 500,000 rows,
  // and a batch lost to kill -9 is read again from the job's log (nothing is sent for it). A
  // post-step's intent is different, it announces a request: the batch is committed before it.
  let pending: (() => void)[] = [];
  const flush = () => {
    if (pending.length === 0) return;
    const writes = pending;
    pending = [];
    journal.inTransaction(() => {
      for (const write of writes) write();
    });
  };
  const later = (write: () => void) => {
    pending.push(write);
    if (pending.length >= 1000) flush();
  };
  return {
    jobs: () =>
      journal.jobs(runId).map((j) => ({
        part: j.part,
        jobId: j.jobId,
        jobName: j.jobName,
        startedAt: j.startedAt,
        ...(j.finishedAt !== undefined
          ? {
              finished: {
                status: j.status,
                imported: j.imported,
                skipped: j.skipped,
                failed: j.failed,
                endedAt: j.finishedAt,
                ...(j.completionMessage ? { completionMessage: j.completionMessage } : {}),
              },
            }
          : {}),
      })),
    jobStarted: (jobId, part) =>
      journal.jobCreated(runId, {
        part: part.part,
        jobId,
        jobName: part.jobName,
        rows: part.rows,
        firstIndex: part.firstIndex,
      }),
    jobFinished: (jobId, end) => journal.jobEnded(runId, jobId, end),
    rowDone(row) {
      const state = settled.get(row.index);
      return state?.outcome ? { outcome: state.outcome, reason: state.reason } : undefined;
    },
    rowImported(row, job) {
      importedNow.add(row.index);
      later(() =>
        journal.jobRow(
          runId,
          { idx: row.index, line: row.line, username: username(row) },
          { outcome: "imported", intentAt: job.startedAt ?? Date.now(), createdUntil: job.endedAt },
        ),
      );
    },
    rowSettled(row, outcome, reason, job) {
      const exists = importedNow.delete(row.index) || settled.has(row.index);
      later(() => {
        if (exists) journal.outcome(runId, row.index, outcome, reason);
        else
          journal.jobRow(
            runId,
            { idx: row.index, line: row.line, username: username(row) },
            { outcome, reason, intentAt: job?.startedAt ?? Date.now() },
          );
      });
    },
    flush,
    async afterImport(row) {
      const done = journal.steps(runId, row.index);
      let failure: string | undefined;
      // Less SMS MFA, which the job set from cognito:mfa_enabled.
      for (const step of postSteps(row, poolId, username(row)).filter((s) => s.name !== "mfa:sms")) {
        const known = done.get(step.name);
        if (known?.outcome === "done") continue;
        if (known?.outcome === "failed") {
          failure ??= `imported, but ${step.operation} failed: ${known.reason}`;
          continue;
        }
        flush();
        journal.stepIntent(runId, row.index, step.name);
        try {
          await call(step.operation, step.input);
          journal.stepOutcome(runId, row.index, step.name, "done");
        } catch (err) {
          // Throttled or dropped past the paced call's retries: left without an outcome for a resume.
          if (isTransient(err) || !(err instanceof ServiceError)) throw err;
          const reason = `${err.code}: ${err.serviceMessage}`.split("\n")[0];
          journal.stepOutcome(runId, row.index, step.name, "failed", reason);
          failure ??= `imported, but ${step.operation} failed: ${reason}`;
        }
      }
      return failure;
    },
  };
}

/**
 * The plan `users import` builds (its ImportPlan, src/kernel/import/run.ts on the import-api side):
 * the members this path reads, typed here structurally so the two sides meet by shape.
 */
export interface UsersImportPlan {
  file: { path: string; shownPath: string; rows(): AsyncIterable<CsvRow>; header?: { line: string } };
  pool: { id: string; name?: string };
  importPool: ImportPool;
  /** Data rows in the file, and those validation refused (left out with --skip-invalid). */
  rows: number;
  invalid: number;
  rejectsFile: string;
  /** Groups cognito:groups names that the pool lacks, to create first (--create-groups). */
  missingGroups?: string[];
}

/** Why an invalid row was refused, on one line for the rejects file. */
export function problemsReason(row: CsvRow): string {
  return row.problems.map((p) => `${p.field ? `${p.field}: ` : ""}${p.message} (${p.fix})`).join("; ");
}

/**
 * `users import --via job` as the command calls it: `(ctx, plan) => summary`, with this path's flags
 * (addJobImportOptions) and, when the command has them, the run's journal and its post-step runner.
 * It walks the file for the valid rows, writes the rejects file (invalid and failed rows, in the
 * file's order) and returns the summary; the command prints it and throws jobImportError(summary).
 */
export function jobImportFor(
  flags: JobImportFlags,
): (
  ctx: Context,
  plan: UsersImportPlan,
  run?: { journal: Journal; runId: string },
) => Promise<JobRunSummary> {
  return async (ctx, plan, run) => {
    const valid = async function* () {
      for await (const row of plan.file.rows()) if (row.problems.length === 0) yield row;
    };
    let headerLine = plan.file.header?.line;
    if (headerLine === undefined) {
      // The command's validation walk sets it; read the first line when it did not run.
      headerLine = await firstLine(plan.file.path);
    }
    const rejects = await createRejectsWriter(plan.rejectsFile, headerLine);
    let summary: JobRunSummary;
    try {
      summary = await withTask(ctx, async (task) => {
        // Before the job: its imported rows are added to these groups once it ends.
        for (const group of plan.missingGroups ?? []) {
          try {
            await task.call("CreateGroup", { UserPoolId: plan.pool.id, GroupName: group });
          } catch (err) {
            if (!(err instanceof ServiceError && err.code === "GroupExistsException")) throw err;
          }
        }
        const journalled = run ? jobJournalOf(run.journal, run.runId, task.call, plan.pool.id) : undefined;
        return runJobImport(ctx, task, {
          file: plan.file.path,
          pool: plan.pool,
          importPool: plan.importPool,
          rows: valid,
          total: plan.rows - plan.invalid,
          invalid: plan.invalid,
          allRows: () => plan.file.rows(),
          invalidReason: problemsReason,
          rejects,
          flags,
          ...(journalled && run
            ? { journal: journalled, afterImport: journalled.afterImport, runId: run.runId }
            : {}),
        });
      });
    } catch (err) {
      await rejects.discard();
      throw err;
    }
    const written = await rejects.close();
    if (written) summary.rejectsFile = plan.rejectsFile;
    else delete summary.rejectsFile;
    return summary;
  };
}
