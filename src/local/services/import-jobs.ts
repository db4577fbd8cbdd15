// User import jobs: the job records (Created → Pending → InProgress → Succeeded / Failed, or
// Stopping → Stopped, or Expired), their presigned upload URL, and the state changes that must be
// decided by exactly one process: Start (compare-and-set from Created under SQLite's write lock,
// with the one-active-job rule), Stop, and the lease of the process running a job. The import itself
// runs in the background (import-runner.ts); its counters, cursor and lease live in this row.
import type { UserImportJobType } from "@aws-sdk/client-cognito-identity-provider";
import {
  PreconditionNotMetException,
  ResourceNotFoundException,
  UserImportInProgressException,
} from "../errors.js";
import type { Clock } from "./clock.js";
import { newImportJobId, newToken, toEpochSeconds } from "./ids.js";
import { UPLOAD_PATH } from "./import-upload.js";
import type { LocalServices } from "./index.js";
import { decodePage, encodePage } from "./paging.js";
import type { Pool } from "./pools.js";

/** Stored job: the wire UserImportJobType with epoch-second dates. */
export type JobData = Omit<UserImportJobType, "CreationDate" | "StartDate" | "CompletionDate"> & {
  CreationDate: number;
  StartDate?: number;
  CompletionDate?: number;
};

export const URL_VALIDITY_SECONDS = 15 * 60;
/** §8b: a job not started within about a day Expires (its upload URL lapses after 15 minutes). */
export const START_WINDOW_SECONDS = 24 * 60 * 60;
/** Statuses of a job that holds the pool (and the account's one import slot). */
export const ACTIVE_STATUSES = ["Pending", "InProgress", "Stopping"] as const;

export interface JobRow {
  job_id: string;
  pool_id: string;
  data: string;
  lease_owner: string | null;
  lease_expires: number | null;
  cursor_byte: number;
  cursor_line: number;
}

const ACTIVE_SQL = `json_extract(data, '$.Status') IN (${ACTIVE_STATUSES.map((s) => `'${s}'`).join(", ")})`;

export class ImportJobsService {
  constructor(
    private readonly services: LocalServices,
    private readonly clock: Clock,
  ) {}

  private now(): number {
    return this.clock().getTime() / 1000;
  }

  create(pool: Pool, jobName: string, roleArn: string, baseUrl: string): JobData {
    const now = this.now();
    const jobId = newImportJobId();
    const token = newToken();
    // X-Amz-Date is the signing time (as in S3's presigned URLs); X-Amz-Expires counts from it.
    const signedAt = new Date(Math.floor(now) * 1000).toISOString().replace(/[-:]|\.\d+/g, "");
    const job: JobData = {
      JobName: jobName,
      JobId: jobId,
      UserPoolId: pool.id,
      PreSignedUrl: `${baseUrl}${UPLOAD_PATH}${token}?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=${signedAt}&X-Amz-Expires=${URL_VALIDITY_SECONDS}&X-Amz-SignedHeaders=host%3Bx-amz-server-side-encryption&X-Amz-Signature=${token.slice(0, 16)}`,
      CreationDate: now,
      Status: "Created",
      CloudWatchLogsRoleArn: roleArn,
      ImportedUsers: 0,
      SkippedUsers: 0,
      FailedUsers: 0,
    };
    this.services.db
      .prepare(
        "INSERT INTO import_jobs (job_id, pool_id, upload_token, data, created) VALUES (?, ?, ?, ?, ?)",
      )
      .run(jobId, pool.id, token, JSON.stringify(job), Date.now());
    return job;
  }

  get(poolId: string, jobId: string): JobData {
    const raw = this.services.db
      .prepare("SELECT data FROM import_jobs WHERE job_id = ? AND pool_id = ?")
      .pluck()
      .get(jobId, poolId) as string | undefined;
    if (!raw) throw new ResourceNotFoundException(`Import job ${jobId} does not exist.`);
    return this.withExpiry(JSON.parse(raw));
  }

  row(jobId: string): JobRow | undefined {
    return this.services.db
      .prepare(
        "SELECT job_id, pool_id, data, lease_owner, lease_expires, cursor_byte, cursor_line FROM import_jobs WHERE job_id = ?",
      )
      .get(jobId) as JobRow | undefined;
  }

  save(job: JobData): void {
    this.services.db
      .prepare("UPDATE import_jobs SET data = ? WHERE job_id = ?")
      .run(JSON.stringify(job), job.JobId);
  }

  list(poolId: string, max: number, token?: string): { jobs: JobData[]; token?: string } {
    // Keyset on "<created ms padded>|<job id>" so the order is creation order.
    const rows = this.services.db
      .prepare(
        "SELECT printf('%015d|%s', created, job_id) AS k, data FROM import_jobs WHERE pool_id = ? AND printf('%015d|%s', created, job_id) > ? ORDER BY k LIMIT ?",
      )
      .all(poolId, token ? decodePage(token) : "", max + 1) as { k: string; data: string }[];
    const page = rows.slice(0, max);
    return {
      jobs: page.map((r) => this.withExpiry(JSON.parse(r.data))),
      token: rows.length > max ? encodePage(page[page.length - 1].k) : undefined,
    };
  }

  /** The job of this pool that is running (Pending, InProgress or Stopping), if any. */
  activeInPool(poolId: string): string | undefined {
    return this.services.db
      .prepare(`SELECT job_id FROM import_jobs WHERE pool_id = ? AND ${ACTIVE_SQL} LIMIT 1`)
      .pluck()
      .get(poolId) as string | undefined;
  }

