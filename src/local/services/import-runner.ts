// Runs import jobs in the background of the endpoint's process (`local serve`, or the CLI process
// with --local), streaming the uploaded file in small transactions and yielding to the event loop
// between them, so other requests are answered within milliseconds meanwhile.
//
// Exactly once, across processes sharing one data directory:
// - a job is run only by the endpoint holding its lease (lease_owner, lease_expires in the job's
//   row). Start takes it (import-jobs.ts); every chunk renews it in the chunk's own transaction;
// - each chunk commits its users, their log events, the counters and the row cursor (byte offset and
//   line of the next row) in ONE IMMEDIATE transaction that first checks the lease is still ours:
//   a runner that lost its lease commits nothing more;
// - an endpoint opening the store, and periodically while it is open, takes over active jobs whose
//   lease lapsed (their process died: kill -9) and resumes them at the committed cursor, or ends
//   them Failed when their file is gone. A closing endpoint hands its jobs back (lease lapsed now).
import { randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import type { Statement } from "better-sqlite3";
import type { RowRules } from "../../cognito/csv/rules.js";
import { CSV_LIMITS, startsWithUtf8Bom } from "../../cognito/csv-rules.js";
import { importLogGroup, importLogStream, LogsService } from "./cloudwatch-logs.js";
import { fileLines } from "./csv-lines.js";
import { ImportJobsService, type JobData } from "./import-jobs.js";
import type { LocalServices } from "./index.js";
import {
  checkHeader,
  importRow,
  outcomeMessage,
  type RequestCheck,
  rowRules,
  splitRow,
} from "./user-import.js";

/**
 * §8b: "Too many users have failed or been skipped during the import." Cognito does not publish its
 * threshold. Ours: once TOO_MANY_MIN_ROWS rows have been processed, more than TOO_MANY_RATIO of
 * them failed or skipped ends the job Failed. A file that is mostly wrong (the wrong pool, a file
 * imported twice) stops early instead of writing hundreds of thousands of FAILED lines, while a
 * file with some bad rows, or any small file, always runs to its end.
 */
export const TOO_MANY_MIN_ROWS = 1000;
export const TOO_MANY_RATIO = 0.5;
export const TOO_MANY_MESSAGE = "Too many users have failed or been skipped during the import.";

const POOL_DELETED = "The user pool of this import job was deleted.";

/** How long a lease lasts without a chunk renewing it. */
export const DEFAULT_LEASE_MS = 15_000;
/** Bytes of one line held at most: 16,000 characters of up to 4 bytes, and the line ending. */
const MAX_LINE_BYTES = CSV_LIMITS.maxRowCharacters * 4 + 2;
/**
 * A chunk's time budget: what another request may wait behind it. Each commit rewrites the pages
 * it touched (indexes, the job row) to the WAL, so chunks much smaller than this cost throughput.
 */
const CHUNK_BUDGET_MS = 12;
const MIN_CHUNK_ROWS = 64;

export interface RunnerOptions {
  leaseMs?: number;
  check: RequestCheck;
  log?: (level: "error" | "warn" | "info" | "debug", message: string) => void;
}

type ChunkResult = "continue" | "done" | "lost";

class LeaseLost extends Error {}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export class ImportRunner {
  /** This endpoint's identity in leases: unique per open endpoint, even within one process. */
  readonly owner = `${process.pid}:${randomUUID()}`;
  readonly leaseMs: number;
  private readonly jobs: ImportJobsService;
  private readonly logs: LogsService;
  private readonly running = new Map<string, Promise<void>>();
  private timer?: NodeJS.Timeout;
  private closed = false;
  private chunkStatements?: { read: Statement; write: Statement };

  constructor(
    private readonly services: LocalServices,
    private readonly opts: RunnerOptions,
  ) {
    this.leaseMs = opts.leaseMs ?? DEFAULT_LEASE_MS;
    this.jobs = new ImportJobsService(services, services.clock);
    this.logs = new LogsService(services.db, services.region);
  }

  /** Takes over orphaned jobs now and every half lease; the timer never keeps a process alive. */
  watch(): void {
    this.takeOver();
    this.timer = setInterval(() => this.takeOver(), Math.max(50, this.leaseMs / 2));
    this.timer.unref();
  }

  /** Starts a job leased to this endpoint (after ImportJobsService.start). */
  launch(jobId: string): void {
    if (this.closed || this.running.has(jobId)) return;
    const run = this.run(jobId)
      .catch((err: unknown) => {
        if (!this.closed) this.opts.log?.("error", `import job ${jobId}: ${(err as Error).stack ?? err}`);
      })
      .finally(() => this.running.delete(jobId));
    this.running.set(jobId, run);
  }

  /** Resolves when every job this endpoint runs has ended (a --local command waits for its jobs). */
  async drain(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running.values()]);
  }

  /** Stops running and hands this endpoint's jobs back: their lease lapses now, for another to resume. */
  close(): void {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    try {
      this.services.db
        .prepare("UPDATE import_jobs SET lease_expires = 0 WHERE lease_owner = ?")
        .run(this.owner);
    } catch {
      // The database may already be unusable (a reset directory): nothing to hand back then.
    }
  }

  /** Claims every active job whose lease lapsed (one UPDATE each, so one claimant wins). */
  takeOver(): void {
    if (this.closed) return;
    const now = Date.now();
    for (const jobId of this.jobs.orphaned(now)) {
      const claimed = this.services.db
        .prepare(
          "UPDATE import_jobs SET lease_owner = ?, lease_expires = ? WHERE job_id = ? AND (lease_expires IS NULL OR lease_expires < ?)",
        )
        .run(this.owner, now + this.leaseMs, jobId, now);
      if (claimed.changes === 1) {
        this.opts.log?.("info", `import job ${jobId}: taken over (its lease lapsed)`);
        this.launch(jobId);
      }
    }
  }

  private async run(jobId: string): Promise<void> {
    await yieldToEventLoop(); // Start answers before any work begins.
    const row = this.jobs.row(jobId);
    if (!row || row.lease_owner !== this.owner) return;
    const path = this.services.uploads.path(jobId);
    if (!this.services.uploads.exists(jobId)) {
      this.commit(jobId, (job) =>
        this.end(
          job,
          "Failed",
          "The import file of this job is gone (the process running the job ended before it finished). Create a new job and upload the file again.",
        ),
      );
      return;
    }
    const header = await this.readHeader(path);
    if (typeof header === "string") {
      this.commit(jobId, (job) => this.end(job, "Failed", header));
      return;
    }
    const pool = this.services.pools.find(JSON.parse(row.data).UserPoolId);
    const headerProblem = pool ? checkHeader(pool, header.names) : POOL_DELETED;
    if (headerProblem || !pool) {
      this.commit(jobId, (job) => this.end(job, "Failed", headerProblem ?? POOL_DELETED));
      return;
    }
    const rules = rowRules(pool, header.names);
    const fresh = row.cursor_byte === 0;
    if (fresh) {
      const problem = await this.scanFile(path, () => this.heartbeat(jobId));
      if (problem) {
        this.commit(jobId, (job) => this.end(job, "Failed", problem));
        return;
      }
    }
    const lines = fileLines(path, {
      start: fresh ? header.end : row.cursor_byte,
      firstLine: fresh ? 2 : row.cursor_line + 1,
      maxBytes: MAX_LINE_BYTES,
    });
    let batch: Parameters<ImportRunner["importChunk"]>[2] = [];
    let size = MIN_CHUNK_ROWS;
    const flush = async (last: boolean): Promise<boolean> => {
      const started = performance.now();
      const result = this.commit(jobId, (job, r) =>
        this.importChunk(job, r, batch, header.names, rules, last),
      );
      batch = [];
      // Adapt the chunk to the time budget: the chunk is what another request may wait behind.
      const took = performance.now() - started;
      if (took < CHUNK_BUDGET_MS / 2) size = Math.min(size * 2, 4096);
      else if (took > CHUNK_BUDGET_MS) size = Math.max(MIN_CHUNK_ROWS, Math.floor(size / 2));
      await yieldToEventLoop();
      return result === "continue" && !this.closed;
    };
    try {
      for await (const line of lines) {
        batch.push(line);
        if (batch.length >= size && !(await flush(false))) return;
      }
      await flush(true);
    } finally {
      await lines.return(undefined);
    }
  }

  /** Renews the lease while the file is scanned (no chunk commits then). */
  private heartbeat(jobId: string): void {
    if (this.closed) return;
    this.services.db
      .prepare("UPDATE import_jobs SET lease_expires = ? WHERE job_id = ? AND lease_owner = ?")
      .run(Date.now() + this.leaseMs, jobId, this.owner);
  }

  /**
   * Runs `work` on the job in one IMMEDIATE transaction that first checks this endpoint still holds
   * the lease; renews the lease with whatever work writes.
   */
  private commit(
    jobId: string,
    work: (job: JobData, row: { cursorByte: number; cursorLine: number }) => ChunkResult,
  ): ChunkResult {
    if (this.closed) return "lost";
    this.chunkStatements ??= {
      read: this.services.db.prepare(
        "SELECT lease_owner, data, cursor_byte, cursor_line FROM import_jobs WHERE job_id = ?",
      ),
      write: this.services.db.prepare(
        "UPDATE import_jobs SET data = ?, cursor_byte = ?, cursor_line = ?, lease_expires = ? WHERE job_id = ?",
      ),
    };
    const { read, write } = this.chunkStatements;
    const tx = this.services.db.transaction((): ChunkResult => {
      const row = read.get(jobId) as
        | { lease_owner: string | null; data: string; cursor_byte: number; cursor_line: number }
        | undefined;
      if (!row || row.lease_owner !== this.owner) throw new LeaseLost();
      const job = JSON.parse(row.data) as JobData;
      const cursor = { cursorByte: row.cursor_byte, cursorLine: row.cursor_line };
      let result: ChunkResult;
      if (job.Status === "Stopping") {
        result = this.end(job, "Stopped", "The user import job was stopped.");
      } else if (job.Status !== "Pending" && job.Status !== "InProgress") {
        return "lost";
      } else {
        result = work(job, cursor);
      }
      write.run(JSON.stringify(job), cursor.cursorByte, cursor.cursorLine, Date.now() + this.leaseMs, jobId);
      return result;
    });
    let result: ChunkResult;
    try {
      result = tx.immediate();
    } catch (err) {
      if (err instanceof LeaseLost) return "lost";
      throw err;
    }
    if (result === "done") this.services.uploads.remove(jobId);
    return result;
  }

  private importChunk(
    job: JobData,
    cursor: { cursorByte: number; cursorLine: number },
    batch: { line: number; text?: string; end: number; invalidUtf8?: boolean }[],
    header: string[],
    rules: RowRules,
    last: boolean,
  ): ChunkResult {
    const pool = this.services.pools.find(job.UserPoolId as string);
    if (!pool) return this.end(job, "Failed", POOL_DELETED);
    job.Status = "InProgress";
    const now = this.services.clock().getTime();
    const group = importLogGroup(pool.id, pool.name);
    const stream = importLogStream(job.JobId as string, job.JobName as string);
    const messages: string[] = [];
    for (const l of batch) {
      cursor.cursorByte = l.end;
      cursor.cursorLine = l.line;
      if (l.text !== undefined && l.text.trim() === "") continue;
      const outcome =
        l.text === undefined
          ? ({
              kind: "FAILED",
              reason: `The row is longer than ${CSV_LIMITS.maxRowCharacters} characters.`,
            } as const)
          : importRow(this.services, pool, header, rules, l.line, l.text, this.opts.check);
      if (outcome.kind === "SUCCEEDED") job.ImportedUsers = (job.ImportedUsers ?? 0) + 1;
      else if (outcome.kind === "SKIPPED") job.SkippedUsers = (job.SkippedUsers ?? 0) + 1;
      else job.FailedUsers = (job.FailedUsers ?? 0) + 1;
      messages.push(outcomeMessage(l.line, outcome));
    }
    this.logs.append(this.logs.ensureStream(group, stream, now), messages, now);
    const bad = (job.FailedUsers ?? 0) + (job.SkippedUsers ?? 0);
    const processed = bad + (job.ImportedUsers ?? 0);
    if (processed >= TOO_MANY_MIN_ROWS && bad > processed * TOO_MANY_RATIO)
      return this.end(job, "Failed", TOO_MANY_MESSAGE);
    if (!last) return "continue";
    const failed = job.FailedUsers ?? 0;
    const skipped = job.SkippedUsers ?? 0;
    return this.end(
      job,
      "Succeeded",
      failed || skipped
        ? `Import Job Completed. ${job.ImportedUsers} users imported, ${skipped} skipped, ${failed} failed.`
        : "Import Job Completed Successfully.",
    );
  }

  private end(job: JobData, status: "Succeeded" | "Failed" | "Stopped", message: string): ChunkResult {
    job.Status = status;
    job.CompletionMessage = message;
    job.CompletionDate = this.services.clock().getTime() / 1000;
    return "done";
  }

  /** The header line and where the rows begin, or why the file cannot be read at all. */
  private async readHeader(path: string): Promise<{ names: string[]; end: number } | string> {
    const first = await new Promise<Buffer>((resolve, reject) => {
      const chunks: Buffer[] = [];
      const s = createReadStream(path, { start: 0, end: 2 });
      s.on("data", (c) => chunks.push(c as Buffer));
      s.on("end", () => resolve(Buffer.concat(chunks)));
      s.on("error", reject);
    });
    if (first.length === 0) return "The CSV file is empty.";
    if (startsWithUtf8Bom(first))
      return "The CSV file starts with a byte order mark; save it as UTF-8 without BOM.";
    const lines = fileLines(path, { start: 0, firstLine: 1, maxBytes: MAX_LINE_BYTES });
    try {
      const { value } = await lines.next();
      if (!value) return "The CSV file is empty.";
      if (value.invalidUtf8) return "The CSV file is not valid UTF-8 (line 1).";
      if (value.text === undefined) return "The header line of the CSV file is too long.";
      return { names: splitRow(value.text), end: value.end };
    } finally {
      await lines.return(undefined);
    }
  }

  /**
   * Before the first row: the whole file is UTF-8 and holds at most 500,000 users, else the job
   * fails as a whole (an unparseable file) before importing anyone. Streams, holding nothing.
   */
  private async scanFile(path: string, heartbeat: () => void): Promise<string | undefined> {
    const decoder = new TextDecoder("utf-8", { fatal: true });
    let rows = -1; // the header is not a user
    let lineHasContent = false;
    let line = 1;
    for await (const chunk of createReadStream(path, {
      highWaterMark: 1024 * 1024,
    }) as AsyncIterable<Buffer>) {
      try {
        decoder.decode(chunk, { stream: true });
      } catch {
        return `The CSV file is not valid UTF-8 (near line ${line}).`;
      }
      let from = 0;
      for (;;) {
        const nl = chunk.indexOf(0x0a, from);
        const end = nl < 0 ? chunk.length : nl;
        // A line of only CR / spaces is blank; anything else makes it a row.
        for (let i = from; i < end && !lineHasContent; i++) {
          const b = chunk[i];
          if (b !== 0x0d && b !== 0x20 && b !== 0x09) lineHasContent = true;
        }
        if (nl < 0) break;
        if (lineHasContent) rows++;
        lineHasContent = false;
        line++;
        from = nl + 1;
      }
      heartbeat();
      await yieldToEventLoop();
    }
    try {
      decoder.decode();
    } catch {
      return `The CSV file is not valid UTF-8 (near line ${line}).`;
    }
    if (lineHasContent) rows++;
    if (rows > CSV_LIMITS.maxUsers) return `The CSV file has more than ${CSV_LIMITS.maxUsers} users.`;
    return undefined;
  }
}
