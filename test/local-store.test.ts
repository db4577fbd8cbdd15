// The SQLite store: pragmas, migrations recorded once, refusal of data from a newer schema.
import { mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { normalize } from "../src/kernel/error-mapping.js";
import { ExitCode } from "../src/kernel/errors.js";
import {
  DATABASE_FILE,
  migrate,
  openDatabase,
  PRIVATE_CACHE_KIB,
  schemaVersion,
  WAL_CHECKPOINT_PAGES,
} from "../src/local/store/database.js";
import { migrations } from "../src/local/store/migrations.js";
import { DataDirectoryError } from "../src/local/store/store-errors.js";

describe("local store", () => {
  it("uses WAL with synchronous=NORMAL, a busy timeout and foreign keys", async () => {
    const db = await openDatabase({ dataDir: join(mkdtempSync(join(tmpdir(), "cogctl-store-")), "d") });
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.pragma("synchronous", { simple: true })).toBe(1); // NORMAL
    expect(db.pragma("busy_timeout", { simple: true })).toBeGreaterThanOrEqual(5000);
    expect(db.pragma("foreign_keys", { simple: true })).toBe(1);
    db.close();
  });

  it("lets the WAL grow past SQLite's 4 MB default before it checkpoints (a job's chunks are not each copied back)", async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), "cogctl-store-")), "d");
    const db = await openDatabase({ dataDir });
    expect(db.pragma("wal_autocheckpoint", { simple: true })).toBe(WAL_CHECKPOINT_PAGES);
    db.exec("CREATE TABLE blobs (b BLOB)");
    const insert = db.prepare("INSERT INTO blobs VALUES (randomblob(?))");
    // 30 commits of 400 KB: at the default the WAL is checkpointed and reused from its start near 4 MB.
    for (let i = 0; i < 30; i++) db.transaction(() => insert.run(400_000))();
    expect(statSync(join(dataDir, `${DATABASE_FILE}-wal`)).size).toBeGreaterThan(8 * 1024 * 1024);
    db.close();
  });

  it("keeps an in-memory store's pages in memory only up to its cache: 64 MiB of rows add far less to RSS", async () => {
    // A ":memory:" database can never leave memory, so an in-memory endpoint grew with its pool
    // (394 MB for an import of 500,000 users); the private temporary database spills to an unlinked file.
    const db = await openDatabase({ inMemory: true });
    expect(db.pragma("cache_size", { simple: true })).toBe(-PRIVATE_CACHE_KIB);
    db.exec("CREATE TABLE scratch (id INTEGER PRIMARY KEY, v BLOB NOT NULL)");
    const before = process.memoryUsage().rss;
    // Made by SQLite itself, so no JavaScript garbage blurs the figure.
    db.exec(
      "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 65536) INSERT INTO scratch (v) SELECT randomblob(1024) FROM n",
    );
    const grown = (process.memoryUsage().rss - before) / 1024 / 1024;
    expect(db.prepare("SELECT SUM(length(v)) FROM scratch").pluck().get()).toBe(64 * 1024 * 1024);
    expect(grown).toBeLessThan(PRIVATE_CACHE_KIB / 1024 + 16);
    db.close();
  });

  it("records each migration once and re-opening changes nothing", async () => {
    const dir = join(mkdtempSync(join(tmpdir(), "cogctl-store-")), "d");
    const db = await openDatabase({ dataDir: dir });
    const latest = migrations[migrations.length - 1].version;
    expect(schemaVersion(db)).toBe(latest);
    migrate(db);
    expect(db.prepare("SELECT COUNT(*) FROM schema_migrations").pluck().get()).toBe(migrations.length);
    db.close();
    const again = await openDatabase({ dataDir: dir });
    expect(schemaVersion(again)).toBe(latest);
    again.close();
  });

  it("refuses data written by a newer schema, which the CLI reports as a configuration error (253)", async () => {
    const dir = join(mkdtempSync(join(tmpdir(), "cogctl-store-")), "d");
    const db = await openDatabase({ dataDir: dir });
    db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, 'future', 0)").run(999);
    db.close();
    const refusal = await openDatabase({ dataDir: dir }).catch((err: unknown) => err);
    expect(refusal).toBeInstanceOf(DataDirectoryError);
    expect(normalize(refusal).exitCode).toBe(ExitCode.CONFIG);
    expect(normalize(refusal).message).toMatch(/schema version 999, newer than this cogctl understands/);
  });
});