  /** Active jobs whose lease lapsed (their process died or closed): to be taken over. */
  orphaned(nowMs: number): string[] {
    return this.services.db
      .prepare(
        `SELECT job_id FROM import_jobs WHERE ${ACTIVE_SQL} AND (lease_expires IS NULL OR lease_expires < ?) ORDER BY created`,
      )
      .pluck()
      .all(nowMs) as string[];
  }

  /**
   * Start: Created → Pending, leased to `owner`, in one IMMEDIATE transaction. SQLite's write lock
   * makes this a compare-and-set across processes: of two endpoints starting the same job, the
   * second finds it Pending and gets Cognito's answer for a job that is not Created.
   */
  start(poolId: string, jobId: string, owner: string, leaseMs: number): JobData {
    const tx = this.services.db.transaction(() => {
      const job = this.get(poolId, jobId);
      if (job.Status !== "Created") {
        throw new PreconditionNotMetException(
          `The import job ${jobId} is ${job.Status}; only a Created job can be started.`,
        );
      }
      // §8b: starting a job with nothing uploaded.
      if (!this.services.uploads.exists(jobId)) {
        throw new PreconditionNotMetException(
          `No file was uploaded to the PreSignedUrl of import job ${jobId}; upload the CSV before starting it.`,
        );
      }
      // §8b: "If the user pool has no auto-verified attributes, the import job will not start" (the
      // developer guide). Which error AWS answers with is not documented: PreconditionNotMetException,
      // as for the other starts that cannot happen.
      const autoVerified =
        (this.services.pools.get(poolId).data.AutoVerifiedAttributes as string[] | undefined) ?? [];
      if (autoVerified.length === 0) {
        throw new PreconditionNotMetException(
          `User pool ${poolId} has no auto-verified attributes (AutoVerifiedAttributes); an import job needs at least one (email or phone_number). Set them with UpdateUserPool, or create the users through the API.`,
        );
      }
      // §8b: one import job active at a time per account (one store is one account here). The API
      // reference names no exception for this case; PreconditionNotMetException is the one
      // StartUserImportJob documents for a start that cannot happen now.
      const active = this.services.db
        .prepare(`SELECT job_id FROM import_jobs WHERE ${ACTIVE_SQL} AND job_id <> ? LIMIT 1`)
        .pluck()
        .get(jobId) as string | undefined;
      if (active) {
        throw new PreconditionNotMetException(
          `Another user import job (${active}) is in progress; only one import job can run at a time. Wait for it to finish, or stop it, then start ${jobId}.`,
        );
      }
      job.Status = "Pending";
      job.StartDate = this.now();
      this.services.db
        .prepare(
          "UPDATE import_jobs SET data = ?, lease_owner = ?, lease_expires = ?, cursor_byte = 0, cursor_line = 0 WHERE job_id = ?",
        )
        .run(JSON.stringify(job), owner, Date.now() + leaseMs, jobId);
      return job;
    });
    return tx.immediate();
  }

  /**
   * Stop: a job that has not begun stops at once; a running one goes Stopping and its runner (or the
   * endpoint that takes it over) makes it Stopped at the next chunk boundary.
   */
  stop(poolId: string, jobId: string): JobData {
    const tx = this.services.db.transaction(() => {
      const job = this.get(poolId, jobId);
      if (job.Status === "Created") {
        job.Status = "Stopped";
        job.CompletionDate = this.now();
        job.CompletionMessage = "The user import job was stopped.";
      } else if (job.Status === "Pending" || job.Status === "InProgress") {
        job.Status = "Stopping";
      } else {
        throw new PreconditionNotMetException(
          `The import job ${jobId} is ${job.Status} and cannot be stopped.`,
        );
      }
      this.save(job);
      return job;
    });
    return tx.immediate();
  }

  /** A Created job not started within a day is Expired (written once, when first seen so). */
  private withExpiry(job: JobData): JobData {
    if (job.Status === "Created" && this.now() - job.CreationDate > START_WINDOW_SECONDS) {
      job.Status = "Expired";
      job.CompletionMessage = "The user import job expired: it was not started within a day.";
      job.CompletionDate = job.CreationDate + START_WINDOW_SECONDS;
      this.services.db
        .prepare(
          "UPDATE import_jobs SET data = ? WHERE job_id = ? AND json_extract(data, '$.Status') = 'Created'",
        )
        .run(JSON.stringify(job), job.JobId);
      this.services.uploads.remove(job.JobId as string);
    }
    return job;
  }

  /** UserImportJobType on the wire. */
  static describe(job: JobData): Record<string, unknown> {
    // RowErrors: kept by jobs of an older cogctl; the row outcomes are in the job's log stream now.
    const { RowErrors: _old, ...rest } = job as JobData & { RowErrors?: unknown };
    return {
      ...rest,
      CreationDate: toEpochSeconds(job.CreationDate * 1000),
      ...(job.StartDate !== undefined ? { StartDate: job.StartDate } : {}),
      ...(job.CompletionDate !== undefined ? { CompletionDate: job.CompletionDate } : {}),
    };
  }
}

/**
 * UserImportInProgressException: DeleteUserPool, UpdateUserPool and AddCustomAttributes (the
 * operations whose model lists it) refuse while one of the pool's import jobs is running.
 */
export function refuseWhileImporting(services: LocalServices, poolId: string): void {
  const active = new ImportJobsService(services, services.clock).activeInPool(poolId);
  if (active) {
    throw new UserImportInProgressException(
      `The user pool ${poolId} has a user import job in progress (${active}); wait for it to finish, or stop it.`,
    );
  }
}
