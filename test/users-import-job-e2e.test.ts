// cogctl users import --via job end to end through the real CLI, against the embedded endpoint over
// HTTP (port 0) and in process (--local): validation first (--skip-invalid sends the rest), the
// job run in the endpoint's background, its CloudWatch Logs stream read back, the rejects file with
// the invalid rows as the original rows (an existing user is skipped, not rejected), groups and disabled
// states applied after the job, a split into serial jobs with a small threshold
// (COGCTL_IMPORT_MAX_ROWS_PER_JOB), --no-wait, and the role flags (--create-role with --local).
// The run journal shared with the API path: `users runs` lists a job run with its counts, --undo
// deletes exactly the users its job created (HTTP and --local), a Failed job exits 254, and kill -9
// resumes send each part once and each group step once (counted by a proxy in front of the endpoint).

import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer, request } from "node:http";
import { join } from "node:path";
import {
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  type CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolCommand,
  ListUserImportJobsCommand,
  ListUsersCommand,
  ListUsersInGroupCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { BIN, runCli, spawnCli } from "./helpers/cli.js";
import { isolatedAwsEnv, useIsolatedDirs } from "./helpers/env.js";
import { userRow, writeCsv } from "./helpers/import-csv.js";
import { type LocalHarness, startLocal } from "./helpers/local-server.js";

const ROLE = "arn:aws:iam::000000000000:role/CognitoImport";

/**
 * An HTTP proxy in front of the endpoint that counts the Cognito operations it forwards (by
 * X-Amz-Target), counted when the request arrives: a request a kill cut short counts too.
 */
async function countingProxy(target: string) {
  const counts = new Map<string, number>();
  const upstream = new URL(target);
  const server = createServer((req, res) => {
    const operation = String(req.headers["x-amz-target"] ?? "")
      .split(".")
      .pop();
    if (operation) counts.set(operation, (counts.get(operation) ?? 0) + 1);
    const forward = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on("error", () => res.destroy());
    req.on("error", () => forward.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((ready) => server.listen(0, "127.0.0.1", ready));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    count: (operation: string) => counts.get(operation) ?? 0,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

describe("users import --via job against the embedded endpoint over HTTP", () => {
  let local: LocalHarness;
  let client: CognitoIdentityProviderClient;
  const isolated = useIsolatedDirs("cogctl-import-job-e2e-");
  let poolId: string;
  let serial = 0;
  const cog = (argv: string[], env: Record<string, string> = {}) =>
    runCli(["--endpoint-url", local.server.url, ...argv], {
      env: { COGCTL_STATE_DIR: join(isolated.dir, "state"), ...env },
    });
  /** users import FILE --via job into this test's pool, polling fast. */
  const importJobArgs = (path: string) => [
    "users",
    "import",
    path,
    "--pool",
    poolId,
    "--via",
    "job",
    "--role-arn",
    ROLE,
    "--poll-interval",
    "0.05",
  ];
  const importJob = (path: string, more: string[] = [], env: Record<string, string> = {}) =>
    cog([...importJobArgs(path), ...more], env);
  const file = (rows: Parameters<typeof writeCsv>[1], extra: string[] = []) =>
    writeCsv(join(isolated.dir, `users-${++serial}.csv`), rows, extra);
  const usernames = async () =>
    ((await client.send(new ListUsersCommand({ UserPoolId: poolId }))).Users ?? [])
      .map((u) => u.Username as string)
      .sort();
  const jobs = async () =>
    (await client.send(new ListUserImportJobsCommand({ UserPoolId: poolId, MaxResults: 60 })))
      .UserImportJobs ?? [];

  beforeAll(async () => {
    local = await startLocal();
    client = local.client;
  });
  afterAll(async () => {
    await local?.close();
  });
  beforeEach(async () => {
    const { UserPool } = await client.send(
      new CreateUserPoolCommand({ PoolName: `jobs${++serial}`, AutoVerifiedAttributes: ["email"] }),
    );
    poolId = UserPool?.Id as string;
  });

  it("imports through a job: invalid rows in rejects, an existing user skipped, groups and enabled applied after the job", async () => {
    await client.send(
      new AdminCreateUserCommand({ UserPoolId: poolId, Username: "cy", MessageAction: "SUPPRESS" }),
    );
    await client.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: "staff" }));
    const path = file(
      [
        userRow("ann", { "cognito:groups": "staff", "cognito:enabled": "false" }),
        userRow("bo"),
        userRow("cy"),
        userRow("di", { email: "not-an-address" }),
        userRow("ed"),
      ],
      ["cognito:groups", "cognito:enabled"],
    );
    const original = readFileSync(path, "utf8").split("\n");
    const r = await importJob(path, ["--skip-invalid", "--output", "json"]);
    expect(r.code, r.stderr).toBe(1);
    expect(await usernames()).toEqual(["ann", "bo", "cy", "ed"]);
    const ann = await client.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "ann" }));
    expect(ann.Enabled).toBe(false);
    const groups = await client.send(
      new AdminListGroupsForUserCommand({ UserPoolId: poolId, Username: "ann" }),
    );
    expect(groups.Groups?.map((g) => g.GroupName)).toEqual(["staff"]);
    const rejects = readFileSync(path.replace(/\.csv$/, ".rejects.csv"), "utf8").split("\n");
    expect(rejects[0]).toBe(`${original[0]},cogctl:reason`);
    expect(rejects[1].startsWith(`${original[4]},`)).toBe(true);
    expect(rejects).toHaveLength(3);
    const summary = JSON.parse(r.stdout);
    expect(summary).toMatchObject({ via: "job", imported: 3, skipped: 1, failed: 0, invalid: 1 });
    expect(await jobs()).toHaveLength(1);
  });

  it("a group the pool lacks: refused before anything is sent, or created first with --create-groups", async () => {
    const path = file([userRow("gi", { "cognito:groups": "night-shift" })], ["cognito:groups"]);
    const refused = await importJob(path);
    expect(refused.code).toBe(252);
    expect(refused.stderr).toContain("has no group night-shift");
    expect(await jobs()).toHaveLength(0);
    const r = await importJob(path, ["--create-groups"]);
    expect(r.code, r.stderr).toBe(0);
    const groups = await client.send(
      new AdminListGroupsForUserCommand({ UserPoolId: poolId, Username: "gi" }),
    );
    expect(groups.Groups?.map((g) => g.GroupName)).toEqual(["night-shift"]);
  });

  it("splits into serial jobs at a small threshold (COGCTL_IMPORT_MAX_ROWS_PER_JOB), each part a job of its own", async () => {
    await client.send(
      new AdminCreateUserCommand({ UserPoolId: poolId, Username: "u5", MessageAction: "SUPPRESS" }),
    );
    const path = file(Array.from({ length: 7 }, (_, i) => userRow(`u${i + 1}`)));
    const r = await importJob(path, ["--output", "json"], { COGCTL_IMPORT_MAX_ROWS_PER_JOB: "3" });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ imported: 6, skipped: 1, failed: 0 });
    const names = (await jobs()).map((j) => [j.JobName, j.Status, j.ImportedUsers, j.SkippedUsers]).sort();
    const base = path
      .split("/")
      .at(-1)
      ?.replace(/\.csv$/, "");
    expect(names).toEqual([
      [`${base}-part1`, "Succeeded", 3, 0],
      [`${base}-part2`, "Succeeded", 2, 1],
      [`${base}-part3`, "Succeeded", 1, 0],
    ]);
    expect(await usernames()).toEqual(["u1", "u2", "u3", "u4", "u5", "u6", "u7"]);
  });

  it("--no-wait starts the job and returns; without a role flag it is a usage error naming both", async () => {
    const path = file([userRow("nw1"), userRow("nw2")]);
    const refused = await cog(["users", "import", path, "--pool", poolId, "--via", "job"]);
    expect(refused.code).toBe(252);
    expect(refused.stderr).toContain("--role-arn ARN");
    expect(refused.stderr).toContain("--create-role [NAME]");
    expect(await jobs()).toHaveLength(0);

    const r = await importJob(path, ["--no-wait", "--output", "json"]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ via: "job" });
    const [job] = await jobs();
    expect(job).toBeDefined();

    // The same command again collects that job: no second one.
    const again = await importJob(path, ["--output", "json"]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain("Resuming import run");
    expect(JSON.parse(again.stdout)).toMatchObject({ imported: 2, jobIds: [job.JobId] });
    expect(await jobs()).toHaveLength(1);
    expect(await usernames()).toEqual(["nw1", "nw2"]);
  });

  it("users runs lists a job run with its counts; --undo deletes exactly the users its job created, never the skipped ones", async () => {
    // Planted before the run: the job skips them, and --undo must leave them.
    for (const name of ["old1", "old2"])
      await client.send(
        new AdminCreateUserCommand({ UserPoolId: poolId, Username: name, MessageAction: "SUPPRESS" }),
      );
    const path = file(["new1", "old1", "new2", "old2", "new3"].map((u) => userRow(u)));
    const r = await importJob(path, ["--output", "json"]);
    expect(r.code, r.stderr).toBe(0);
    const { runId } = JSON.parse(r.stdout);
    expect(runId).toMatch(/^\d{8}-\d{6}-[0-9a-f]{4}$/);

    const listed = await cog(["users", "runs", "--output", "json"]);
    expect(listed.code, listed.stderr).toBe(0);
    const run = JSON.parse(listed.stdout).Runs.find((x: { RunId: string }) => x.RunId === runId);
    expect(run).toMatchObject({
      Via: "job",
      State: "finished",
      PoolId: poolId,
      Rows: 5,
      Imported: 3,
      Skipped: 2,
      Failed: 0,
      Pending: 0,
      Created: 3,
    });
    // In a pipe: tab-separated, the run on its own line.
    const piped = await cog(["users", "runs"]);
    const line = piped.stdout.split("\n").find((l) => l.startsWith(runId));
    expect(line?.split("\t")).toEqual(expect.arrayContaining(["job", "finished", "5", "3", "2", "0"]));

    // new3 deleted and made again by someone else after the job ended: not this run's user any more.
    await client.send(new AdminDeleteUserCommand({ UserPoolId: poolId, Username: "new3" }));
    await new Promise((done) => setTimeout(done, 2100));
    await client.send(
      new AdminCreateUserCommand({ UserPoolId: poolId, Username: "new3", MessageAction: "SUPPRESS" }),
    );
    const refused = await cog(["users", "import", "--undo", runId]);
    expect(refused.code).toBe(252);
    expect(await usernames()).toEqual(["new1", "new2", "new3", "old1", "old2"]);

    const undone = await cog(["users", "import", "--undo", runId, "--yes", "--output", "json"]);
    expect(undone.code, undone.stderr).toBe(0);
    expect(JSON.parse(undone.stdout)).toMatchObject({ RunId: runId, Deleted: 2, Kept: 1, Failed: [] });
    expect(await usernames()).toEqual(["new3", "old1", "old2"]);
    const after = JSON.parse((await cog(["users", "runs", "--output", "json"])).stdout).Runs.find(
      (x: { RunId: string }) => x.RunId === runId,
    );
    expect(after).toMatchObject({ State: "undone", Deleted: 2 });
  });

  it("a job that ends Failed exits 254 through users import, with its CompletionMessage", async () => {
    // 1,100 users the pool already has: past 1,000 skipped rows the job ends Failed.
    const N = 1100;
    const path = file(Array.from({ length: N }, (_, i) => userRow(`f${i}`)));
    const first = await importJob(path);
    expect(first.code, first.stderr).toBe(0);
    // The first run finished: the same command is a new run, whose job meets every user existing.
    const r = await importJob(path, ["--output", "json"]);
    expect(r.code, r.stderr).toBe(254);
    expect(r.stderr).toMatch(/ended Failed: Too many users have failed or been skipped during the import\./);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const summary = JSON.parse(r.stdout);
    expect(summary.jobs).toMatchObject([{ status: "Failed" }]);
    const run = JSON.parse((await cog(["users", "runs", "--output", "json"])).stdout).Runs.find(
      (x: { RunId: string }) => x.RunId === summary.runId,
    );
    expect(run).toMatchObject({ Via: "job", Imported: 0, Created: 0, Pending: 0 });
    expect(run.Skipped + run.Failed).toBe(N);
  });

  it("kill -9 at seeded random moments, then the same command: every user once, each group step once, no job left running", async () => {
    const N = 1500;
    await client.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: "crew" }));
    const path = file(
      Array.from({ length: N }, (_, i) => userRow(`k${i}`, { "cognito:groups": "crew" })),
      ["cognito:groups"],
    );
    const env = {
      ...isolatedAwsEnv(),
      COGCTL_STATE_DIR: join(isolated.dir, "state-kill"),
      COGCTL_IMPORT_MAX_ROWS_PER_JOB: "500",
    };
    // Every request through a counting proxy: the group steps are counted as the endpoint saw them.
    const proxy = await countingProxy(local.server.url);
    const argv = ["--endpoint-url", proxy.url, ...importJobArgs(path)];
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    // Each attempt is killed a seeded moment after it made a job (mid-upload, mid-job or mid-read-back)
    // or, resuming a run whose jobs are all made, after it began the post-steps.
    const started = (child: ReturnType<typeof spawn>) => {
      let ended = false;
      const exited = new Promise((r) => child.on("exit", r)).then(() => {
        ended = true;
      });
      return { exited, ended: () => ended };
    };
    for (let attempt = 0; attempt < 3; attempt++) {
      const before = (await jobs()).length;
      const stepsBefore = proxy.count("AdminAddUserToGroup");
      const child = spawn(process.execPath, [BIN, ...argv], { env, stdio: "ignore" });
      const { exited, ended } = started(child);
      while (
        !ended() &&
        (await jobs()).length === before &&
        proxy.count("AdminAddUserToGroup") === stepsBefore
      )
        await new Promise((r) => setTimeout(r, 10));
      await new Promise((r) => setTimeout(r, random() * 400));
      child.kill("SIGKILL");
      await exited;
    }
    // One more, killed in the middle of the post-steps (AdminAddUserToGroup after the jobs), 200
    // steps into them: the resume must send only the steps the journal has no outcome for.
    const stepsBefore = proxy.count("AdminAddUserToGroup");
    const child = spawn(process.execPath, [BIN, ...argv], { env, stdio: "ignore" });
    const { exited, ended } = started(child);
    while (!ended() && proxy.count("AdminAddUserToGroup") < stepsBefore + 200)
      await new Promise((r) => setTimeout(r, 5));
    child.kill("SIGKILL");
    await exited;
    const kills = 4;
    const last = await spawnCli(argv, { env, timeoutMs: 60_000 });
    await proxy.close();
    expect(last.code, last.stderr).toBe(0);
    // Each user in the group, and each AdminAddUserToGroup sent once: at most one more per kill
    // (the one in flight when it landed, its outcome not journalled). Re-applied steps on resume
    // would add hundreds.
    const members: string[] = [];
    let next: string | undefined;
    do {
      const page = await client.send(
        new ListUsersInGroupCommand({ UserPoolId: poolId, GroupName: "crew", NextToken: next }),
      );
      members.push(...(page.Users ?? []).map((u) => u.Username as string));
      next = page.NextToken;
    } while (next);
    expect(new Set(members).size).toBe(N);
    const groupCalls = proxy.count("AdminAddUserToGroup");
    expect(groupCalls).toBeGreaterThanOrEqual(N);
    expect(groupCalls).toBeLessThanOrEqual(N + kills);
    // Every user exactly once (a username is unique in a pool), and no job still running or pending.
    const all: string[] = [];
    let token: string | undefined;
    do {
      const page = await client.send(new ListUsersCommand({ UserPoolId: poolId, PaginationToken: token }));
      all.push(...(page.Users ?? []).map((u) => u.Username as string));
      token = page.PaginationToken;
    } while (token);
    expect(all.length).toBe(N);
    expect(new Set(all).size).toBe(N);
    const listed = await jobs();
    expect(listed.filter((j) => j.Status === "InProgress" || j.Status === "Pending")).toEqual([]);
    // Each part sent once: the Succeeded jobs' imported counts add up to the file and none skipped a
    // user (a part sent again would skip the users its first job made). A job made but never started
    // (killed before its journal entry) may be left Created: it expires unstarted.
    const succeeded = listed.filter((j) => j.Status === "Succeeded");
    expect(succeeded.reduce((n, j) => n + (j.ImportedUsers ?? 0), 0)).toBe(N);
    expect(succeeded.reduce((n, j) => n + (j.SkippedUsers ?? 0), 0)).toBe(0);
    expect(listed.every((j) => j.Status === "Succeeded" || j.Status === "Created")).toBe(true);
  }, 120_000);
});

