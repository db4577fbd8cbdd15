// The journal of `users import` runs: one SQLite database under the state directory
// ($XDG_STATE_HOME/cogctl/import-runs/journal.sqlite, a 0700 directory and 0600 files) holding each
// run (its file's SHA-256, pool, endpoint, path, options) and, per row, an intent written BEFORE the
// request leaves and the outcome written after it answered. That order is what makes a run exactly
// once: after kill -9, a row with an outcome is finished, a row without an intent was never sent, and
// a row with an intent but no outcome is checked against the pool (AdminGetUser) instead of being
// sent again blindly (see via-api.ts for how its creator is decided).
//
// Durability: WAL with synchronous=FULL, so every commit is fsynced before the request it announces
// leaves. NORMAL+WAL would survive kill -9 too (a commit sits in the OS's page cache of the WAL file),
// but a power cut could then lose the last intents, and a created user whose intent is lost would be
// re-read on resume as "existed before this run" (skipped, and left behind by --undo). One fsync per
// row at Cognito's 50 creations/s is cheap.
//
// --via job runs live here too (via-job.ts through jobJournalOf): the `jobs` table holds each part's
// import job (written after CreateUserImportJob, before the upload; its end once seen), and after a
// part's log is read every row gets its outcome in `rows` like an API row, its post-steps in `steps`.
// A job row has no sub (the job answers with line numbers, not users): `created_until` holds when
// the job ended (Cognito's CompletionDate), so --undo can tell a user the job made from one made
// again since.
//
// Schema versions (PRAGMA user_version): 0/1 the first journals (runs, rows, steps), 2 adds the jobs
// table and rows.created_until; open() migrates an older file in place.
//
// Nothing secret is written here: no temporary password, no temporary-password command (its text
// might hold one), no attribute values: usernames (needed by --undo without the file), subs, line
// numbers, outcomes and the service's reasons.
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from "node:fs";
import { join } from "node:path";
import type BetterSqlite3 from "better-sqlite3";
import { UsageError } from "../errors.js";
import type { RowOutcome } from "./types.js";

export type RunState = "running" | "finished" | "undoing" | "undone";

/** Options that decide what a row becomes; a resumed run keeps them (the pace may change). */
export interface RunOptions {
  sendInvitations: boolean;
  createGroups: boolean;
  skipInvalid: boolean;
  /** Where temporary passwords come from: Cognito makes one, a command, or a column (named). */
  temporaryPassword: { from: "cognito" } | { from: "command" } | { from: "column"; column: string };
  rejectsFile?: string;
}

export interface RunMeta {
  poolId: string;
  poolName?: string;
  /** Which service this was: "aws:REGION", "endpoint:URL" or "local:DATA_DIR". */
  endpoint: string;
  /** The file's absolute path. */
  file: string;
  fileSha256: string;
  fileBytes: number;
  via: "api" | "job";
  options: RunOptions;
  /** Data rows in the file, and those refused by validation. */
  rows: number;
  invalid: number;
}

export interface RunCounts {
  imported: number;
  skipped: number;
  failed: number;
  /** Rows sent whose outcome is not known yet (a resume settles them). */
  pending: number;
  /** Users this run created (what --undo deletes), and those --undo deleted so far. */
  created: number;
  deleted: number;
}

export interface RunRecord extends RunMeta {
  id: string;
  state: RunState;
  startedAt: Date;
  updatedAt: Date;
  counts: RunCounts;
}

/** What the journal knows of one row. */
export interface RowState {
  idx: number;
  line: number;
  username: string;
  /** When the (first) intent was written, ms since the epoch. */
  intentAt: number;
  /** true: this run created the user; false: it existed before; undefined: not known yet. */
  created?: boolean;
  sub?: string;
  outcome?: RowOutcome;
  reason?: string;
  undoOutcome?: "deleted" | "gone" | "kept" | "failed";
  /** Job rows (no sub): the latest time the run could have created the user, ms since the epoch. */
  createdUntil?: number;
}

/** One part's import job of a --via job run. */
export interface JobRecord {
  part: number;
  jobId: string;
  jobName: string;
  /** Cognito's status when last journalled ("Created" until the job's end was seen). */
  status: string;
  rows: number;
  firstIndex: number;
  imported: number;
  skipped: number;
  failed: number;
  completionMessage?: string;
  startedAt: number;
  /** Set once the job ended (its status final). */
  finishedAt?: number;
}

