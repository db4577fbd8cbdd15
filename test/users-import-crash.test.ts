// users import --via api is exactly once under kill -9: the real CLI (bin/cogctl in a child process)
// imports into the embedded endpoint over HTTP and is killed with SIGKILL after a seeded random number
// of journalled rows, again and again, re-running the same command (which picks up the unfinished
// run) until it completes. Every seed must end with the exact user set, each row's groups and
// enabled state applied, the users that existed before counted as skipped (never as imported, so
// --undo would leave them), no row counted twice, and one run in the journal; also with the
// endpoint enforcing Cognito's quotas and injecting throttling, 5xx and dropped connections (seeded),
// where a dropped connection after the user was created makes the SDK's retry answer "exists".
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolCommand,
  ListUsersCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LimitSettings } from "../src/local/limits/index.js";
import { BIN } from "./helpers/cli.js";
import { isolatedAwsEnv } from "./helpers/env.js";
import { userRow, writeCsv } from "./helpers/import-csv.js";
import { type LocalHarness, startLocal } from "./helpers/local-server.js";

/** mulberry32: a small seeded PRNG, so a failing seed can be replayed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ROWS = 120;
const PRE_EXISTING = [3, 40, 77, 118].map((i) => `user${i}`);
const SEEDS = [11, 23, 37];

/** The endpoint as it is, then with Cognito's default quotas and seeded faults (half of them after the operation). */
const SETTINGS: { name: string; limits?: LimitSettings; rate: string }[] = [
  { name: "no limits", rate: "150" },
  {
    name: "--quotas default --faults throttle=0.05,error=0.02,reset=0.02,seed=7",
    limits: { quotas: "default", faults: "throttle=0.05,error=0.02,reset=0.02,seed=7" },
    rate: "50",
  },
];

interface Attempt {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Rows journalled with an intent and no outcome right after the kill. */
  pendingAfterKill: number;
}

/** Runs the import; kills it (SIGKILL) once `killAfter` rows have outcomes, unless it ends first. */
function attempt(
  argv: string[],
  env: Record<string, string | undefined>,
  journal: string,
  killAfter?: number,
) {
  return new Promise<Attempt>((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...argv], {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c) => (stdout += c));
    child.stderr.on("data", (c) => (stderr += c));
    let db: Database.Database | undefined;
    const done = () =>
      db
        ? (db.prepare("SELECT COUNT(*) AS n FROM rows WHERE outcome IS NOT NULL").get() as { n: number }).n
        : 0;
    const timer =
      killAfter === undefined
        ? undefined
        : setInterval(() => {
            if (!db && existsSync(journal)) {
              try {
                db = new Database(journal, { readonly: true, fileMustExist: true });
              } catch {
                return;
              }
            }
            try {
              if (db && done() >= killAfter) {
                clearInterval(timer);
                child.kill("SIGKILL");
              }
            } catch {
              // The schema is not there yet: the next tick reads again.
            }
          }, 3);
    const guard = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`cogctl ${argv.join(" ")} did not end in 60 s: ${stderr}`));
    }, 60_000);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearInterval(timer);
      clearTimeout(guard);
      let pendingAfterKill = 0;
      if (db) {
        pendingAfterKill = (
          db.prepare("SELECT COUNT(*) AS n FROM rows WHERE outcome IS NULL").get() as { n: number }
        ).n;
        db.close();
      }
      resolve({ code, signal, stdout, stderr, pendingAfterKill });
    });
  });
}

