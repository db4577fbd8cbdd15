// Waiting for a user import job to end: DescribeUserImportJob polled with a progress line on stderr
// (imported / skipped / failed, rate, ETA; terminal only), and what the end means for the exit code.
// Shared by `users import --via job` (via-job.ts) and `import-jobs upload --start`: jobs run in the
// background (Pending → InProgress with moving counters), so StartUserImportJob's answer is not the end.
import type { CognitoCall } from "../cognito-call.js";
import { CliError, ExitCode, RowsFailedError } from "../errors.js";
import type { IO } from "../io/io.js";
import { createOutcomeProgress, type OutcomeCounts } from "../progress.js";

/** DescribeUserImportJob's UserImportJob, the members read here. */
export interface ImportJob {
  JobId?: string;
  JobName?: string;
  UserPoolId?: string;
  Status?: string;
  ImportedUsers?: number;
  SkippedUsers?: number;
  FailedUsers?: number;
  CompletionMessage?: string;
  /** When the job ended, by Cognito's clock (the SDK parses it into a Date). */
  CompletionDate?: Date | string | number;
  PreSignedUrl?: string;
  CloudWatchLogsRoleArn?: string;
}

/** Statuses a job never leaves (COGNITO-FACTS §8). */
export const FINAL_STATUSES: ReadonlySet<string> = new Set(["Succeeded", "Failed", "Stopped", "Expired"]);

export const DEFAULT_POLL_INTERVAL_MS = 2_000;

export function jobCounts(job: ImportJob): OutcomeCounts {
  return {
    imported: job.ImportedUsers ?? 0,
    skipped: job.SkippedUsers ?? 0,
    failed: job.FailedUsers ?? 0,
  };
}

export interface WaitOptions {
  io: IO;
  /**
   * Between two DescribeUserImportJob calls (it counts against UserPoolRead, 15/s). Unset: 100 ms at
   * first, doubling up to DEFAULT_POLL_INTERVAL_MS, so a small job's end is seen at once.
   */
  pollIntervalMs?: number;
  /** The job's rows, for the progress line's total and ETA. */
  total?: number;
  /** "part 2/3": shown before the counters. */
  label?: string;
  sleep?: (ms: number) => Promise<void>;
}

/** Polls until the job's status is final; returns the last description. */
export async function waitForImportJob(
  call: CognitoCall,
  poolId: string,
  jobId: string,
  opts: WaitOptions,
): Promise<ImportJob> {
  let interval = opts.pollIntervalMs ?? 100;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const progress = createOutcomeProgress(opts.io, { total: opts.total, label: opts.label ?? jobId });
  try {
    for (;;) {
      const { UserImportJob } = await call("DescribeUserImportJob", { UserPoolId: poolId, JobId: jobId });
      const job = (UserImportJob ?? {}) as ImportJob;
      // Pending can last minutes on AWS before the first row: say so rather than show a still 0.
      progress.update(jobCounts(job), job.Status === "InProgress" ? undefined : job.Status);
      if (FINAL_STATUSES.has(job.Status ?? "")) return job;
      await sleep(interval);
      if (opts.pollIntervalMs === undefined) interval = Math.min(interval * 2, DEFAULT_POLL_INTERVAL_MS);
    }
  } finally {
    progress.done();
  }
}

const n = (v: number) => v.toLocaleString("en-US");

/** "1,000 imported, 3 skipped, 2 failed". */
export function countsText(c: OutcomeCounts): string {
  return `${n(c.imported)} imported, ${n(c.skipped)} skipped, ${n(c.failed)} failed`;
}

/**
 * What a finished job means for the exit code: undefined when it Succeeded with no failed row;
 * otherwise the error to throw (the job's CompletionMessage and counts). A Failed, Stopped or
 * Expired job is a service outcome (254); failed rows are exit 1, as any bulk run with failed items.
 */
export function jobOutcomeError(job: ImportJob, hint?: string): CliError | undefined {
  const counts = jobCounts(job);
  const tail = hint ? `\n${hint}` : "";
  if (job.Status !== "Succeeded") {
    const why = job.CompletionMessage ? `: ${job.CompletionMessage}` : "";
    return new CliError(
      `Import job ${job.JobId} ended ${job.Status ?? "in an unknown status"}${why} (${countsText(counts)})${tail}`,
      ExitCode.SERVICE,
    );
  }
  if (counts.failed > 0) {
    return new RowsFailedError(
      `Import job ${job.JobId} finished with failed rows: ${countsText(counts)}${tail}`,
    );
  }
  return undefined;
}