export interface StepState {
  step: string;
  outcome?: "done" | "failed";
  reason?: string;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS runs (
  id TEXT PRIMARY KEY,
  state TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  pool_id TEXT NOT NULL,
  pool_name TEXT,
  endpoint TEXT NOT NULL,
  file TEXT NOT NULL,
  file_sha256 TEXT NOT NULL,
  file_bytes INTEGER NOT NULL,
  via TEXT NOT NULL,
  options TEXT NOT NULL,
  rows INTEGER NOT NULL,
  invalid INTEGER NOT NULL,
  owner_pid INTEGER
);
CREATE INDEX IF NOT EXISTS runs_by_file ON runs (file_sha256, pool_id, endpoint, via, state);
CREATE TABLE IF NOT EXISTS rows (
  run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  line INTEGER NOT NULL,
  username TEXT NOT NULL,
  intent_at INTEGER NOT NULL,
  created INTEGER,
  sub TEXT,
  outcome TEXT,
  reason TEXT,
  done_at INTEGER,
  undo_intent_at INTEGER,
  undo_outcome TEXT,
  undo_reason TEXT,
  PRIMARY KEY (run_id, idx)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS steps (
  run_id TEXT NOT NULL,
  idx INTEGER NOT NULL,
  step TEXT NOT NULL,
  intent_at INTEGER NOT NULL,
  outcome TEXT,
  reason TEXT,
  PRIMARY KEY (run_id, idx, step),
  FOREIGN KEY (run_id, idx) REFERENCES rows (run_id, idx) ON DELETE CASCADE
) WITHOUT ROWID;
`;

const SCHEMA_VERSION = 3;

/** Version 2: the jobs of --via job runs, and the creation bound of their rows. */
const MIGRATE_TO_2 = `
CREATE TABLE IF NOT EXISTS jobs (
  run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  part INTEGER NOT NULL,
  job_id TEXT NOT NULL,
  job_name TEXT NOT NULL,
  status TEXT NOT NULL,
  rows INTEGER NOT NULL,
  first_index INTEGER NOT NULL,
  imported INTEGER NOT NULL DEFAULT 0,
  skipped INTEGER NOT NULL DEFAULT 0,
  failed INTEGER NOT NULL DEFAULT 0,
  completion_message TEXT,
  started_at INTEGER NOT NULL,
  finished_at INTEGER,
  PRIMARY KEY (run_id, part)
) WITHOUT ROWID;
ALTER TABLE rows ADD COLUMN created_until INTEGER;
`;

/**
 * Version 3: the source users of `users copy` runs. A copy has no file whose line numbers could
 * name its rows, so each source user gets its row index the first time the run lists it; a resume
 * (which lists the source again: ListUsers tokens expire) finds the same index by the source's
 * username, so the journal's exactly-once rules hold for copies too. The old sub is kept for the
 * old-sub → new-sub mapping file.
 */
const MIGRATE_TO_3 = `
CREATE TABLE IF NOT EXISTS copy_sources (
  run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  source_username TEXT NOT NULL,
  idx INTEGER NOT NULL,
  source_sub TEXT,
  PRIMARY KEY (run_id, source_username)
) WITHOUT ROWID;
`;

export const JOURNAL_DIR = "import-runs";
export const JOURNAL_FILE = "journal.sqlite";

interface RunRow {
  id: string;
  state: RunState;
  started_at: number;
  updated_at: number;
  pool_id: string;
  pool_name: string | null;
  endpoint: string;
  file: string;
  file_sha256: string;
  file_bytes: number;
  via: "api" | "job";
  options: string;
  rows: number;
  invalid: number;
  owner_pid: number | null;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists, owned by someone else.
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** A run id that sorts by time and reads well: 20261201-194512-3fa2. */
function newRunId(now: Date): string {
  const iso = now.toISOString();
  const stamp = `${iso.slice(0, 10).replaceAll("-", "")}-${iso.slice(11, 19).replaceAll(":", "")}`;
  return `${stamp}-${Math.floor(Math.random() * 0x10000)
    .toString(16)
    .padStart(4, "0")}`;
}

/** Brings an older journal to SCHEMA_VERSION, in one transaction (a concurrent opener waits). */
function migrate(db: BetterSqlite3.Database): void {
  const version = () => db.pragma("user_version", { simple: true }) as number;
  if (version() >= SCHEMA_VERSION) return;
  db.transaction(() => {
    if (version() >= SCHEMA_VERSION) return;
    if (version() < 2) db.exec(MIGRATE_TO_2);
    if (version() < 3) db.exec(MIGRATE_TO_3);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
}

interface JobRow {
  part: number;
  job_id: string;
  job_name: string;
  status: string;
  rows: number;
  first_index: number;
  imported: number;
  skipped: number;
  failed: number;
  completion_message: string | null;
  started_at: number;
  finished_at: number | null;
}

export class Journal {
  private constructor(
    private readonly db: BetterSqlite3.Database,
    private readonly now: () => number,
  ) {}

  static exists(stateDir: string): boolean {
    return existsSync(join(stateDir, JOURNAL_DIR, JOURNAL_FILE));
  }

  static async open(stateDir: string, now: () => number = Date.now): Promise<Journal> {
    const dir = join(stateDir, JOURNAL_DIR);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    if ((statSync(dir).mode & 0o077) !== 0) chmodSync(dir, 0o700);
    const file = join(dir, JOURNAL_FILE);
    // Created 0600 before SQLite opens it: SQLite gives the -wal and -shm files the same mode.
    closeSync(openSync(file, "a", 0o600));
    if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
    // A native addon: loaded only by the commands that keep a journal.
    const { default: Database } = await import("better-sqlite3");
    const db = new Database(file);
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = FULL");
    // Two imports (or `users runs` during one) share the file: wait for the writer, do not fail.
    db.pragma("busy_timeout = 10000");
    db.pragma("foreign_keys = ON");
    db.exec(SCHEMA);
    migrate(db);
    return new Journal(db, now);
  }

  close(): void {
    this.db.close();
  }

  /** Runs the writes as one transaction: one commit (and one fsync) for all of them. */
  inTransaction(writes: () => void): void {
    this.db.transaction(writes)();
  }

  createRun(meta: RunMeta, startedAt: Date): RunRecord {
    const id = newRunId(startedAt);
    const t = startedAt.getTime();
    this.db
      .prepare(
        `INSERT INTO runs (id, state, started_at, updated_at, pool_id, pool_name, endpoint, file, file_sha256,
           file_bytes, via, options, rows, invalid, owner_pid)
         VALUES (?, 'running', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        id,
        t,
        t,
        meta.poolId,
        meta.poolName ?? null,
        meta.endpoint,
        meta.file,
        meta.fileSha256,
        meta.fileBytes,
        meta.via,
        JSON.stringify(meta.options),
        meta.rows,
        meta.invalid,
        process.pid,
      );
    return this.run(id) as RunRecord;
  }

