// runJobImport (users import --via job) against the embedded endpoint: over HTTP (`local serve` on
// port 0) and in process (--local). The real job runs in the endpoint's background; its CloudWatch
// Logs stream is read back through the Logs API; planted bad rows come back in the rejects file as
// the ORIGINAL rows with the log's reason, across a split into serial jobs and with invalid rows
// left out before upload; cognito:groups / cognito:enabled are applied to imported rows; --no-wait
// returns with the job running and a second run collects it and goes on with the next part; a
// job that ends Failed is exit 254 with its CompletionMessage, failed rows exit 1.
import { createReadStream, mkdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  type CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserImportJobCommand,
  CreateUserPoolCommand,
  DescribeUserImportJobCommand,
  DescribeUserPoolCommand,
  GetCSVHeaderCommand,
  ListUserImportJobsCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importPoolFrom, openImportFile } from "../src/cognito/csv/index.js";
import type { CsvRow } from "../src/cognito/csv/types.js";
import type { Context, GlobalOptions } from "../src/kernel/context.js";
import { createContext } from "../src/kernel/create-context.js";
import { ExitCode } from "../src/kernel/errors.js";
import { Journal } from "../src/kernel/import/journal.js";
import { createRejectsWriter } from "../src/kernel/import/rejects.js";
import { LOCAL_ROLE_ARN } from "../src/kernel/import/role.js";
import {
  type JobImportFlags,
  jobImportError,
  jobImportFor,
  memoryJournal,
  runJobImport,
} from "../src/kernel/import/via-job.js";
import { createTestIO } from "../src/kernel/io/test-io.js";
import { withTask } from "../src/kernel/task.js";
import { useIsolatedDirs } from "./helpers/env.js";
import { readImportRows, type UserSpec, writeImportFile } from "./helpers/import-files.js";
import { type LocalHarness, startLocal } from "./helpers/local-server.js";

const ROLE = "arn:aws:iam::000000000000:role/CognitoImport";
// The file's own directories (removed after it) and the isolated AWS environment.
const isolated = useIsolatedDirs("cogctl-via-job-");
let local: LocalHarness;

beforeAll(async () => {
  local = await startLocal();
  client = local.client;
});
afterAll(async () => {
  await local?.close();
});

function context(where: "http" | "local", dataDir = join(isolated.dir, "data")): Context {
  const globals: GlobalOptions = {
    output: "json",
    outputExplicit: false,
    paginate: true,
    debug: false,
    color: "off",
    local: where === "local",
    region: "us-east-1",
    ...(where === "http" ? { endpointUrl: local.server.url } : {}),
  };
  // The directories through the environment, as cogctl resolves them (src/kernel/paths.ts).
  return createContext(createTestIO({ env: { ...isolated.env, COGCTL_DATA_DIR: dataDir } }), globals);
}

/** The SDK client a test checks with: the HTTP endpoint's, or with --local the Context's own (same data dir). */
let client: CognitoIdentityProviderClient;

async function newPool(name: string) {
  const { UserPool } = await client.send(
    new CreateUserPoolCommand({ PoolName: name, AutoVerifiedAttributes: ["email"] }),
  );
  const id = UserPool?.Id as string;
  const { CSVHeader } = await client.send(new GetCSVHeaderCommand({ UserPoolId: id }));
  return { id, name, header: CSVHeader as string[] };
}

const users = (n: number, bad: Record<number, Record<string, string>> = {}): UserSpec[] =>
  Array.from({ length: n }, (_, i) => ({ username: `user${i + 1}`, values: bad[i + 1] }));

const BAD_BIRTHDATE = { birthdate: "1990-01-31" };
const BIRTHDATE_REASON = "The birthdate value is not a date in mm/dd/yyyy.";

