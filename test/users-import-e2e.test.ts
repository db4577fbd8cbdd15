// cogctl users import --via api end to end, against the embedded endpoint over HTTP (port 0) and
// moto_server: validation before anything is sent, --skip-invalid and the rejects file, groups and
// enabled columns applied after creation, existing users skipped, the run journal (users runs),
// --undo deleting only what the run created, --dry-run, and temporary passwords from a command never
// shown in stdout, stderr, --debug or the journal.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminInitiateAuthCommand,
  AdminListGroupsForUserCommand,
  type CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  ListUsersCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "./helpers/cli.js";
import { type Endpoint, endpoints } from "./helpers/endpoints.js";
import { applyEnv, isolatedAwsEnv, testClient } from "./helpers/env.js";
import { userRow, writeCsv } from "./helpers/import-csv.js";

describe.each(endpoints)("users import --via api, against the %s", (name, start) => {
  let endpoint: Endpoint;
  let client: CognitoIdentityProviderClient;
  let restoreEnv: () => void;
  let dir: string;
  let stateDir: string;
  let poolId: string;
  let serial = 0;

  const cog = (argv: string[]) =>
    runCli(["--endpoint-url", endpoint.url, ...argv], { env: { COGCTL_STATE_DIR: stateDir } });
  const usernames = async () => {
    const out: string[] = [];
    let token: string | undefined;
    do {
      const page = await client.send(new ListUsersCommand({ UserPoolId: poolId, PaginationToken: token }));
      out.push(...(page.Users ?? []).map((u) => u.Username as string));
      token = page.PaginationToken;
    } while (token);
    return out.sort();
  };
  const groupsOf = async (username: string) =>
    (
      (await client.send(new AdminListGroupsForUserCommand({ UserPoolId: poolId, Username: username })))
        .Groups ?? []
    )
      .map((g) => g.GroupName)
      .sort();
  const getUser = (username: string) =>
    client.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: username }));
  const file = (rows: Parameters<typeof writeCsv>[1], extra: string[] = []) =>
    writeCsv(join(dir, `users-${++serial}.csv`), rows, extra);

  beforeAll(async () => {
    restoreEnv = applyEnv(isolatedAwsEnv());
    endpoint = await start();
    client = testClient(endpoint.url);
    dir = await mkdtemp(join(tmpdir(), "import-e2e-"));
  }, 60_000);
  afterAll(async () => {
    client?.destroy();
    await endpoint?.close();
    restoreEnv?.();
  });
  beforeEach(async () => {
    // A pool and a journal per test: counts and runs never mix.
    const { UserPool } = await client.send(
      new CreateUserPoolCommand({ PoolName: `import${++serial}`, AutoVerifiedAttributes: ["email"] }),
    );
    poolId = UserPool?.Id as string;
    stateDir = join(dir, `state-${serial}`);
  });

  it("imports rows, applies cognito:groups and cognito:enabled, converts birthdates, skips existing users", async () => {
    await client.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: "admins" }));
    await client.send(
      new AdminCreateUserCommand({ UserPoolId: poolId, Username: "existing", MessageAction: "SUPPRESS" }),
    );
    const csv = file(
      [
        userRow("alice", { birthdate: "12/31/1990", "cognito:groups": "admins;staff", name: "Alice, A." }),
        userRow("bob", { "cognito:enabled": "false" }),
        userRow("carol", { "cognito:groups": "staff", "cognito:enabled": "true" }),
        userRow("existing", { "cognito:groups": "admins" }),
      ],
      ["cognito:groups", "cognito:enabled"],
    );
    const r = await cog(["users", "import", csv, "--pool", poolId, "--create-groups", "--output", "json"]);
    // moto_server has no GetCSVHeader: a note says the documented header is used instead.
    expect(r.stderr).toEqual(name === "moto_server" ? expect.stringContaining("GetCSVHeader") : "");
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary).toMatchObject({
      via: "api",
      pool: poolId,
      rows: 4,
      imported: 3,
      skipped: 1,
      failed: 0,
      invalid: 0,
    });
    expect(summary.runId).toMatch(/^\d{8}-\d{6}-[0-9a-f]{4}$/);
    expect(summary.rejectsFile).toBeUndefined();
    expect(await usernames()).toEqual(["alice", "bob", "carol", "existing"]);
    expect(await groupsOf("alice")).toEqual(["admins", "staff"]);
    expect(await groupsOf("carol")).toEqual(["staff"]);
    // Skipped like the job: an existing user is not touched at all.
    expect(await groupsOf("existing")).toEqual([]);
    const alice = await getUser("alice");
    const attr = (n: string) => alice.UserAttributes?.find((a) => a.Name === n)?.Value;
    expect(attr("birthdate")).toBe("1990-12-31");
    expect(attr("email_verified")).toBe("true");
    expect(attr("name")).toBe("Alice, A.");
    expect((await getUser("bob")).Enabled).toBe(false);
    expect((await getUser("carol")).Enabled).toBe(true);

    // The run is listed, finished, with its counts; importing the same file again is a new run of skips.
    const runs = JSON.parse((await cog(["users", "runs", "--output", "json"])).stdout).Runs;
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({
      RunId: summary.runId,
      State: "finished",
      Imported: 3,
      Skipped: 1,
      Via: "api",
    });
    const again = await cog(["users", "import", csv, "--pool", poolId, "--output", "json"]);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ imported: 0, skipped: 4, failed: 0 });
    expect(await usernames()).toEqual(["alice", "bob", "carol", "existing"]);
  });

  it("refuses invalid rows before sending anything, listing them at file:line:column; --skip-invalid imports the rest and writes exactly the invalid rows to the rejects file", async () => {
    const csv = file([
      userRow("dave"),
      userRow("erin", { email: "erin@" }),
      userRow("frank"),
      userRow("gina", { email_verified: "maybe" }),
    ]);
    const refused = await cog(["users", "import", csv, "--pool", poolId]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`${csv}:3:`);
    expect(refused.stderr).toMatch(/email: "erin@" is not an email address/);
    expect(refused.stderr).toContain(`${csv}:5:`);
    expect(refused.stderr).toMatch(/2 rows of 4 .* are invalid; nothing was imported/);
    expect(await usernames()).toEqual([]);

    const rejects = join(dir, `rejects-${serial}.csv`);
    const r = await cog(["users", "import", csv, "--pool", poolId, "--skip-invalid", "--rejects", rejects]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/imported\t2\n/);
    expect(r.stdout).toMatch(/invalid\t2\n/);
    expect(r.stdout).toContain(`rejects file\t${rejects}`);
    // The same words as --via job (one exit-code rule for both paths: via-job.ts's jobImportError).
    expect(r.stderr).toMatch(/2 of 4 rows were not imported \(2 imported, 0 skipped, 0 failed, 2 invalid\)/);
    expect(await usernames()).toEqual(["dave", "frank"]);
    const lines = readFileSync(rejects, "utf8").trimEnd().split("\n");
    const source = readFileSync(csv, "utf8").trimEnd().split("\n");
    expect(lines[0]).toBe(`${source[0]},cogctl:reason`);
    // The last unescaped comma starts the reason (which may hold escaped commas itself).
    expect(
      lines.slice(1).map((l) =>
        l
          .split(/(?<!\\),/)
          .slice(0, -1)
          .join(","),
      ),
    ).toEqual([source[2], source[4]]);
    expect(lines[1]).toMatch(/,"erin@" is not an email address$/);
    expect(lines).toHaveLength(3);
    expect(statSync(rejects).mode & 0o777).toBe(0o600);
  });

  it("refuses groups the pool lacks unless --create-groups, naming the line", async () => {
    const csv = file([userRow("hal"), userRow("ivy", { "cognito:groups": "ghosts" })], ["cognito:groups"]);
    const r = await cog(["users", "import", csv, "--pool", poolId]);
    expect(r.code).toBe(252);
    expect(r.stderr).toContain(`has no group ghosts (first named on ${csv}:3)`);
    expect(r.stderr).toContain("--create-groups");
    expect(await usernames()).toEqual([]);
  });

  it("--dry-run prints the plan and sends nothing", async () => {
    const csv = file([userRow("jo"), userRow("kim")]);
    const r = await cog(["users", "import", csv, "--pool", poolId, "--dry-run", "--rate", "20"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("via\tapi (2 rows, at most 5,000)");
    expect(r.stdout).toContain("pace\t20 AdminCreateUser/s, 10 at once");
    expect(r.stdout).toContain("eta\t1 s");
    expect(await usernames()).toEqual([]);
    expect(JSON.parse((await cog(["users", "runs", "--output", "json"])).stdout).Runs).toEqual([]);
  });

  it("--undo deletes the users the run created and never those it skipped; asks first", async () => {
    await client.send(
      new AdminCreateUserCommand({ UserPoolId: poolId, Username: "kept", MessageAction: "SUPPRESS" }),
    );
    const csv = file([userRow("leo"), userRow("kept"), userRow("mia")]);
    const { runId } = JSON.parse(
      (await cog(["users", "import", csv, "--pool", poolId, "--output", "json"])).stdout,
    );
    const refused = await cog(["users", "import", "--undo", runId]);
    expect(refused.code).toBe(252);
    expect(refused.stderr).toContain(`Would delete 2 users that import run ${runId} created`);
    expect(refused.stderr).toMatch(/ {2}leo\n {2}mia\n/);
    expect(await usernames()).toEqual(["kept", "leo", "mia"]);
    const r = await cog(["users", "import", "--undo", runId, "--yes"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/deleted\t2\n/);
    expect(await usernames()).toEqual(["kept"]);
    const [run] = JSON.parse((await cog(["users", "runs", "--output", "json"])).stdout).Runs;
    expect(run).toMatchObject({ RunId: runId, State: "undone", Deleted: 2, Created: 2 });
    // Undoing again finds nothing left to delete.
    const again = await cog(["users", "import", "--undo", runId, "--yes"]);
    expect(again.code).toBe(0);
    expect(await usernames()).toEqual(["kept"]);
  });

  it("takes temporary passwords from a command, and the password appears nowhere: stdout, stderr, --debug, journal", async () => {
    const secret = "Tmp-Secret-9f3Kq!x";
    const csv = file([userRow("nia"), userRow("oz")]);
    const command = `printf '%s' '${secret.slice(0, 9)}''${secret.slice(9)}'`;
    const r = await cog([
      "--debug",
      "users",
      "import",
      csv,
      "--pool",
      poolId,
      "--temporary-password-command",
      command,
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("AdminCreateUser");
    for (const text of [r.stdout, r.stderr]) expect(text).not.toContain(secret);
    const journalDir = join(stateDir, "import-runs");
    for (const f of readdirSync(journalDir)) {
      expect(readFileSync(join(journalDir, f)).includes(secret), f).toBe(false);
      expect(statSync(join(journalDir, f)).mode & 0o777).toBe(0o600);
    }
    expect(statSync(journalDir).mode & 0o777).toBe(0o700);
    if (name === "embedded endpoint") {
      // The user's temporary password is the command's output: signing in with it asks for a new one.
      const { UserPoolClient } = await client.send(
        new CreateUserPoolClientCommand({
          UserPoolId: poolId,
          ClientName: "app",
          ExplicitAuthFlows: ["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        }),
      );
      const auth = await client.send(
        new AdminInitiateAuthCommand({
          UserPoolId: poolId,
          ClientId: UserPoolClient?.ClientId,
          AuthFlow: "ADMIN_USER_PASSWORD_AUTH",
          AuthParameters: { USERNAME: "nia", PASSWORD: secret },
        }),
      );
      expect(auth.ChallengeName).toBe("NEW_PASSWORD_REQUIRED");
    }
  });

  it("takes temporary passwords from a cogctl: column, which is never an attribute; --resume refuses a finished run and another file", async () => {
    const csv = file(
      [
        userRow("pat", { "cogctl:password": "Col-Secret-1!x" }),
        userRow("quin", { "cogctl:password": "Col-Secret-2!y" }),
      ],
      ["cogctl:password"],
    );
    const r = await cog([
      "users",
      "import",
      csv,
      "--pool",
      poolId,
      "--temporary-password-column",
      "cogctl:password",
      "--output",
      "json",
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout + r.stderr).not.toContain("Col-Secret");
    const pat = await getUser("pat");
    expect(pat.UserStatus).toBe("FORCE_CHANGE_PASSWORD");
    expect(pat.UserAttributes?.map((a) => a.Name)).not.toContain("cogctl:password");
    const { runId } = JSON.parse(r.stdout);
    const finished = await cog(["users", "import", "--resume", runId]);
    expect(finished.code).toBe(252);
    expect(finished.stderr).toContain(`Import run ${runId} is finished: there is nothing to resume.`);
    const missing = await cog(["users", "import", "--resume", "20990101-000000-0000"]);
    expect(missing.code).toBe(252);
    expect(missing.stderr).toContain("No import run 20990101-000000-0000: see cogctl users runs.");
    const noColumn = await cog([
      "users",
      "import",
      file([userRow("ray")]),
      "--pool",
      poolId,
      "--temporary-password-column",
      "cogctl:pw",
    ]);
    expect(noColumn.code).toBe(252);
    expect(noColumn.stderr).toContain("--temporary-password-column cogctl:pw:");
  });
});