  run(id: string): RunRecord | undefined {
    const row = this.db.prepare("SELECT * FROM runs WHERE id = ?").get(id) as RunRow | undefined;
    return row ? this.record(row) : undefined;
  }

  /** Newest first. */
  runs(): RunRecord[] {
    const rows = this.db.prepare("SELECT * FROM runs ORDER BY started_at DESC, id DESC").all() as RunRow[];
    return rows.map((r) => this.record(r));
  }

  /** The newest unfinished run of this file into this pool through this endpoint, if any. */
  unfinished(fileSha256: string, poolId: string, endpoint: string, via: string): RunRecord | undefined {
    const row = this.db
      .prepare(
        `SELECT * FROM runs WHERE file_sha256 = ? AND pool_id = ? AND endpoint = ? AND via = ? AND state = 'running'
         ORDER BY started_at DESC LIMIT 1`,
      )
      .get(fileSha256, poolId, endpoint, via) as RunRow | undefined;
    return row ? this.record(row) : undefined;
  }

  /**
   * Makes this process the run's only worker. Another live process holding it is refused (two
   * workers would both send the rows neither had journalled yet); a dead one's claim is taken over.
   */
  claim(id: string): void {
    const claimTx = this.db.transaction(() => {
      const row = this.db.prepare("SELECT owner_pid FROM runs WHERE id = ?").get(id) as
        | { owner_pid: number | null }
        | undefined;
      if (!row) throw new UsageError(`No import run ${id}: see cogctl users runs.`);
      const owner = row.owner_pid;
      if (owner !== null && owner !== process.pid && isAlive(owner))
        throw new UsageError(
          `Import run ${id} is being worked on by process ${owner}; wait for it to end (or stop it) and resume then.`,
        );
      this.db
        .prepare("UPDATE runs SET owner_pid = ?, updated_at = ? WHERE id = ?")
        .run(process.pid, this.now(), id);
    });
    claimTx.immediate();
  }