async function run(
  ctx: Context,
  pool: { id: string; name: string; header: string[] },
  file: string,
  flags: JobImportFlags,
  opts: {
    keep?: (row: CsvRow) => boolean;
    journal?: ReturnType<typeof memoryJournal>;
    rejects?: string;
  } = {},
) {
  const rows = readImportRows(file, opts.keep);
  let total = 0;
  for await (const _ of rows()) total++;
  const rejectsPath = opts.rejects ?? `${file}.rejects.csv`;
  const rejects = await createRejectsWriter(rejectsPath, readFileSync(file, "utf8").split("\n")[0]);
  try {
    const summary = await withTask(ctx, (task) =>
      runJobImport(ctx, task, {
        file,
        pool: { id: pool.id, name: pool.name },
        importPool: {
          header: pool.header,
          schema: [],
          mfa: "OFF",
          autoVerified: ["email"],
          usernameAttributes: [],
          aliasAttributes: [],
          caseSensitive: true,
        },
        rows,
        total,
        rejects,
        journal: opts.journal,
        flags: { pollInterval: "0.05", ...flags },
      }),
    );
    const written = await rejects.close();
    return { summary, rejects: written ? readFileSync(rejectsPath, "utf8") : undefined, rejectsPath };
  } catch (err) {
    await rejects.discard();
    throw err;
  }
}

describe.each([["http"], ["local"]] as const)("--via job against the embedded endpoint (%s)", (where) => {
  it("imports, reads the job's log, writes the planted bad rows to rejects and applies groups and enabled", async () => {
    const ctx = context(where);
    client = where === "local" ? await ctx.cognito() : local.client;
    const pool = await newPool(`people-${where}`);
    // user3 exists already: the job skips it.
    await client.send(
      new AdminCreateUserCommand({ UserPoolId: pool.id, Username: "user3", MessageAction: "SUPPRESS" }),
    );
    await client.send(new CreateGroupCommand({ UserPoolId: pool.id, GroupName: "staff" }));
    const specs = users(10, { 4: BAD_BIRTHDATE, 9: BAD_BIRTHDATE });
    specs[0].values = { "cognito:groups": "staff", "cognito:enabled": "false", name: "Ann, the first" };
    const file = join(isolated.dir, `people-${where}.csv`);
    writeImportFile(file, pool.header, specs, ["cognito:groups", "cognito:enabled"]);
    const original = readFileSync(file, "utf8").split("\n");

    let result: Awaited<ReturnType<typeof run>>;
    try {
      // With --local, --create-role needs no IAM: the fixed local role.
      result = await run(ctx, pool, file, where === "local" ? { createRole: true } : { roleArn: ROLE });
    } catch (err) {
      await ctx.close();
      throw err;
    }
    const { summary, rejects, rejectsPath } = result;
    expect(summary).toMatchObject({
      via: "job",
      rows: 10,
      imported: 7,
      skipped: 1,
      failed: 2,
      finished: true,
    });
    expect(summary.jobs).toHaveLength(1);
    expect(summary.jobs[0]).toMatchObject({ part: 1, status: "Succeeded" });
    const { UserImportJob } = await client.send(
      new DescribeUserImportJobCommand({ UserPoolId: pool.id, JobId: summary.jobs[0].jobId }),
    );
    expect(UserImportJob?.JobName).toBe(`people-${where}`);
    expect(UserImportJob?.CloudWatchLogsRoleArn).toBe(where === "local" ? LOCAL_ROLE_ARN : ROLE);
    // The rejects file: the header, then the original rows 4 and 9 (lines 5 and 10) with the log's reason.
    expect(rejects?.split("\n")).toEqual([
      `${original[0]},cogctl:reason`,
      `${original[4]},${BIRTHDATE_REASON}`,
      `${original[9]},${BIRTHDATE_REASON}`,
      "",
    ]);
    expect(statSync(rejectsPath).mode & 0o777).toBe(0o600);
    const error = jobImportError(summary);
    expect(error?.exitCode).toBe(ExitCode.ROWS_FAILED);
    expect(error?.message).toContain("2 of 10 rows were not imported (7 imported, 1 skipped, 2 failed)");
    expect(error?.message).toContain(rejectsPath);

    // The extras a job cannot carry, applied after it; the comma came through escaped and back.
    const ann = await client.send(new AdminGetUserCommand({ UserPoolId: pool.id, Username: "user1" }));
    expect(ann.Enabled).toBe(false);
    expect(ann.UserStatus).toBe("RESET_REQUIRED");
    expect(ann.UserAttributes).toContainEqual({ Name: "name", Value: "Ann, the first" });
    const groups = await client.send(
      new AdminListGroupsForUserCommand({ UserPoolId: pool.id, Username: "user1" }),
    );
    expect(groups.Groups?.map((g) => g.GroupName)).toEqual(["staff"]);
    const two = await client.send(new AdminGetUserCommand({ UserPoolId: pool.id, Username: "user2" }));
    expect(two.Enabled).toBe(true);
    await ctx.close();
    client = local.client;
  });
});