describe.each(SETTINGS)(
  "users import --via api under kill -9 (embedded endpoint over HTTP, $name)",
  ({ limits, rate }) => {
    let local: LocalHarness;
    // The test's own calls face the faults too: retried by the SDK, and "exists" after a retry is fine.
    let sdk: CognitoIdentityProviderClient;
    const ignoreExists = (err: Error) => {
      if (!/ExistsException$/.test(err.name)) throw err;
    };
    /** Rows left mid-request (intent, no outcome) by the kills of all seeds. */
    let pendingTotal = 0;
    let dir: string;
    const pools = new Map<number, string>();

    beforeAll(async () => {
      local = await startLocal({ limits });
      sdk = new CognitoIdentityProviderClient({
        region: "us-east-1",
        endpoint: local.server.url,
        credentials: { accessKeyId: "local", secretAccessKey: "local" },
        maxAttempts: 10,
      });
      dir = await mkdtemp(join(tmpdir(), "import-crash-"));
      for (const seed of SEEDS) {
        const { UserPool } = await sdk.send(
          new CreateUserPoolCommand({ PoolName: `crash${seed}`, AutoVerifiedAttributes: ["email"] }),
        );
        const poolId = UserPool?.Id as string;
        pools.set(seed, poolId);
        await sdk
          .send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: "admins" }))
          .catch(ignoreExists);
        for (const username of PRE_EXISTING)
          await sdk
            .send(
              new AdminCreateUserCommand({
                UserPoolId: poolId,
                Username: username,
                MessageAction: "SUPPRESS",
              }),
            )
            .catch(ignoreExists);
      }
      // The users that existed before the run must be older than the clock tolerance by which a lost
      // request's user is told from an existing one (CREATED_BY_RUN_TOLERANCE_MS, 2 s): a person's
      // pool is older than that; here the pool was made a moment ago.
      await new Promise((r) => setTimeout(r, 2100));
    }, 60_000);
    afterAll(async () => {
      sdk?.destroy();
      await local?.close();
    });

    it.each(SEEDS)(
      "seed %i: killed at random rows and re-run until done, every user exactly once",
      async (seed) => {
        const poolId = pools.get(seed) as string;
        const random = prng(seed);
        const rows = Array.from({ length: ROWS }, (_, i) =>
          userRow(`user${i}`, {
            "cognito:groups": i % 4 === 0 ? "admins;staff" : "",
            "cognito:enabled": i % 7 === 0 ? "false" : "true",
          }),
        );
        const csv = writeCsv(join(dir, `crash-${seed}.csv`), rows, ["cognito:groups", "cognito:enabled"]);
        const stateDir = join(dir, `state-${seed}`);
        const journal = join(stateDir, "import-runs", "journal.sqlite");
        const env = { ...isolatedAwsEnv(), COGCTL_STATE_DIR: stateDir };
        const argv = [
          "--endpoint-url",
          local.server.url,
          "users",
          "import",
          csv,
          "--pool",
          poolId,
          "--create-groups",
          "--rate",
          rate,
          "--output",
          "json",
        ];

        let kills = 0;
        let pendingSeen = 0;
        let done = 0;
        let final: Attempt | undefined;
        for (let round = 0; round < 20 && !final; round++) {
          // Kill somewhere in the next 1-30 rows; the last rounds run to the end.
          const killAfter = round < 12 ? done + 1 + Math.floor(random() * 30) : undefined;
          const r = await attempt(argv, env, journal, killAfter);
          if (r.signal === "SIGKILL") {
            kills++;
            pendingSeen += r.pendingAfterKill;
            const db = new Database(journal, { readonly: true });
            done = (
              db.prepare("SELECT COUNT(*) AS n FROM rows WHERE outcome IS NOT NULL").get() as { n: number }
            ).n;
            db.close();
            continue;
          }
          expect(r.code, r.stderr).toBe(0);
          if (kills > 0) expect(r.stderr).toMatch(/Resuming import run \d{8}-\d{6}-[0-9a-f]{4}/);
          final = r;
        }
        expect(final).toBeDefined();
        expect(kills).toBeGreaterThan(0);
        const summary = JSON.parse(final?.stdout ?? "");
        expect(summary).toMatchObject({
          rows: ROWS,
          imported: ROWS - PRE_EXISTING.length,
          skipped: PRE_EXISTING.length,
          failed: 0,
          invalid: 0,
        });

        const users: { Username?: string; Enabled?: boolean }[] = [];
        let token: string | undefined;
        do {
          const page = await sdk.send(new ListUsersCommand({ UserPoolId: poolId, PaginationToken: token }));
          users.push(...(page.Users ?? []));
          token = page.PaginationToken;
        } while (token);
        expect(users.map((u) => u.Username).sort()).toEqual(rows.map((r) => r["cognito:username"]).sort());
        for (let i = 0; i < ROWS; i++) {
          const username = `user${i}`;
          if (PRE_EXISTING.includes(username)) continue;
          const groups = (
            await sdk.send(new AdminListGroupsForUserCommand({ UserPoolId: poolId, Username: username }))
          ).Groups?.map((g) => g.GroupName).sort();
          expect(groups, username).toEqual(i % 4 === 0 ? ["admins", "staff"] : []);
          const user = await sdk.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: username }));
          expect(user.Enabled, username).toBe(i % 7 !== 0);
        }

        // One run for all the attempts; its journal agrees with the summary, row by row.
        const db = new Database(journal, { readonly: true });
        const runs = db.prepare("SELECT id, state FROM runs").all() as { id: string; state: string }[];
        expect(runs).toEqual([{ id: summary.runId, state: "finished" }]);
        const byOutcome = db
          .prepare("SELECT outcome, COUNT(*) AS n FROM rows GROUP BY outcome ORDER BY outcome")
          .all();
        expect(byOutcome).toEqual([
          { outcome: "imported", n: ROWS - PRE_EXISTING.length },
          { outcome: "skipped", n: PRE_EXISTING.length },
        ]);
        const skipped = db.prepare("SELECT username FROM rows WHERE created = 0 ORDER BY username").all();
        expect(skipped.map((r) => (r as { username: string }).username)).toEqual([...PRE_EXISTING].sort());
        db.close();
        pendingTotal += pendingSeen;
      },
      240_000,
    );

    it("some kill landed mid-request, so resumes had to check rows with AdminGetUser", () => {
      expect(pendingTotal).toBeGreaterThan(0);
    });
  },
);