  release(id: string): void {
    this.db.prepare("UPDATE runs SET owner_pid = NULL WHERE id = ? AND owner_pid = ?").run(id, process.pid);
  }

  setState(id: string, state: RunState): void {
    this.db.prepare("UPDATE runs SET state = ?, updated_at = ? WHERE id = ?").run(state, this.now(), id);
  }

  setOptions(id: string, options: RunOptions): void {
    this.db.prepare("UPDATE runs SET options = ? WHERE id = ?").run(JSON.stringify(options), id);
  }

  /**
   * The row index of each source user of a copy run, in the order given: the one recorded when the
   * run first listed the user, or the next free index, recorded now (one transaction, synced before
   * the rows are handed out, so a row's intent never names an index the journal cannot map back).
   */
  copyIndexes(id: string, users: { username: string; sub?: string }[]): number[] {
    const find = this.db.prepare("SELECT idx FROM copy_sources WHERE run_id = ? AND source_username = ?");
    const insert = this.db.prepare(
      "INSERT INTO copy_sources (run_id, source_username, idx, source_sub) VALUES (?, ?, ?, ?)",
    );
    const last = this.db.prepare("SELECT COALESCE(MAX(idx), -1) AS idx FROM copy_sources WHERE run_id = ?");
    let out: number[] = [];
    this.db.transaction(() => {
      let next = (last.get(id) as { idx: number }).idx + 1;
      out = users.map((u) => {
        const known = find.get(id, u.username) as { idx: number } | undefined;
        if (known) return known.idx;
        insert.run(id, u.username, next, u.sub ?? null);
        return next++;
      });
    })();
    return out;
  }

  /** A copy run's source users with what became of each, in listing order (the mapping file). */
  *copyOutcomes(id: string): IterableIterator<{
    idx: number;
    sourceUsername: string;
    sourceSub?: string;
    username?: string;
    sub?: string;
    outcome?: RowOutcome;
    reason?: string;
  }> {
    const rows = this.db
      .prepare(
        `SELECT c.idx, c.source_username, c.source_sub, r.username, r.sub, r.outcome, r.reason
         FROM copy_sources c LEFT JOIN rows r ON r.run_id = c.run_id AND r.idx = c.idx
         WHERE c.run_id = ? ORDER BY c.idx`,
      )
      .iterate(id) as IterableIterator<{
      idx: number;
      source_username: string;
      source_sub: string | null;
      username: string | null;
      sub: string | null;
      outcome: RowOutcome | null;
      reason: string | null;
    }>;
    for (const r of rows)
      yield {
        idx: r.idx,
        sourceUsername: r.source_username,
        sourceSub: r.source_sub ?? undefined,
        username: r.username ?? undefined,
        sub: r.sub ?? undefined,
        outcome: r.outcome ?? undefined,
        reason: r.reason ?? undefined,
      };
  }

  /** A copy run's source users so far, recorded as the run's row count (the estimate until then). */
  copyRowCount(id: string): number {
    const { n } = this.db.prepare("SELECT COUNT(*) AS n FROM copy_sources WHERE run_id = ?").get(id) as {
      n: number;
    };
    this.db.prepare("UPDATE runs SET rows = ?, updated_at = ? WHERE id = ?").run(n, this.now(), id);
    return n;
  }