describe("--via job: split into serial jobs", () => {
  it("cuts parts at the threshold, maps each part's line numbers back to the original rows, skipping invalid ones", async () => {
    const pool = await newPool("split");
    // Bad rows in every part; rows 2 and 7 are "invalid" (left out before upload, as --skip-invalid does).
    const specs = users(11, { 3: BAD_BIRTHDATE, 6: BAD_BIRTHDATE, 11: BAD_BIRTHDATE });
    const file = join(isolated.dir, "split users.csv");
    writeImportFile(file, pool.header, specs);
    const original = readFileSync(file, "utf8").split("\n");
    const journal = memoryJournal();
    const ctx = context("http");
    let result: Awaited<ReturnType<typeof run>>;
    try {
      result = await run(
        ctx,
        pool,
        file,
        { roleArn: ROLE, maxRowsPerJob: "4" },
        { keep: (row) => row.index !== 1 && row.index !== 6, journal },
      );
    } finally {
      await ctx.close();
    }
    const { summary, rejects } = result;
    // 9 rows sent in parts of 4, 4 and 1.
    expect(summary.jobs.map((j) => [j.part, j.status])).toEqual([
      [1, "Succeeded"],
      [2, "Succeeded"],
      [3, "Succeeded"],
    ]);
    expect(summary).toMatchObject({ imported: 6, skipped: 0, failed: 3 });
    expect(rejects?.split("\n").slice(1, -1)).toEqual([
      `${original[3]},${BIRTHDATE_REASON}`,
      `${original[6]},${BIRTHDATE_REASON}`,
      `${original[11]},${BIRTHDATE_REASON}`,
    ]);
    // Serial jobs named after the file, one per part, all recorded as finished.
    const { UserImportJobs } = await local.client.send(
      new ListUserImportJobsCommand({ UserPoolId: pool.id, MaxResults: 10 }),
    );
    expect(UserImportJobs?.map((j) => j.JobName).sort()).toEqual([
      "split users-part1",
      "split users-part2",
      "split users-part3",
    ]);
    // Parts hold users 1,3,4,5 | 6,8,9,10 | 11 (2 and 7 left out); 3, 6 and 11 are bad.
    expect(UserImportJobs?.map((j) => [j.JobName, j.ImportedUsers, j.FailedUsers]).sort()).toEqual([
      ["split users-part1", 3, 1],
      ["split users-part2", 3, 1],
      ["split users-part3", 0, 1],
    ]);
    expect(journal.recorded.map((j) => [j.part, j.finished?.status])).toEqual([
      [1, "Succeeded"],
      [2, "Succeeded"],
      [3, "Succeeded"],
    ]);
    // The invalid rows were never sent.
    await expect(
      local.client.send(new AdminGetUserCommand({ UserPoolId: pool.id, Username: "user2" })),
    ).rejects.toThrow(/User does not exist/);
  });

  it("without --role-arn or --create-role: a usage error naming both, before any job exists", async () => {
    const pool = await newPool("norole");
    const file = join(isolated.dir, "norole.csv");
    writeImportFile(file, pool.header, users(2));
    const ctx = context("http");
    try {
      const err = await run(ctx, pool, file, {}).catch((e) => e);
      expect(err.exitCode).toBe(ExitCode.USAGE);
      expect(err.message).toMatch(/--role-arn ARN.*--create-role \[NAME\]/s);
    } finally {
      await ctx.close();
    }
    const { UserImportJobs } = await client.send(
      new ListUserImportJobsCommand({ UserPoolId: pool.id, MaxResults: 10 }),
    );
    expect(UserImportJobs ?? []).toHaveLength(0);
  });

  it("--no-wait returns with the first part's job running; the same run again collects it and goes on", async () => {
    const pool = await newPool("nowait");
    const file = join(isolated.dir, "nowait.csv");
    writeImportFile(file, pool.header, users(6, { 5: BAD_BIRTHDATE }));
    const journal = memoryJournal();
    const first = context("http");
    let summary: Awaited<ReturnType<typeof run>>["summary"];
    try {
      ({ summary } = await run(
        first,
        pool,
        file,
        { roleArn: ROLE, maxRowsPerJob: "3", wait: false },
        { journal },
      ));
    } finally {
      await first.close();
    }
    expect(summary.finished).toBe(false);
    expect(summary.jobs).toHaveLength(1);
    expect(["Pending", "InProgress", "Succeeded"]).toContain(summary.jobs[0].status);
    expect(jobImportError(summary)).toBeUndefined();
    expect(journal.recorded).toHaveLength(1);

    const second = context("http");
    let again: Awaited<ReturnType<typeof run>>;
    try {
      again = await run(second, pool, file, { roleArn: ROLE, maxRowsPerJob: "3" }, { journal });
    } finally {
      await second.close();
    }
    expect(again.summary.jobs.map((j) => j.jobId)[0]).toBe(summary.jobs[0].jobId);
    expect(again.summary).toMatchObject({ finished: true, imported: 5, failed: 1 });
    expect(again.rejects?.split("\n")[1]).toContain(BIRTHDATE_REASON);
    const { UserImportJobs } = await local.client.send(
      new ListUserImportJobsCommand({ UserPoolId: pool.id, MaxResults: 10 }),
    );
    expect(UserImportJobs).toHaveLength(2);
  });

  it("resume: a part whose job never started gets a new job; finished parts are not sent again, their rejects rebuilt from the log", async () => {
    const pool = await newPool("resume");
    const file = join(isolated.dir, "resume.csv");
    writeImportFile(file, pool.header, users(6, { 2: BAD_BIRTHDATE, 5: BAD_BIRTHDATE }));
    const original = readFileSync(file, "utf8").split("\n");
    const journal = memoryJournal();
    const first = context("http");
    try {
      await run(first, pool, file, { roleArn: ROLE, maxRowsPerJob: "3", wait: false }, { journal });
    } finally {
      await first.close();
    }
    // The process "died" after creating part 2's job, before its upload and start.
    const orphan = await client.send(
      new CreateUserImportJobCommand({
        UserPoolId: pool.id,
        JobName: "resume-part2",
        CloudWatchLogsRoleArn: ROLE,
      }),
    );
    journal.recorded.push({ part: 2, jobId: orphan.UserImportJob?.JobId as string, jobName: "resume-part2" });

    const expected = [
      `${original[0]},cogctl:reason`,
      `${original[2]},${BIRTHDATE_REASON}`,
      `${original[5]},${BIRTHDATE_REASON}`,
      "",
    ];
    const second = context("http");
    let again: Awaited<ReturnType<typeof run>>;
    try {
      again = await run(second, pool, file, { roleArn: ROLE, maxRowsPerJob: "3" }, { journal });
    } finally {
      await second.close();
    }
    expect(again.summary).toMatchObject({ finished: true, imported: 4, failed: 2 });
    expect(again.summary.jobs[1].jobId).not.toBe(orphan.UserImportJob?.JobId);
    expect(again.rejects?.split("\n")).toEqual(expected);
    const jobs = async () =>
      (await client.send(new ListUserImportJobsCommand({ UserPoolId: pool.id, MaxResults: 10 })))
        .UserImportJobs ?? [];
    expect((await jobs()).map((j) => j.Status).sort()).toEqual(["Created", "Succeeded", "Succeeded"]);

    // Everything finished: a third run sends nothing and rebuilds the same rejects from the logs.
    const third = context("http");
    let last: Awaited<ReturnType<typeof run>>;
    try {
      last = await run(third, pool, file, { roleArn: ROLE, maxRowsPerJob: "3" }, { journal });
    } finally {
      await third.close();
    }
    expect(last.summary).toMatchObject({ imported: 4, failed: 2 });
    expect(last.rejects?.split("\n")).toEqual(expected);
    expect(await jobs()).toHaveLength(3);
  });

  it("a job that ends Failed stops the run: exit 254 with its CompletionMessage, unsent rows in rejects", async () => {
    const pool = await newPool("failing");
    // Every row bad: past 1,000 rows the endpoint ends the job "Too many users have failed ...".
    const bad: Record<number, Record<string, string>> = {};
    for (let i = 1; i <= 1300; i++) bad[i] = BAD_BIRTHDATE;
    const file = join(isolated.dir, "failing.csv");
    writeImportFile(file, pool.header, users(1300, bad));
    const ctx = context("http");
    let result: Awaited<ReturnType<typeof run>>;
    try {
      result = await run(ctx, pool, file, { roleArn: ROLE, maxRowsPerJob: "1200" });
    } finally {
      await ctx.close();
    }
    const { summary, rejects } = result;
    expect(summary.jobs).toHaveLength(1);
    expect(summary.jobs[0]).toMatchObject({
      status: "Failed",
      completionMessage: "Too many users have failed or been skipped during the import.",
    });
    expect(summary.imported).toBe(0);
    expect(summary.failed).toBe(1300);
    const lines = rejects?.split("\n").slice(1, -1) ?? [];
    expect(lines).toHaveLength(1300);
    expect(lines[0]).toContain(BIRTHDATE_REASON);
    expect(lines[1250]).toContain("Not sent: import job");
    const error = jobImportError(summary);
    expect(error?.exitCode).toBe(ExitCode.SERVICE);
    expect(error?.message).toMatch(
      /ended Failed: Too many users have failed or been skipped during the import\./,
    );
  });
});

