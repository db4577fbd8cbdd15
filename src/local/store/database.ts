// Opens the local endpoint's SQLite database and brings its schema up to date.
//
// Durability and sharing: WAL + synchronous=NORMAL means a committed transaction is in the WAL file
// before the request is answered, so it survives kill -9 of the process (not a power cut, which is
// fine for a development endpoint); busy_timeout lets `local serve` and `--local` commands write the
// same directory at once by waiting for each other's write lock instead of failing. Nothing is cached
// in memory across requests, so two processes never see stale data.
import { chmodSync, closeSync, mkdirSync, openSync, statSync } from "node:fs";
import { join } from "node:path";
import type BetterSqlite3 from "better-sqlite3";
import { migrations } from "./migrations.js";
import { DataDirectoryError } from "./store-errors.js";

export type Db = BetterSqlite3.Database;

export const DATABASE_FILE = "cogctl-local.sqlite";

export interface OpenOptions {
  /** Directory holding the database (created 0700). Ignored with inMemory. */
  dataDir?: string;
  inMemory?: boolean;
}

export async function openDatabase(opts: OpenOptions): Promise<Db> {
  // better-sqlite3 loads a native addon: import it only when an endpoint is actually opened.
  const { default: Database } = await import("better-sqlite3");
  let db: Db;
  if (opts.inMemory || !opts.dataDir) {
    db = openPrivateDatabase(Database);
  } else {
    const file = prepareDataDir(opts.dataDir);
    db = new Database(file);
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
    db.pragma(`wal_autocheckpoint = ${WAL_CHECKPOINT_PAGES}`);
  }
  db.pragma("busy_timeout = 10000");
  db.pragma("foreign_keys = ON");
  migrate(db);
  return db;
}

/**
 * WAL pages between automatic checkpoints on a data directory (SQLite's default is 1,000, 4 MB). An
 * import job's chunk touches a page of the random `sub` index per row, so at the default a 500,000-row
 * job checkpointed every chunk or two, each checkpoint copying pages back and syncing both files: the
 * job took 48.4 s of a 62.2 s import, against 37.4 s of 51.5 s at 10,000. The cost is a WAL of up to
 * ~40 MB beside the database while writes are heavy; SQLite removes it when the last connection closes.
 */
export const WAL_CHECKPOINT_PAGES = 10_000;

/**
 * Pages an in-memory endpoint keeps in memory at most (KiB, as SQLite's negative cache_size):
 * better-sqlite3's default. Beyond it, pages spill to the private database's unlinked file.
 */
export const PRIVATE_CACHE_KIB = 16_000;

/**
 * The store of an endpoint that keeps nothing (`--in-memory`, tests): SQLite's private temporary
 * database (an empty file name), not ":memory:". Both are gone when the connection closes and both
 * live in the page cache while small; but a ":memory:" database can never leave memory, so its
 * process grew with the pool (an import of 500,000 users: 394 MB RSS against 155 MB on a data
 * directory), while the private one spills pages beyond PRIVATE_CACHE_KIB to a file SQLite unlinks
 * as soon as it opens it (in SQLITE_TMPDIR or TMPDIR, else /var/tmp): nothing is left behind even
 * after kill -9. That file dies with the process, so nothing is synced.
 */
function openPrivateDatabase(Database: typeof BetterSqlite3): Db {
  const db = new Database("");
  db.pragma(`cache_size = -${PRIVATE_CACHE_KIB}`);
  db.pragma("synchronous = OFF");
  // Rollback images in memory, as ":memory:" kept them: a chunk's worth, not a second file written per page.
  db.pragma("journal_mode = MEMORY");
  return db;
}

/** Creates the directory 0700 and the database file 0600 (it holds client secrets and verifiers). */
export function prepareDataDir(dataDir: string): string {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if ((statSync(dataDir).mode & 0o077) !== 0) chmodSync(dataDir, 0o700);
  const file = join(dataDir, DATABASE_FILE);
  closeSync(openSync(file, "a", 0o600));
  // SQLite creates the -wal and -shm files with the database file's permissions.
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  return file;
}

export function schemaVersion(db: Db): number {
  const row = db.prepare("SELECT MAX(version) AS v FROM schema_migrations").get() as { v: number | null };
  return row.v ?? 0;
}

/** Applies pending migrations in order. BEGIN IMMEDIATE serialises two processes starting at once. */
export function migrate(db: Db): void {
  db.exec(
    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)",
  );
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  const found = schemaVersion(db);
  if (found > latest) {
    // Written by a newer cogctl: refuse rather than misread tables this version does not know.
    throw new DataDirectoryError(
      `The local endpoint's data has schema version ${found}, newer than this cogctl understands (${latest}). Upgrade cogctl, or use another --data-dir.`,
    );
  }
  if (found >= latest) return;
  const apply = db.transaction(() => {
    const current = schemaVersion(db);
    for (const m of migrations) {
      if (m.version <= current) continue;
      db.exec(m.sql);
      db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)").run(
        m.version,
        m.name,
        Date.now(),
      );
    }
  });
  apply.immediate();
}
