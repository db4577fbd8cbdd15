// What `cogctl local status` and `cogctl local reset` do to a data directory's database.
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { DATABASE_FILE, type Db, schemaVersion } from "./database.js";

export interface StoreStats {
  schemaVersion: number;
  /** Row counts of the tables people ask about. */
  counts: Record<string, number>;
}

const COUNTED: Record<string, string> = {
  userPools: "user_pools",
  appClients: "user_pool_clients",
  users: "users",
  groups: "groups",
  domains: "domains",
  importJobs: "import_jobs",
  outboxMessages: "outbox",
};

export function collectStats(db: Db): StoreStats {
  const counts: Record<string, number> = {};
  for (const [label, table] of Object.entries(COUNTED)) {
    counts[label] = db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number;
  }
  return { schemaVersion: schemaVersion(db), counts };
}

/** Size in bytes of the database and its WAL, or undefined when nothing was stored yet. */
export function databaseSize(dataDir: string): number | undefined {
  const file = join(dataDir, DATABASE_FILE);
  if (!existsSync(file)) return undefined;
  let size = statSync(file).size;
  if (existsSync(`${file}-wal`)) size += statSync(`${file}-wal`).size;
  return size;
}

/**
 * Empties every table but the migration record, in one transaction. Rows rather than files are
 * deleted so a `local serve` running on the same directory keeps working (on an empty store).
 */
export function resetStore(db: Db): void {
  const tables = db
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations'",
    )
    .pluck()
    .all() as string[];
  const wipe = db.transaction(() => {
    // Checked at commit, when every table is empty: deletion order then does not matter.
    db.pragma("defer_foreign_keys = ON");
    for (const t of tables) db.prepare(`DELETE FROM "${t}"`).run();
  });
  wipe.immediate();
}