describe("jobImportFor: the command's (ctx, plan) door, with the shared CSV reader", () => {
  it("sends the rows the reader passed; invalid rows go to rejects in file order, an existing user is skipped", async () => {
    const pool = await newPool("door");
    // user4 exists already: the job skips it (not a reject: the user is in the pool).
    await client.send(
      new AdminCreateUserCommand({ UserPoolId: pool.id, Username: "user4", MessageAction: "SUPPRESS" }),
    );
    const file = join(isolated.dir, "door.csv");
    // The reader refuses rows 2 and 6 (a birthdate not mm/dd/yyyy): invalid, never sent.
    writeImportFile(file, pool.header, users(6, { 2: BAD_BIRTHDATE, 6: BAD_BIRTHDATE }));
    const original = readFileSync(file, "utf8").split("\n");
    const described = await client.send(new DescribeUserPoolCommand({ UserPoolId: pool.id }));
    const importPool = importPoolFrom(described.UserPool ?? {}, pool.header);
    let header: { line: string } | undefined;
    const rows = async function* () {
      const opened = await openImportFile(createReadStream(file), importPool);
      header = opened.header;
      yield* opened.rows();
    };
    let rowsSeen = 0;
    let invalid = 0;
    for await (const row of rows()) {
      rowsSeen++;
      if (row.problems.length) invalid++;
    }
    expect([rowsSeen, invalid]).toEqual([6, 2]);
    const rejectsFile = join(isolated.dir, "door.rejects.csv");
    const ctx = context("http");
    let summary: Awaited<ReturnType<ReturnType<typeof jobImportFor>>>;
    try {
      summary = await jobImportFor({ roleArn: ROLE, pollInterval: "0.05" })(ctx, {
        file: { path: file, shownPath: "door.csv", rows, header },
        pool: { id: pool.id, name: pool.name },
        importPool,
        rows: rowsSeen,
        invalid,
        rejectsFile,
      });
    } finally {
      await ctx.close();
    }
    expect(summary).toMatchObject({ rows: 6, imported: 3, skipped: 1, failed: 0, invalid: 2, rejectsFile });
    const rejects = readFileSync(rejectsFile, "utf8").split("\n");
    expect(rejects[0]).toBe(`${original[0]},cogctl:reason`);
    expect(rejects.slice(1, -1).map((l) => l.slice(0, original[2].length))).toEqual([
      original[2],
      original[6],
    ]);
    expect(rejects[1]).toMatch(/birthdate/);
    expect(rejects).toHaveLength(4);
    const error = jobImportError(summary);
    expect(error?.exitCode).toBe(ExitCode.ROWS_FAILED);
    expect(error?.message).toContain("2 of 6 rows were not imported");
  });

  it("in the run journal: --no-wait records the job (jobs table), the same call collects it and writes every row's outcome", async () => {
    const pool = await newPool("durable");
    const file = join(isolated.dir, "durable.csv");
    writeImportFile(file, pool.header, users(4, { 3: BAD_BIRTHDATE }));
    const original = readFileSync(file, "utf8").split("\n");
    const rows = readImportRows(file);
    const plan = {
      file: { path: file, shownPath: "durable.csv", rows, header: { line: original[0] } },
      pool: { id: pool.id, name: pool.name },
      importPool: {
        header: pool.header,
        schema: [],
        mfa: "OFF" as const,
        autoVerified: ["email"],
        usernameAttributes: [],
        aliasAttributes: [],
        caseSensitive: true,
      },
      rows: 4,
      invalid: 0,
      rejectsFile: join(isolated.dir, "durable.rejects.csv"),
    };
    const journal = await Journal.open(join(isolated.dir, "state-durable"));
    try {
      const run = journal.createRun(
        {
          poolId: pool.id,
          endpoint: "endpoint:test",
          file,
          fileSha256: "0123abcd",
          fileBytes: 1,
          via: "job",
          options: {
            sendInvitations: false,
            createGroups: false,
            skipInvalid: false,
            temporaryPassword: { from: "cognito" },
          },
          rows: 4,
          invalid: 0,
        },
        new Date(),
      );
      const first = context("http");
      let started: Awaited<ReturnType<ReturnType<typeof jobImportFor>>>;
      try {
        started = await jobImportFor({ roleArn: ROLE, pollInterval: "0.05", wait: false })(first, plan, {
          journal,
          runId: run.id,
        });
      } finally {
        await first.close();
      }
      expect(started.finished).toBe(false);
      expect(journal.jobs(run.id)).toMatchObject([
        { part: 1, jobId: started.jobs[0].jobId, rows: 4, firstIndex: 0, finishedAt: undefined },
      ]);
      expect(journal.counts(run.id)).toMatchObject({ imported: 0, pending: 0 });

      const second = context("http");
      let collected: Awaited<ReturnType<ReturnType<typeof jobImportFor>>>;
      try {
        collected = await jobImportFor({ roleArn: ROLE, pollInterval: "0.05" })(second, plan, {
          journal,
          runId: run.id,
        });
      } finally {
        await second.close();
      }
      expect(collected).toMatchObject({ finished: true, imported: 3, failed: 1 });
      expect(collected.jobs.map((j) => j.jobId)).toEqual([started.jobs[0].jobId]);
      expect(readFileSync(plan.rejectsFile, "utf8").split("\n")[1]).toBe(
        `${original[3]},${BIRTHDATE_REASON}`,
      );
      const [job] = journal.jobs(run.id);
      expect(job).toMatchObject({ status: "Succeeded", imported: 3, failed: 1 });
      expect(job.finishedAt).toBeGreaterThan(0);
      expect(journal.counts(run.id)).toEqual({
        imported: 3,
        skipped: 0,
        failed: 1,
        pending: 0,
        created: 3,
        deleted: 0,
      });
      const states = [...journal.rowStates(run.id).values()].sort((a, b) => a.idx - b.idx);
      expect(states.map((r) => [r.username, r.outcome, r.created, r.sub])).toEqual([
        ["user1", "imported", true, undefined],
        ["user2", "imported", true, undefined],
        ["user3", "failed", false, undefined],
        ["user4", "imported", true, undefined],
      ]);
      expect(states[2].reason).toBe(BIRTHDATE_REASON);
      // No sub from a job: the bound --undo checks Cognito's UserCreateDate against.
      expect(states[0].createdUntil).toBe(job.finishedAt);
    } finally {
      journal.close();
    }
  });

  it("an older journal (before the jobs table) opens, migrated in place, its runs kept", async () => {
    const stateDir = join(isolated.dir, "state-old");
    const { default: Database } = await import("better-sqlite3");
    mkdirSync(join(stateDir, "import-runs"), { recursive: true });
    const old = new Database(join(stateDir, "import-runs", "journal.sqlite"));
    // The first schema, as journals written before this one hold it (user_version 0).
    old.exec(`CREATE TABLE runs (id TEXT PRIMARY KEY, state TEXT NOT NULL, started_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL, pool_id TEXT NOT NULL, pool_name TEXT, endpoint TEXT NOT NULL, file TEXT NOT NULL,
      file_sha256 TEXT NOT NULL, file_bytes INTEGER NOT NULL, via TEXT NOT NULL, options TEXT NOT NULL,
      rows INTEGER NOT NULL, invalid INTEGER NOT NULL, owner_pid INTEGER);
    CREATE TABLE rows (run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE, idx INTEGER NOT NULL,
      line INTEGER NOT NULL, username TEXT NOT NULL, intent_at INTEGER NOT NULL, created INTEGER, sub TEXT,
      outcome TEXT, reason TEXT, done_at INTEGER, undo_intent_at INTEGER, undo_outcome TEXT, undo_reason TEXT,
      PRIMARY KEY (run_id, idx)) WITHOUT ROWID;
    INSERT INTO runs VALUES ('20261201-000000-0001', 'finished', 1, 1, 'eu-west-1_x', NULL, 'endpoint:e', '/f.csv',
      'ab', 10, 'api', '{"sendInvitations":false,"createGroups":false,"skipInvalid":false,"temporaryPassword":{"from":"cognito"}}', 1, 0, NULL);
    INSERT INTO rows (run_id, idx, line, username, intent_at, created, sub, outcome) VALUES
      ('20261201-000000-0001', 0, 2, 'old1', 1, 1, 'sub-1', 'imported');`);
    old.close();
    const journal = await Journal.open(stateDir);
    try {
      expect(journal.runs().map((r) => [r.id, r.counts.imported])).toEqual([["20261201-000000-0001", 1]]);
      expect(journal.rowStates("20261201-000000-0001").get(0)).toMatchObject({
        sub: "sub-1",
        createdUntil: undefined,
      });
      expect(journal.jobs("20261201-000000-0001")).toEqual([]);
    } finally {
      journal.close();
    }
    // Opened again: already migrated, nothing to do (an ALTER run twice would throw).
    (await Journal.open(stateDir)).close();
  });

  it("creates the missing groups first (--create-groups), then adds the imported users to them", async () => {
    const pool = await newPool("groups");
    const file = join(isolated.dir, "groups.csv");
    writeImportFile(
      file,
      pool.header,
      [{ username: "gail", values: { "cognito:groups": "new-team;ops" } }, { username: "gus" }],
      ["cognito:groups"],
    );
    const original = readFileSync(file, "utf8").split("\n");
    const ctx = context("http");
    let summary: Awaited<ReturnType<ReturnType<typeof jobImportFor>>>;
    try {
      summary = await jobImportFor({ roleArn: ROLE, pollInterval: "0.05" })(ctx, {
        file: {
          path: file,
          shownPath: "groups.csv",
          rows: readImportRows(file),
          header: { line: original[0] },
        },
        pool: { id: pool.id, name: pool.name },
        importPool: {
          header: pool.header,
          schema: [],
          mfa: "OFF",
          autoVerified: ["email"],
          usernameAttributes: [],
          aliasAttributes: [],
          caseSensitive: true,
        },
        rows: 2,
        invalid: 0,
        rejectsFile: join(isolated.dir, "groups.rejects.csv"),
        missingGroups: ["new-team", "ops"],
      });
    } finally {
      await ctx.close();
    }
    expect(summary).toMatchObject({ imported: 2, failed: 0 });
    expect(summary.rejectsFile).toBeUndefined();
    const groups = await client.send(
      new AdminListGroupsForUserCommand({ UserPoolId: pool.id, Username: "gail" }),
    );
    expect(groups.Groups?.map((g) => g.GroupName).sort()).toEqual(["new-team", "ops"]);
  });
});
