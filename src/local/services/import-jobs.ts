// User import jobs: the job records (Created → Pending → InProgress → Succeeded/Failed, or Stopped /
// Expired), their presigned upload URL, and running the import of the uploaded CSV (§8).
//
// The import runs inside StartUserImportJob, in chunks of one transaction each: with --local there is
// no long-lived process to finish it in the background, so the job is complete (and its counters
// final) by the time Start answers. DescribeUserImportJob then reports the outcome.
import type { UserImportJobType } from "@aws-sdk/client-cognito-identity-provider";
import { PreconditionNotMetException, ResourceNotFoundException } from "../errors.js";
import type { Clock } from "./clock.js";
import { newImportJobId, newToken, toEpochSeconds } from "./ids.js";
import { UPLOAD_PATH } from "./import-upload.js";
import type { LocalServices } from "./index.js";
import { decodePage, encodePage } from "./paging.js";
import type { Pool } from "./pools.js";

/** Stored job: the wire UserImportJobType with epoch-second dates, plus row errors for diagnosis. */
export type JobData = Omit<UserImportJobType, "CreationDate" | "StartDate" | "CompletionDate"> & {
  CreationDate: number;
  StartDate?: number;
  CompletionDate?: number;
  /** First row errors ("line 3: ..."): the service writes these to CloudWatch Logs. */
  RowErrors?: string[];
};

export const URL_VALIDITY_SECONDS = 15 * 60;

export class ImportJobsService {
  constructor(
    private readonly services: LocalServices,
    private readonly clock: Clock,
  ) {}

  create(pool: Pool, jobName: string, roleArn: string, baseUrl: string): JobData {
    const now = this.clock().getTime() / 1000;
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

  save(job: JobData): void {
    this.services.db
      .prepare("UPDATE import_jobs SET data = ? WHERE job_id = ?")
      .run(JSON.stringify(job), job.JobId);
  }

  /** The uploaded file (in the uploads directory; a database from before kept it in `csv`). */
  csv(jobId: string): Buffer | undefined {
    return (
      this.services.uploads.read(jobId) ??
      (this.services.db
        .prepare("SELECT csv FROM import_jobs WHERE job_id = ?")
        .pluck()
        .get(jobId) as Buffer | null) ??
      undefined
    );
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

  stop(poolId: string, jobId: string): JobData {
    const job = this.get(poolId, jobId);
    if (!["Created", "Pending", "InProgress"].includes(job.Status as string)) {
      throw new PreconditionNotMetException(
        `The import job ${jobId} is ${job.Status} and cannot be stopped.`,
      );
    }
    job.Status = "Stopped";
    job.CompletionDate = this.clock().getTime() / 1000;
    job.CompletionMessage = "The user import job was stopped.";
    this.save(job);
    return job;
  }

  /** A Created job whose upload URL lapsed without an upload reads as Expired. */
  private withExpiry(job: JobData): JobData {
    if (
      job.Status === "Created" &&
      this.clock().getTime() / 1000 - job.CreationDate > URL_VALIDITY_SECONDS &&
      !this.csv(job.JobId as string)
    ) {
      return {
        ...job,
        Status: "Expired",
        CompletionMessage: "The presigned URL expired before a file was uploaded.",
      };
    }
    return job;
  }

  /** UserImportJobType on the wire. */
  static describe(job: JobData): Record<string, unknown> {
    const { RowErrors: _e, ...rest } = job;
    return {
      ...rest,
      CreationDate: toEpochSeconds(job.CreationDate * 1000),
      ...(job.StartDate !== undefined ? { StartDate: job.StartDate } : {}),
      ...(job.CompletionDate !== undefined ? { CompletionDate: job.CompletionDate } : {}),
    };
  }
}