describe("users import --via job --local (in process)", () => {
  const isolated = useIsolatedDirs("cogctl-import-job-local-");
  it("--create-role uses the fixed local role and says so; the job runs in this process", async () => {
    const env = isolated.env as Record<string, string>;
    const pool = JSON.parse(
      (
        await runCli(
          ["--local", "create-user-pool", "--pool-name", "localjob", "--auto-verified-attributes", "email"],
          { env },
        )
      ).stdout,
    ).UserPool.Id as string;
    // Existing before the run: skipped by the job, kept by --undo.
    const planted = await runCli(
      [
        "--local",
        "admin-create-user",
        "--user-pool-id",
        pool,
        "--username",
        "lc",
        "--message-action",
        "SUPPRESS",
      ],
      { env },
    );
    expect(planted.code, planted.stderr).toBe(0);
    const path = writeCsv(join(isolated.dir, "local.csv"), [userRow("la"), userRow("lc"), userRow("lb")]);
    const r = await runCli(
      [
        "--local",
        "users",
        "import",
        path,
        "--pool",
        pool,
        "--via",
        "job",
        "--create-role",
        "--poll-interval",
        "0.05",
        "--output",
        "json",
      ],
      { env },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain("--local: the embedded endpoint serves no IAM and checks no role");
    const { runId } = JSON.parse(r.stdout);
    const listed = JSON.parse(
      (
        await runCli(["--local", "list-user-import-jobs", "--user-pool-id", pool, "--max-results", "10"], {
          env,
        })
      ).stdout,
    ).UserImportJobs;
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({
      Status: "Succeeded",
      ImportedUsers: 2,
      SkippedUsers: 1,
      CloudWatchLogsRoleArn: "arn:aws:iam::000000000000:role/CognitoUserImport-CloudWatchLogs",
    });
    // The run in the one journal, with the job's counts; --undo deletes what the job created.
    const runs = JSON.parse(
      (await runCli(["--local", "users", "runs", "--output", "json"], { env })).stdout,
    ).Runs;
    expect(runs).toMatchObject([
      { RunId: runId, Via: "job", State: "finished", Imported: 2, Skipped: 1, Created: 2 },
    ]);
    const undone = await runCli(
      ["--local", "users", "import", "--undo", runId, "--yes", "--output", "json"],
      {
        env,
      },
    );
    expect(undone.code, undone.stderr).toBe(0);
    expect(JSON.parse(undone.stdout)).toMatchObject({ Deleted: 2, Kept: 0 });
    const left = JSON.parse(
      (await runCli(["--local", "list-users", "--user-pool-id", pool], { env })).stdout,
    ).Users.map((u: { Username: string }) => u.Username);
    expect(left).toEqual(["lc"]);
  });
});