  rowStates(id: string): Map<number, RowState> {
    const out = new Map<number, RowState>();
    const rows = this.db
      .prepare(
        "SELECT idx, line, username, intent_at, created, sub, outcome, reason, undo_outcome, created_until FROM rows WHERE run_id = ?",
      )
      .iterate(id) as IterableIterator<{
      idx: number;
      line: number;
      username: string;
      intent_at: number;
      created: number | null;
      sub: string | null;
      outcome: RowOutcome | null;
      reason: string | null;
      undo_outcome: RowState["undoOutcome"] | null;
      created_until: number | null;
    }>;
    for (const r of rows)
      out.set(r.idx, {
        idx: r.idx,
        line: r.line,
        username: r.username,
        intentAt: r.intent_at,
        created: r.created === null ? undefined : r.created === 1,
        sub: r.sub ?? undefined,
        outcome: r.outcome ?? undefined,
        reason: r.reason ?? undefined,
        undoOutcome: r.undo_outcome ?? undefined,
        createdUntil: r.created_until ?? undefined,
      });
    return out;
  }

  /** The part's job exists (after CreateUserImportJob, before its upload): replaces an unstarted one. */
  jobCreated(
    id: string,
    job: { part: number; jobId: string; jobName: string; rows: number; firstIndex: number },
  ): void {
    this.db
      .prepare(
        `INSERT OR REPLACE INTO jobs (run_id, part, job_id, job_name, status, rows, first_index, started_at)
         VALUES (?, ?, ?, ?, 'Created', ?, ?, ?)`,
      )
      .run(id, job.part, job.jobId, job.jobName, job.rows, job.firstIndex, this.now());
  }

  jobEnded(
    id: string,
    jobId: string,
    end: {
      status: string;
      imported: number;
      skipped: number;
      failed: number;
      completionMessage?: string;
      /** When it ended by Cognito's clock (its CompletionDate), the bound --undo checks job rows by. */
      endedAt?: number;
    },
  ): void {
    this.db
      .prepare(
        `UPDATE jobs SET status = ?, imported = ?, skipped = ?, failed = ?, completion_message = ?, finished_at = ?
         WHERE run_id = ? AND job_id = ?`,
      )
      .run(
        end.status,
        end.imported,
        end.skipped,
        end.failed,
        end.completionMessage ?? null,
        end.endedAt ?? this.now(),
        id,
        jobId,
      );
  }

  jobs(id: string): JobRecord[] {
    const rows = this.db.prepare("SELECT * FROM jobs WHERE run_id = ? ORDER BY part").all(id) as JobRow[];
    return rows.map((r) => ({
      part: r.part,
      jobId: r.job_id,
      jobName: r.job_name,
      status: r.status,
      rows: r.rows,
      firstIndex: r.first_index,
      imported: r.imported,
      skipped: r.skipped,
      failed: r.failed,
      completionMessage: r.completion_message ?? undefined,
      startedAt: r.started_at,
      finishedAt: r.finished_at ?? undefined,
    }));
  }

