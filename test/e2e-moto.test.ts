// End to end against a real third-party endpoint: moto_server on a free port, driven through
// cogctl's main() in process (the real SDK client over HTTP) and, where the process boundary
// matters (exit codes, signals), through bin/cogctl.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runCli, runCliJson, runCliOk } from "./helpers/cli.js";
import { applyEnv, isolatedAwsEnv } from "./helpers/env.js";
import { type MotoServer, startMoto } from "./helpers/moto.js";
import { load as loadYaml } from "./helpers/yaml.js";

let moto: MotoServer;
let restoreEnv: () => void;

const cog = (...argv: string[]) => runCli(["--endpoint-url", moto.url, ...argv]);
const ok = (...argv: string[]) => runCliOk(["--endpoint-url", moto.url, ...argv]);
const json = (...argv: string[]) => runCliJson(["--endpoint-url", moto.url, ...argv]);

beforeAll(async () => {
  restoreEnv = applyEnv(isolatedAwsEnv());
  moto = await startMoto();
});
afterAll(async () => {
  await moto?.stop();
  restoreEnv?.();
});
beforeEach(async () => {
  await moto.reset();
});

async function newPool(name = "pool"): Promise<string> {
  return (await json("create-user-pool", "--pool-name", name)).UserPool.Id;
}

describe("user pool lifecycle", () => {
  it("creates, describes, updates, lists and deletes a pool", async () => {
    const created = await json(
      "create-user-pool",
      "--pool-name",
      "lifecycle",
      "--policies",
      "PasswordPolicy={MinimumLength=10,RequireNumbers=true}",
      "--auto-verified-attributes",
      "email",
    );
    const id = created.UserPool.Id as string;
    expect(id).toMatch(/^us-east-1_/);
    expect(created.UserPool.Policies.PasswordPolicy.MinimumLength).toBe(10);
    expect(created.UserPool.AutoVerifiedAttributes).toEqual(["email"]);

    const described = await json("describe-user-pool", "--user-pool-id", id);
    expect(described.UserPool.Name).toBe("lifecycle");
    // Timestamps print as ISO 8601, as AWS CLI v2 does.
    expect(described.UserPool.CreationDate).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?[+-]\d\d:\d\d$/,
    );

    await ok("update-user-pool", "--user-pool-id", id, "--user-pool-tags", "team=identity");
    const listed = await json("list-user-pools", "--max-results", "10");
    expect(listed.UserPools.map((p: { Id: string }) => p.Id)).toContain(id);

    const del = await ok("delete-user-pool", "--user-pool-id", id);
    expect(del.stdout).toBe(""); // empty output prints nothing, as the AWS CLI
    const gone = await cog("describe-user-pool", "--user-pool-id", id);
    expect(gone.code).toBe(254);
    expect(gone.stderr).toContain(
      "An error occurred (ResourceNotFoundException) when calling the DescribeUserPool operation",
    );
  });
});

