// Import jobs across processes on one data directory, with the real CLI (bin/cogctl --local) as the
// other process: two processes start the same job and exactly one wins (the other gets Cognito's
// answer), the counters are exact; a process killed with SIGKILL mid-import leaves a job that an
// endpoint opening the store takes over when the lease lapses and resumes from its last committed
// row (no row imported twice, none lost), or ends Failed when the file is gone.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as C from "@aws-sdk/client-cognito-identity-provider";
import { describe, expect, it } from "vitest";
import { LocalEndpoint } from "../src/local/endpoint.js";
import { createInProcessRequestHandler } from "../src/local/in-process.js";
import { BIN, spawnCli } from "./helpers/cli.js";
import { bigCsv, createJob, importPool, waitForJob } from "./helpers/import-jobs.js";

const LEASE_MS = 600;

interface Store {
  dataDir: string;
  endpoint: LocalEndpoint;
  client: C.CognitoIdentityProviderClient;
  close(): void;
}

async function openStore(dataDir: string): Promise<Store> {
  const endpoint = await LocalEndpoint.open({ region: "us-east-1", dataDir, importLeaseMs: LEASE_MS });
  const client = new C.CognitoIdentityProviderClient({
    region: "us-east-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
    requestHandler: createInProcessRequestHandler(endpoint),
  });
  return {
    dataDir,
    endpoint,
    client,
    close() {
      client.destroy();
      endpoint.close();
    },
  };
}

/** A data directory holding a pool and a Created job with its file uploaded. */
async function preparedJob(rows: number, bad: Set<number> = new Set()) {
  const dataDir = mkdtempSync(join(tmpdir(), "cogctl-import-procs-"));
  const store = await openStore(dataDir);
  const pool = await importPool(store.client, "procs");
  const job = await createJob(store.client, pool.id, "procs");
  const accepted = store.endpoint.acceptUpload(job.PreSignedUrl as string, bigCsv(pool.header, rows, bad), {
    "x-amz-server-side-encryption": "aws:kms",
  });
  expect(accepted.status).toBe(200);
  store.close();
  return { dataDir, poolId: pool.id, jobId: job.JobId as string };
}

const env = (dataDir: string) => ({
  COGCTL_DATA_DIR: dataDir,
  COGCTL_LOCAL_IMPORT_LEASE_MS: String(LEASE_MS),
  AWS_REGION: "us-east-1",
});

const startArgs = (poolId: string, jobId: string) => [
  "--local",
  "start-user-import-job",
  "--user-pool-id",
  poolId,
  "--job-id",
  jobId,
];

/** The job's outcome as stored: counters, users, and each row's log line (once per line). */
function stored(store: Store, poolId: string) {
  const db = store.endpoint.services.db;
  const messages = db.prepare("SELECT message FROM log_events ORDER BY id").pluck().all() as string[];
  const line = (m: string) => Number(/Line Number (\d+) /.exec(m)?.[1]);
  return {
    users: db.prepare("SELECT COUNT(*) FROM users WHERE pool_id = ?").pluck().get(poolId) as number,
    events: messages.length,
    distinctLines: new Set(messages.map(line)).size,
    failedLines: messages.filter((m) => m.startsWith("[FAILED]")).map(line),
  };
}