  /**
   * A row of a finished job: its outcome as the job's log gave it. An imported row is written
   * created (until `createdUntil`) and without an outcome while its post-steps run (rowOutcome
   * ends it); skipped and failed rows are final at once. Written again (a resume) it changes nothing.
   */
  jobRow(
    id: string,
    row: { idx: number; line: number; username: string },
    settled: { outcome: RowOutcome; reason?: string; createdUntil?: number; intentAt: number },
  ): void {
    const imported = settled.outcome === "imported";
    this.db
      .prepare(
        `INSERT OR IGNORE INTO rows (run_id, idx, line, username, intent_at, created, outcome, reason, done_at, created_until)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        id,
        row.idx,
        row.line,
        row.username,
        settled.intentAt,
        imported ? 1 : 0,
        imported ? null : settled.outcome,
        settled.reason ?? null,
        imported ? null : this.now(),
        imported ? (settled.createdUntil ?? null) : null,
      );
  }

  /** Written before the AdminCreateUser leaves; returns its time (ms). */
  intent(id: string, idx: number, line: number, username: string): number {
    const t = this.now();
    this.db
      .prepare("INSERT INTO rows (run_id, idx, line, username, intent_at) VALUES (?, ?, ?, ?, ?)")
      .run(id, idx, line, username, t);
    return t;
  }

  /** Whether this run created the user (and its sub), known before the row's post-steps run. */
  created(id: string, idx: number, created: boolean, sub: string | undefined): void {
    this.db
      .prepare("UPDATE rows SET created = ?, sub = ? WHERE run_id = ? AND idx = ?")
      .run(created ? 1 : 0, sub ?? null, id, idx);
  }

  outcome(id: string, idx: number, outcome: RowOutcome, reason?: string): void {
    this.db
      .prepare("UPDATE rows SET outcome = ?, reason = ?, done_at = ? WHERE run_id = ? AND idx = ?")
      .run(outcome, reason ?? null, this.now(), id, idx);
  }

  /** A row refused before anything was sent (a temporary-password command failed): intent and outcome at once. */
  failedUnsent(id: string, idx: number, line: number, username: string, reason: string): void {
    const t = this.now();
    this.db
      .prepare(
        "INSERT INTO rows (run_id, idx, line, username, intent_at, created, outcome, reason, done_at) VALUES (?, ?, ?, ?, ?, 0, 'failed', ?, ?)",
      )
      .run(id, idx, line, username, t, reason, t);
  }

  steps(id: string, idx: number): Map<string, StepState> {
    const rows = this.db
      .prepare("SELECT step, outcome, reason FROM steps WHERE run_id = ? AND idx = ?")
      .all(id, idx) as { step: string; outcome: "done" | "failed" | null; reason: string | null }[];
    return new Map(
      rows.map((r) => [
        r.step,
        { step: r.step, outcome: r.outcome ?? undefined, reason: r.reason ?? undefined },
      ]),
    );
  }

  stepIntent(id: string, idx: number, step: string): void {
    this.db
      .prepare("INSERT OR IGNORE INTO steps (run_id, idx, step, intent_at) VALUES (?, ?, ?, ?)")
      .run(id, idx, step, this.now());
  }

  stepOutcome(id: string, idx: number, step: string, outcome: "done" | "failed", reason?: string): void {
    this.db
      .prepare("UPDATE steps SET outcome = ?, reason = ? WHERE run_id = ? AND idx = ? AND step = ?")
      .run(outcome, reason ?? null, id, idx, step);
  }

  /** The users this run created, for --undo (those not yet deleted first). */
  createdRows(id: string): RowState[] {
    return [...this.rowStates(id).values()].filter((r) => r.created === true).sort((a, b) => a.idx - b.idx);
  }

  undoIntent(id: string, idx: number): void {
    this.db
      .prepare("UPDATE rows SET undo_intent_at = COALESCE(undo_intent_at, ?) WHERE run_id = ? AND idx = ?")
      .run(this.now(), id, idx);
  }

  undoOutcome(id: string, idx: number, outcome: NonNullable<RowState["undoOutcome"]>, reason?: string): void {
    this.db
      .prepare("UPDATE rows SET undo_outcome = ?, undo_reason = ? WHERE run_id = ? AND idx = ?")
      .run(outcome, reason ?? null, id, idx);
  }

  counts(id: string): RunCounts {
    const r = this.db
      .prepare(
        `SELECT
           SUM(outcome = 'imported') AS imported,
           SUM(outcome = 'skipped') AS skipped,
           SUM(outcome = 'failed') AS failed,
           SUM(outcome IS NULL) AS pending,
           SUM(created = 1) AS created,
           SUM(undo_outcome IN ('deleted', 'gone')) AS deleted
         FROM rows WHERE run_id = ?`,
      )
      .get(id) as Record<keyof RunCounts, number | null>;
    return {
      imported: r.imported ?? 0,
      skipped: r.skipped ?? 0,
      failed: r.failed ?? 0,
      pending: r.pending ?? 0,
      created: r.created ?? 0,
      deleted: r.deleted ?? 0,
    };
  }

  private record(row: RunRow): RunRecord {
    return {
      id: row.id,
      state: row.state,
      startedAt: new Date(row.started_at),
      updatedAt: new Date(row.updated_at),
      poolId: row.pool_id,
      poolName: row.pool_name ?? undefined,
      endpoint: row.endpoint,
      file: row.file,
      fileSha256: row.file_sha256,
      fileBytes: row.file_bytes,
      via: row.via,
      options: JSON.parse(row.options) as RunOptions,
      rows: row.rows,
      invalid: row.invalid,
      counts: this.counts(row.id),
    };
  }
}
