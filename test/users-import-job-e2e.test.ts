// cogctl users import --via job end to end through the real CLI, against the embedded endpoint over
// HTTP (port 0) and in process (--local): validation first (--skip-invalid sends the rest), the
// job run in the endpoint's background, its CloudWatch Logs stream read back, the rejects file with
// the invalid rows as the original rows (an existing user is skipped, not rejected), groups and disabled
// states applied after the job, a split into serial jobs with a small threshold
// (COGCTL_IMPORT_MAX_ROWS_PER_JOB), --no-wait, and the role flags (--create-role with --local).

import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  type CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolCommand,
  ListUserImportJobsCommand,
  ListUsersCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { BIN, runCli, spawnCli } from "./helpers/cli.js";
import { applyEnv, isolatedAwsEnv } from "./helpers/env.js";
import { userRow, writeCsv } from "./helpers/import-csv.js";
import { type LocalHarness, startLocal } from "./helpers/local-server.js";

const ROLE = "arn:aws:iam::000000000000:role/CognitoImport";

describe("users import --via job against the embedded endpoint over HTTP", () => {
  let local: LocalHarness;
  let client: CognitoIdentityProviderClient;
  let restoreEnv: () => void;
  let dir: string;
  let poolId: string;
  let serial = 0;
  const cog = (argv: string[], env: Record<string, string> = {}) =>
    runCli(["--endpoint-url", local.server.url, ...argv], {
      env: { COGCTL_STATE_DIR: join(dir, "state"), ...env },
    });
  const file = (rows: Parameters<typeof writeCsv>[1], extra: string[] = []) =>
    writeCsv(join(dir, `users-${++serial}.csv`), rows, extra);
  const usernames = async () =>
    ((await client.send(new ListUsersCommand({ UserPoolId: poolId }))).Users ?? [])
      .map((u) => u.Username as string)
      .sort();
  const jobs = async () =>
    (await client.send(new ListUserImportJobsCommand({ UserPoolId: poolId, MaxResults: 60 })))
      .UserImportJobs ?? [];

  beforeAll(async () => {
    restoreEnv = applyEnv(isolatedAwsEnv());
    local = await startLocal();
    client = local.client;
    dir = await mkdtemp(join(tmpdir(), "import-job-e2e-"));
  });
  afterAll(async () => {
    await local?.close();
    restoreEnv?.();
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
    const r = await cog([
      "users",
      "import",
      path,
      "--pool",
      poolId,
      "--via",
      "job",
      "--role-arn",
      ROLE,
      "--skip-invalid",
      "--poll-interval",
      "0.05",
      "--output",
      "json",
    ]);
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
    const base = [
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
    const refused = await cog(base);
    expect(refused.code).toBe(252);
    expect(refused.stderr).toContain("has no group night-shift");
    expect(await jobs()).toHaveLength(0);
    const r = await cog([...base, "--create-groups"]);
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
    const r = await cog(
      [
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
        "--output",
        "json",
      ],
      { COGCTL_IMPORT_MAX_ROWS_PER_JOB: "3" },
    );
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

    const r = await cog([
      "users",
      "import",
      path,
      "--pool",
      poolId,
      "--via",
      "job",
      "--role-arn",
      ROLE,
      "--no-wait",
      "--output",
      "json",
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ via: "job" });
    const [job] = await jobs();
    expect(job).toBeDefined();

    // The same command again collects that job: no second one.
    const again = await cog([
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
      "--output",
      "json",
    ]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain("Resuming the import jobs of");
    expect(JSON.parse(again.stdout)).toMatchObject({ imported: 2, jobIds: [job.JobId] });
    expect(await jobs()).toHaveLength(1);
    expect(await usernames()).toEqual(["nw1", "nw2"]);
  });

  it("kill -9 at seeded random moments, then the same command: every user once, no job left running", async () => {
    const N = 1500;
    const path = file(Array.from({ length: N }, (_, i) => userRow(`k${i}`)));
    const env = {
      ...isolatedAwsEnv(),
      COGCTL_STATE_DIR: join(dir, "state-kill"),
      COGCTL_IMPORT_MAX_ROWS_PER_JOB: "500",
    };
    const argv = [
      "--endpoint-url",
      local.server.url,
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
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    // Each attempt is killed a seeded moment after it made a job: mid-upload, mid-job or mid-read-back.
    for (let attempt = 0; attempt < 3; attempt++) {
      const before = (await jobs()).length;
      const child = spawn(process.execPath, [BIN, ...argv], { env, stdio: "ignore" });
      const exited = new Promise((r) => child.on("exit", r));
      let ended = false;
      void exited.then(() => {
        ended = true;
      });
      while (!ended && (await jobs()).length === before) await new Promise((r) => setTimeout(r, 10));
      await new Promise((r) => setTimeout(r, random() * 400));
      child.kill("SIGKILL");
      await exited;
    }
    const last = await spawnCli(argv, { env, timeoutMs: 60_000 });
    expect(last.code, last.stderr).toBe(0);
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
  it("--create-role uses the fixed local role and says so; the job runs in this process", async () => {
    const dir = await mkdtemp(join(tmpdir(), "import-job-local-"));
    const env = {
      ...isolatedAwsEnv(),
      COGCTL_DATA_DIR: join(dir, "data"),
      COGCTL_STATE_DIR: join(dir, "state"),
      COGCTL_CONFIG_DIR: join(dir, "config"),
    };
    const restore = applyEnv(env);
    try {
      const pool = JSON.parse(
        (
          await runCli(
            ["--local", "create-user-pool", "--pool-name", "localjob", "--auto-verified-attributes", "email"],
            { env },
          )
        ).stdout,
      ).UserPool.Id as string;
      const path = writeCsv(join(dir, "local.csv"), [userRow("la"), userRow("lb")]);
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
        ],
        { env },
      );
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toContain("--local: the embedded endpoint serves no IAM and checks no role");
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
        CloudWatchLogsRoleArn: "arn:aws:iam::000000000000:role/CognitoUserImport-CloudWatchLogs",
      });
    } finally {
      restore();
    }
  });
});