describe("app client lifecycle", () => {
  it("creates a client with a secret, lists, updates and deletes it", async () => {
    const pool = await newPool();
    const c = await json(
      "create-user-pool-client",
      "--user-pool-id",
      pool,
      "--client-name",
      "web",
      "--generate-secret",
      "--explicit-auth-flows",
      "ALLOW_USER_SRP_AUTH",
      "ALLOW_REFRESH_TOKEN_AUTH",
    );
    const clientId = c.UserPoolClient.ClientId as string;
    expect(c.UserPoolClient.ClientSecret).toBeTruthy();
    expect(c.UserPoolClient.ExplicitAuthFlows).toEqual(["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]);
    const list = await json("list-user-pool-clients", "--user-pool-id", pool);
    expect(list.UserPoolClients.map((x: { ClientName: string }) => x.ClientName)).toEqual(["web"]);
    await ok(
      "update-user-pool-client",
      "--user-pool-id",
      pool,
      "--client-id",
      clientId,
      "--client-name",
      "web2",
    );
    expect(
      (await json("describe-user-pool-client", "--user-pool-id", pool, "--client-id", clientId))
        .UserPoolClient.ClientName,
    ).toBe("web2");
    await ok("delete-user-pool-client", "--user-pool-id", pool, "--client-id", clientId);
    expect((await json("list-user-pool-clients", "--user-pool-id", pool)).UserPoolClients).toEqual([]);
  });
});

describe("users and groups", () => {
  it("runs a user through create, get, update, disable, enable, groups and delete", async () => {
    const pool = await newPool();
    const created = await json(
      "admin-create-user",
      "--user-pool-id",
      pool,
      "--username",
      "alice",
      "--user-attributes",
      "Name=email,Value=alice@example.com",
      "Name=email_verified,Value=true",
      "--message-action",
      "SUPPRESS",
    );
    expect(created.User.Username).toBe("alice");
    expect(created.User.UserStatus).toBe("FORCE_CHANGE_PASSWORD");

    await ok(
      "admin-update-user-attributes",
      "--user-pool-id",
      pool,
      "--username",
      "alice",
      "--user-attributes",
      '[{"Name":"name","Value":"Alice A"}]',
    );
    const got = await json("admin-get-user", "--user-pool-id", pool, "--username", "alice");
    const attrs = Object.fromEntries(
      got.UserAttributes.map((a: { Name: string; Value: string }) => [a.Name, a.Value]),
    );
    expect(attrs).toMatchObject({ email: "alice@example.com", name: "Alice A" });

    await ok("admin-disable-user", "--user-pool-id", pool, "--username", "alice");
    expect((await json("admin-get-user", "--user-pool-id", pool, "--username", "alice")).Enabled).toBe(false);
    await ok("admin-enable-user", "--user-pool-id", pool, "--username", "alice");
    expect((await json("admin-get-user", "--user-pool-id", pool, "--username", "alice")).Enabled).toBe(true);

    await ok(
      "admin-set-user-password",
      "--user-pool-id",
      pool,
      "--username",
      "alice",
      "--password",
      "Sup3r-secret!",
      "--permanent",
    );
    expect((await json("admin-get-user", "--user-pool-id", pool, "--username", "alice")).UserStatus).toBe(
      "CONFIRMED",
    );

    await ok(
      "create-group",
      "--user-pool-id",
      pool,
      "--group-name",
      "admins",
      "--description",
      "Admins",
      "--precedence",
      "1",
    );
    await ok(
      "admin-add-user-to-group",
      "--user-pool-id",
      pool,
      "--username",
      "alice",
      "--group-name",
      "admins",
    );
    const inGroup = await json("list-users-in-group", "--user-pool-id", pool, "--group-name", "admins");
    expect(inGroup.Users.map((u: { Username: string }) => u.Username)).toEqual(["alice"]);
    const groups = await json("admin-list-groups-for-user", "--user-pool-id", pool, "--username", "alice");
    expect(groups.Groups[0]).toMatchObject({ GroupName: "admins", Precedence: 1 });
    await ok(
      "admin-remove-user-from-group",
      "--user-pool-id",
      pool,
      "--username",
      "alice",
      "--group-name",
      "admins",
    );
    await ok("delete-group", "--user-pool-id", pool, "--group-name", "admins");

    await ok("admin-delete-user", "--user-pool-id", pool, "--username", "alice");
    const missing = await cog("admin-get-user", "--user-pool-id", pool, "--username", "alice");
    expect(missing.code).toBe(254);
    expect(missing.stderr.trim()).toBe(
      "An error occurred (UserNotFoundException) when calling the AdminGetUser operation: User does not exist.",
    );
  });
});

describe("list-users filters and pagination", () => {
  let pool: string;
  beforeEach(async () => {
    pool = await newPool();
    for (const name of ["anna", "andy", "bob", "carl", "cora", "dave", "erin"]) {
      await ok(
        "admin-create-user",
        "--user-pool-id",
        pool,
        "--username",
        name,
        "--user-attributes",
        `Name=email,Value=${name}@example.com`,
      );
    }
  });

  it("filters with = and ^=", async () => {
    const exact = await json("list-users", "--user-pool-id", pool, "--filter", 'email = "bob@example.com"');
    expect(exact.Users.map((u: { Username: string }) => u.Username)).toEqual(["bob"]);
    const prefix = await json("list-users", "--user-pool-id", pool, "--filter", 'username ^= "an"');
    expect(prefix.Users.map((u: { Username: string }) => u.Username).sort()).toEqual(["andy", "anna"]);
  });

  it("follows pages with --page-size and stops at --max-items with a resumable NextToken", async () => {
    const all = await cog(
      "list-users",
      "--user-pool-id",
      pool,
      "--page-size",
      "2",
      "--debug",
      "--query",
      "Users[].Username",
    );
    expect(all.code).toBe(0);
    expect(JSON.parse(all.stdout)).toHaveLength(7);
    // 7 users at 2 a page: four requests.
    expect(all.stderr.match(/request: POST/g)).toHaveLength(4);

    const first = await json("list-users", "--user-pool-id", pool, "--max-items", "3", "--page-size", "2");
    expect(first.Users).toHaveLength(3);
    expect(typeof first.NextToken).toBe("string");
    expect(first.PaginationToken).toBeUndefined();
    const second = await json(
      "list-users",
      "--user-pool-id",
      pool,
      "--max-items",
      "3",
      "--page-size",
      "2",
      "--starting-token",
      first.NextToken,
    );
    const third = await json("list-users", "--user-pool-id", pool, "--starting-token", second.NextToken);
    const names = [...first.Users, ...second.Users, ...third.Users].map(
      (u: { Username: string }) => u.Username,
    );
    expect(new Set(names).size).toBe(7);
    expect(third.NextToken).toBeUndefined();
  });

  it("makes one call with --no-paginate or a hand-passed limit", async () => {
    const one = await json("list-users", "--user-pool-id", pool, "--limit", "2");
    expect(one.Users).toHaveLength(2);
    expect(typeof one.PaginationToken).toBe("string");
    const noPaginate = await json("list-users", "--user-pool-id", pool, "--no-paginate", "--page-size", "5");
    expect(noPaginate.Users.length).toBeLessThanOrEqual(7);
  });

  it("applies --query before every output format", async () => {
    const q = [
      "list-users",
      "--user-pool-id",
      pool,
      "--filter",
      'username ^= "c"',
      "--query",
      "Users[].Username",
    ];
    expect(JSON.parse((await ok(...q)).stdout).sort()).toEqual(["carl", "cora"]);
    expect((await ok(...q, "--output", "text")).stdout.trim().split("\t").sort()).toEqual(["carl", "cora"]);
    expect((loadYaml((await ok(...q, "--output", "yaml")).stdout) as string[]).sort()).toEqual([
      "carl",
      "cora",
    ]);
    const stream = (await ok(...q, "--output", "yaml-stream")).stdout;
    expect(stream).toContain("carl");
    const table = (await ok(...q, "--output", "table")).stdout;
    expect(table).toContain("carl");
    expect(table).toContain("cora");
    expect(table).not.toContain("bob");
  });
});
