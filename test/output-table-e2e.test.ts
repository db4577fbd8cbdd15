// --output table end to end: the real CLI (bin/cogctl, stdout a pipe) against moto_server and the
// embedded endpoint over HTTP. A pipe gets every value whole, whatever COLUMNS says; on a terminal
// (in process, stdout a TTY) the boxes fit COLUMNS and still cut nothing.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { runCli, spawnCli } from "./helpers/cli.js";
import { applyEnv, isolatedAwsEnv } from "./helpers/env.js";
import { type LocalHarness, startLocal } from "./helpers/local-server.js";
import { type MotoServer, startMoto } from "./helpers/moto.js";

let moto: MotoServer;
let local: LocalHarness;
beforeAll(async () => {
  [moto, local] = await Promise.all([startMoto(), startLocal()]);
}, 60_000);
afterAll(async () => {
  await Promise.all([moto?.stop(), local?.close()]);
});

const env = isolatedAwsEnv({ COLUMNS: "80" });
const USERNAME = "table-e2e-user-with-a-long-name@example.com";

interface Fixture {
  url: string;
  poolId: string;
}

async function seed(url: string): Promise<Fixture> {
  const cli = (...argv: string[]) => spawnCli(["--endpoint-url", url, ...argv], { env });
  const created = await cli(
    "create-user-pool",
    "--pool-name",
    "table-e2e",
    "--query",
    "UserPool.Id",
    "--output",
    "text",
  );
  expect(created.stderr).toBe("");
  await cli("create-user-pool", "--pool-name", "table-e2e-second");
  const poolId = created.stdout.trim();
  const user = await cli("admin-create-user", "--user-pool-id", poolId, "--username", USERNAME);
  expect(user.code).toBe(0);
  return { url, poolId };
}

describe.each([
  ["moto_server", () => moto.url],
  ["the embedded endpoint", () => local.server.url],
])("against %s", (_name, urlOf) => {
  let fixture: Fixture;
  beforeAll(async () => {
    fixture = await seed(urlOf());
  }, 60_000);
  const cli = (...argv: string[]) => spawnCli(["--endpoint-url", fixture.url, ...argv], { env });

  test("a pipe gets whole ids, usernames, statuses and the NextToken, even with COLUMNS=80", async () => {
    // --max-results by hand: one call, and the service's own NextToken printed as it came.
    const json = await cli("list-user-pools", "--max-results", "1");
    const { NextToken, UserPools } = JSON.parse(json.stdout) as {
      NextToken: string;
      UserPools: { Id: string }[];
    };
    expect(NextToken.length).toBeGreaterThan(20);

    const pools = await cli("list-user-pools", "--max-results", "1", "--output", "table");
    expect(pools.code).toBe(0);
    expect(pools.stdout).toContain(` ${UserPools[0].Id} `);
    expect(pools.stdout).toContain(` ${NextToken} `);
    expect(pools.stdout).not.toContain("…");

    const users = await cli("list-users", "--user-pool-id", fixture.poolId, "--output", "table");
    expect(users.stdout).toContain(` ${USERNAME} `);
    expect(users.stdout).toContain(" FORCE_CHANGE_PASSWORD ");
    expect(users.stdout).not.toContain("…");
    // The natural layout: the user's columns side by side on one line, wider than COLUMNS.
    expect(users.stdout).toMatch(/│\s+Username\s+│\s+UserCreateDate\s+│/);
    expect(Math.max(...users.stdout.split("\n").map((line) => line.length))).toBeGreaterThan(80);
  });

  test("columns come in the model's member order, not the alphabet's", async () => {
    const user = await cli(
      "admin-get-user",
      "--user-pool-id",
      fixture.poolId,
      "--username",
      USERNAME,
      "--output",
      "table",
    );
    const at = (key: string) => user.stdout.search(new RegExp(`│ ${key} +│`));
    // AdminGetUserResponse: Username, UserAttributes, UserCreateDate, UserLastModifiedDate, Enabled, UserStatus.
    const order = ["Username", "UserCreateDate", "UserLastModifiedDate", "Enabled", "UserStatus"].map(at);
    expect(order.every((index) => index >= 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  test("on a terminal the boxes fit COLUMNS, and the username and status stay whole", async () => {
    const restore = applyEnv(env);
    try {
      for (const columns of ["80", "100"]) {
        const out = await runCli(
          [
            "--endpoint-url",
            fixture.url,
            "list-users",
            "--user-pool-id",
            fixture.poolId,
            "--output",
            "table",
          ],
          { stdoutTTY: true, env: { ...env, COLUMNS: columns } },
        );
        expect(out.code).toBe(0);
        const widest = Math.max(
          ...out.stdout
            .trimEnd()
            .split("\n")
            .map((line) => line.length),
        );
        expect(widest).toBeLessThanOrEqual(Number(columns));
        expect(out.stdout).toContain(` ${USERNAME} `);
        expect(out.stdout).toContain(" FORCE_CHANGE_PASSWORD ");
        expect(out.stdout).not.toContain("…");
      }
    } finally {
      restore();
    }
  });
});