describe("two processes on one data directory", () => {
  it("both start the same job: exactly one wins, the other gets PreconditionNotMetException", async () => {
    const rows = 5_000;
    const { dataDir, poolId, jobId } = await preparedJob(rows);
    try {
      const [a, b] = await Promise.all([
        spawnCli(startArgs(poolId, jobId), { env: env(dataDir), timeoutMs: 60_000 }),
        spawnCli(startArgs(poolId, jobId), { env: env(dataDir), timeoutMs: 60_000 }),
      ]);
      const results = [a, b].sort((x, y) => x.code - y.code);
      expect(results.map((r) => r.code)).toEqual([0, 254]);
      expect(JSON.parse(results[0].stdout).UserImportJob.Status).toBe("Pending");
      expect(results[1].stderr).toContain("PreconditionNotMetException");
      expect(results[1].stderr).toContain("only a Created job can be started");

      // The winner's process ran the job to its end before exiting (it is the endpoint).
      const store = await openStore(dataDir);
      try {
        const { UserImportJob: job } = await store.client.send(
          new C.DescribeUserImportJobCommand({ UserPoolId: poolId, JobId: jobId }),
        );
        expect(job).toMatchObject({
          Status: "Succeeded",
          ImportedUsers: rows,
          SkippedUsers: 0,
          FailedUsers: 0,
        });
        const s = stored(store, poolId);
        expect(s.users).toBe(rows);
        expect(s.events).toBe(rows);
        expect(s.distinctLines).toBe(rows);
      } finally {
        store.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 90_000);
});

/** Spawns `cogctl --local start-user-import-job` and leaves it running its job in the background. */
function startInChild(
  dataDir: string,
  poolId: string,
  jobId: string,
): { child: ChildProcess; exited: Promise<void> } {
  const child = spawn(process.execPath, [BIN, ...startArgs(poolId, jobId)], {
    env: { ...process.env, ...env(dataDir) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.resume();
  child.stderr?.resume();
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return { child, exited };
}

describe("a process killed mid-import (SIGKILL)", () => {
  it("is taken over when its lease lapses and resumed from the last committed row, exactly once", async () => {
    const rows = 40_000;
    const bad = new Set([1, 9_999, 20_001, 31_337, 40_000]);
    const { dataDir, poolId, jobId } = await preparedJob(rows, bad);
    const { child, exited } = startInChild(dataDir, poolId, jobId);
    const store = await openStore(dataDir);
    try {
      const running = await waitForJob(store.client, poolId, jobId, {
        timeoutMs: 60_000,
        until: (j) => j.Status === "InProgress" && (j.ImportedUsers as number) >= 3_000,
      });
      child.kill("SIGKILL");
      await exited;
      const atKill = (
        await store.client.send(new C.DescribeUserImportJobCommand({ UserPoolId: poolId, JobId: jobId }))
      ).UserImportJob as C.UserImportJobType;
      expect(atKill.ImportedUsers).toBeGreaterThanOrEqual(running.ImportedUsers as number);
      expect(atKill.ImportedUsers).toBeLessThan(rows - bad.size);

      const ended = await waitForJob(store.client, poolId, jobId, { timeoutMs: 60_000 });
      expect(ended).toMatchObject({
        Status: "Succeeded",
        ImportedUsers: rows - bad.size,
        FailedUsers: bad.size,
        SkippedUsers: 0,
      });
      // This endpoint finished it (the dead process's lease lapsed).
      expect(store.endpoint.imports.owner).toBe(
        store.endpoint.services.db
          .prepare("SELECT lease_owner FROM import_jobs WHERE job_id = ?")
          .pluck()
          .get(jobId),
      );
      const s = stored(store, poolId);
      expect(s.users).toBe(rows - bad.size);
      expect(s.events).toBe(rows);
      expect(s.distinctLines).toBe(rows);
      expect(s.failedLines).toEqual([...bad].map((i) => i + 1));
    } finally {
      child.kill("SIGKILL");
      store.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);

  it("ends the job Failed, with a message, when its file is gone", async () => {
    const { dataDir, poolId, jobId } = await preparedJob(40_000);
    const { child, exited } = startInChild(dataDir, poolId, jobId);
    let store = await openStore(dataDir);
    try {
      await waitForJob(store.client, poolId, jobId, {
        timeoutMs: 60_000,
        until: (j) => j.Status === "InProgress" && (j.ImportedUsers as number) > 0,
      });
      store.close();
      child.kill("SIGKILL");
      await exited;
      rmSync(join(dataDir, "uploads", `${jobId}.csv`));
      // An endpoint opening the store after the lease lapsed takes the job over.
      await new Promise((r) => setTimeout(r, LEASE_MS + 100));
      store = await openStore(dataDir);
      const ended = await waitForJob(store.client, poolId, jobId, { timeoutMs: 10_000 });
      expect(ended.Status).toBe("Failed");
      expect(ended.CompletionMessage).toContain("The import file of this job is gone");
      expect(ended.CompletionDate).toBeInstanceOf(Date);
    } finally {
      child.kill("SIGKILL");
      store.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
