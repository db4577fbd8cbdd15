import {
  type CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  CreateUserPoolDomainCommand,
  DescribeUserPoolCommand,
  DescribeUserPoolDomainCommand,
  GetUserPoolMfaConfigCommand,
  ListUserPoolsCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scriptedPrompter } from "./helpers/auth.js";
import { runCli } from "./helpers/cli.js";
import { type Endpoint, endpoints } from "./helpers/endpoints.js";
import { applyEnv, isolatedAwsEnv, testClient, useIsolatedDirs } from "./helpers/env.js";

const fields = (stdout: string) =>
  Object.fromEntries(
    stdout
      .trimEnd()
      .split("\n")
      .map((l) => {
        const [k, ...v] = l.split("\t");
        return [k, v.join("\t")];
      }),
  );

describe.each(endpoints)("pools commands against the %s", (_name, start) => {
  let endpoint: Endpoint;
  let client: CognitoIdentityProviderClient;
  let restoreEnv: () => void;
  let demoId: string;

  const cog = (argv: string[], opts: Parameters<typeof runCli>[1] = {}) =>
    runCli(["--endpoint-url", endpoint.url, ...argv], opts);
  const poolIdsNamed = async (name: string) =>
    ((await client.send(new ListUserPoolsCommand({ MaxResults: 60 }))).UserPools ?? [])
      .filter((p) => p.Name === name)
      .map((p) => p.Id!);

  beforeAll(async () => {
    restoreEnv = applyEnv(isolatedAwsEnv({ COGCTL_POOL: undefined }));
    endpoint = await start();
    client = testClient(endpoint.url);
    demoId = (await client.send(new CreateUserPoolCommand({ PoolName: "demo" }))).UserPool!.Id!;
    await client.send(new CreateUserPoolClientCommand({ UserPoolId: demoId, ClientName: "web" }));
    await client.send(new CreateUserPoolClientCommand({ UserPoolId: demoId, ClientName: "backend" }));
    await client.send(new CreateGroupCommand({ UserPoolId: demoId, GroupName: "admins" }));
    for (let i = 0; i < 2; i++) await client.send(new CreateUserPoolCommand({ PoolName: "twin" }));
  });
  afterAll(async () => {
    client?.destroy();
    await endpoint?.close();
    restoreEnv?.();
  });

  describe("pools list", () => {
    it("prints tab-separated name, id, created, modified in a pipe; --details adds protection, users, MFA", async () => {
      const r = await cog(["pools", "list"]);
      expect(r).toMatchObject({ code: 0, stderr: "" });
      const rows = r.stdout
        .trimEnd()
        .split("\n")
        .map((l) => l.split("\t"));
      const demo = rows.find((row) => row[0] === "demo")!;
      expect(demo).toHaveLength(4);
      expect(demo[1]).toBe(demoId);
      expect(demo[2]).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(rows.filter((row) => row[0] === "twin")).toHaveLength(2);

      const details = await cog(["pools", "list", "--details"]);
      expect(details.code, details.stderr).toBe(0);
      const row = details.stdout
        .split("\n")
        .map((l) => l.split("\t"))
        .find((cells) => cells[1] === demoId)!;
      expect(row.slice(4)).toEqual(["INACTIVE", "0", "OFF"]);
    });

    it("prints a table with a header on a terminal; at 80 columns nothing is wider and ids stay whole", async () => {
      const wide = await cog(["pools", "list", "--details"], { stdoutTTY: true, columns: 160 });
      expect(wide.code, wide.stderr).toBe(0);
      const lines = wide.stdout.trimEnd().split("\n");
      expect(lines[0]).toMatch(/^NAME\s+ID\s+CREATED\s+MODIFIED\s+PROTECTION\s+USERS\s+MFA$/);
      expect(lines.find((l) => l.startsWith("demo "))).toMatch(
        new RegExp(`^demo\\s+${demoId}\\s+(just now|.* ago)\\s+(just now|.* ago)\\s+INACTIVE\\s+0\\s+OFF$`),
      );
      const narrow = await cog(["pools", "list", "--details"], { stdoutTTY: true, columns: 80 });
      expect(narrow.code, narrow.stderr).toBe(0);
      for (const line of narrow.stdout.trimEnd().split("\n")) expect(line.length).toBeLessThanOrEqual(80);
      expect(narrow.stdout).toContain(demoId);
    });

    it("prints the ListUserPools shape with --output json, and --query applies", async () => {
      const r = await cog(["pools", "list", "--output", "json", "--query", "UserPools[?Name=='demo'].Id"]);
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toEqual([demoId]);
    });
  });

  describe("pools show", () => {
    it.each([
      ["name", () => "demo"],
      ["id", () => demoId],
    ])("shows a pool by %s: sign-in, MFA, policy, users, clients, groups, protection", async (_by, ref) => {
      const r = await cog(["pools", "show", ref()]);
      expect(r.code, r.stderr).toBe(0);
      expect(fields(r.stdout)).toMatchObject({
        name: "demo",
        id: demoId,
        "sign-in": "username",
        mfa: "OFF",
        "estimated users": "0",
        "app clients": "2",
        groups: "1",
        "deletion protection": "INACTIVE",
      });
      expect(fields(r.stdout)["password policy"]).toMatch(/^min \d+ characters/);
      // Created without UsernameConfiguration: case-sensitive, said rather than left blank.
      expect(fields(r.stdout)["case-sensitive"]).toMatch(/^yes/);
    });

    it("gives DescribeUserPool's shape plus the counts with --output json and --query", async () => {
      const r = await cog([
        "pools",
        "show",
        "demo",
        "--output",
        "json",
        "--query",
        "[UserPool.Id, ClientCount, GroupCount]",
      ]);
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toEqual([demoId, 2, 1]);
    });

    it("takes the pool from COGCTL_POOL when no argument is given", async () => {
      const r = await cog(["pools", "show"], { env: { COGCTL_POOL: "demo" } });
      expect(r.code, r.stderr).toBe(0);
      expect(fields(r.stdout).id).toBe(demoId);
    });

    it("ambiguous and missing names exit 252 saying what matched", async () => {
      const [a, b] = await poolIdsNamed("twin");
      const twin = await cog(["pools", "show", "twin"]);
      expect(twin.code).toBe(252);
      expect(twin.stderr).toContain(`2 user pools have that name (${a}, ${b})`);
      const none = await cog(["pools", "show", "nobody-has-this"]);
      expect(none.code).toBe(252);
      expect(none.stderr).toMatch(
        /POOL nobody-has-this: no user pool has that name or id.*cogctl pools list/,
      );
    });
  });

  describe("pools create", () => {
    it("creates a pool with email sign-in, TOTP MFA and deletion protection", async () => {
      const r = await cog([
        "pools",
        "create",
        "customers",
        "--username-attributes",
        "email",
        "--mfa",
        "optional",
        "--deletion-protection",
      ]);
      expect(r.code, r.stderr).toBe(0);
      const shown = fields(r.stdout);
      expect(shown).toMatchObject({ name: "customers", "sign-in": "email", "deletion protection": "ACTIVE" });
      const [id] = await poolIdsNamed("customers");
      expect(shown.id).toBe(id);
      const pool = (await client.send(new DescribeUserPoolCommand({ UserPoolId: id }))).UserPool!;
      expect(pool.UsernameAttributes).toEqual(["email"]);
      expect(pool.AutoVerifiedAttributes).toEqual(["email"]);
      expect(pool.DeletionProtection).toBe("ACTIVE");
      const mfa = await client.send(new GetUserPoolMfaConfigCommand({ UserPoolId: id }));
      expect(mfa.MfaConfiguration).toBe("OPTIONAL");
      expect(mfa.SoftwareTokenMfaConfiguration?.Enabled).toBe(true);
      const again = await cog([
        "pools",
        "show",
        "customers",
        "--output",
        "json",
        "--query",
        "UserPool.MfaConfiguration",
      ]);
      expect(JSON.parse(again.stdout)).toBe("OPTIONAL");
    });

    it("--verify sets the automatically verified attributes; a bad one is 252 before any call", async () => {
      const r = await cog(["pools", "create", "importable", "--verify", "email"]);
      expect(r.code, r.stderr).toBe(0);
      expect(fields(r.stdout)["verified automatically"]).toBe("email");
      const [id] = await poolIdsNamed("importable");
      const pool = (await client.send(new DescribeUserPoolCommand({ UserPoolId: id }))).UserPool!;
      expect(pool.AutoVerifiedAttributes).toEqual(["email"]);
      expect(pool.UsernameAttributes ?? []).toEqual([]);
      const bad = await cog(["pools", "create", "x3", "--verify", "nickname"]);
      expect(bad.code).toBe(252);
      expect(bad.stderr).toContain("--verify nickname: give email, phone, or both.");
      expect(await poolIdsNamed("x3")).toEqual([]);
    });

    it("refuses a name a pool already has unless --allow-duplicate-name", async () => {
      const refused = await cog(["pools", "create", "demo"]);
      expect(refused.code).toBe(252);
      expect(refused.stderr).toContain(`A user pool named demo exists already (${demoId})`);
      expect(refused.stderr).toContain("--allow-duplicate-name");
      expect(await poolIdsNamed("demo")).toHaveLength(1);
      const r = await cog([
        "pools",
        "create",
        "demo",
        "--allow-duplicate-name",
        "--output",
        "json",
        "--query",
        "UserPool.Id",
      ]);
      expect(r.code, r.stderr).toBe(0);
      const ids = await poolIdsNamed("demo");
      expect(ids).toHaveLength(2);
      expect(ids).toContain(JSON.parse(r.stdout));
      // Leave one demo for the other tests.
      const gone = await cog(["pools", "delete", JSON.parse(r.stdout), "--yes"]);
      expect(gone.code, gone.stderr).toBe(0);
      expect(await poolIdsNamed("demo")).toEqual([demoId]);
    });

    it("rejects unknown --mfa and --username-attributes values before any request", async () => {
      const mfa = await cog(["pools", "create", "x1", "--mfa", "sometimes"]);
      expect(mfa.code).toBe(252);
      expect(mfa.stderr).toMatch(/--mfa sometimes: give off, optional or on/);
      const attr = await cog(["pools", "create", "x2", "--username-attributes", "nickname"]);
      expect(attr.code).toBe(252);
      expect(await poolIdsNamed("x1")).toEqual([]);
      expect(await poolIdsNamed("x2")).toEqual([]);
    });
  });

  describe("pools delete", () => {
    it("refuses without a terminal or --yes (252), --dry-run prints the plan, --yes deletes", async () => {
      await client.send(new CreateUserPoolCommand({ PoolName: "scratch" }));
      const [id] = await poolIdsNamed("scratch");
      const refused = await cog(["pools", "delete", "scratch"]);
      expect(refused.code).toBe(252);
      expect(refused.stderr).toContain(`Would delete user pool scratch (${id})`);
      expect(refused.stderr).toMatch(/--yes/);
      const dry = await cog(["pools", "delete", "scratch", "--dry-run"]);
      expect(dry.code).toBe(0);
      expect(dry.stdout).toMatch(/^Would delete user pool scratch/);
      expect(await poolIdsNamed("scratch")).toEqual([id]);
      const done = await cog(["pools", "delete", "scratch", "--yes"]);
      expect(done).toMatchObject({ code: 0, stdout: "" });
      expect(await poolIdsNamed("scratch")).toEqual([]);
    });

    it("on a terminal makes you type the pool's name", async () => {
      await client.send(new CreateUserPoolCommand({ PoolName: "typed" }));
      const [id] = await poolIdsNamed("typed");
      const wrong = scriptedPrompter([[/Type typed to confirm/, "typo"]]);
      const refused = await cog(["pools", "delete", id], {
        stdinTTY: true,
        stderrTTY: true,
        prompter: wrong,
      });
      expect(refused.code).toBe(130);
      expect(await poolIdsNamed("typed")).toEqual([id]);
      const right = scriptedPrompter([[/Type typed to confirm/, "typed"]]);
      const r = await cog(["pools", "delete", id], { stdinTTY: true, stderrTTY: true, prompter: right });
      expect(r.code, r.stderr).toBe(0);
      expect(right.asked).toHaveLength(1);
      expect(r.stderr).toContain(`Deleted user pool typed (${id})`);
      expect(await poolIdsNamed("typed")).toEqual([]);
    });

    it("honours deletion protection even with --yes, saying how to turn it off", async () => {
      await client.send(new CreateUserPoolCommand({ PoolName: "guarded", DeletionProtection: "ACTIVE" }));
      const [id] = await poolIdsNamed("guarded");
      for (const flag of ["--yes", "--dry-run"]) {
        const r = await cog(["pools", "delete", "guarded", flag]);
        expect(r.code).toBe(252);
        expect(r.stdout).toBe("");
        expect(r.stderr).toContain(`guarded (${id}) has deletion protection on`);
        expect(r.stderr).toContain(`--deletion-protection INACTIVE`);
      }
      expect(await poolIdsNamed("guarded")).toEqual([id]);
    });

    it("deletes the pool's domain first (Cognito refuses a pool that still has one)", async () => {
      await client.send(new CreateUserPoolCommand({ PoolName: "hosted" }));
      const [id] = await poolIdsNamed("hosted");
      const prefix = `hosted-${id.split("_")[1].toLowerCase()}`;
      await client.send(new CreateUserPoolDomainCommand({ UserPoolId: id, Domain: prefix }));
      const dry = await cog(["pools", "delete", "hosted", "--dry-run"]);
      expect(dry.stdout).toContain(`domain ${prefix}`);
      const r = await cog(["pools", "delete", "hosted", "--yes"]);
      expect(r.code, r.stderr).toBe(0);
      expect(await poolIdsNamed("hosted")).toEqual([]);
      const domain = await client.send(new DescribeUserPoolDomainCommand({ Domain: prefix }));
      expect(domain.DomainDescription?.UserPoolId ?? undefined).toBeUndefined();
    });

    it("ambiguous names delete nothing", async () => {
      const before = await poolIdsNamed("twin");
      const r = await cog(["pools", "delete", "twin", "--yes"]);
      expect(r.code).toBe(252);
      expect(r.stderr).toContain("2 user pools have that name");
      expect(await poolIdsNamed("twin")).toEqual(before);
    });
  });

  it("every pools command has examples in its help", async () => {
    for (const verb of ["list", "show", "create", "delete"]) {
      const r = await cog(["pools", verb, "--help"]);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`\\nExamples:\\n[\\s\\S]*\\n {4}cogctl pools ${verb}`));
    }
  });
});

describe("pools and clients with --local (the embedded endpoint in process)", () => {
  useIsolatedDirs("cogctl-pools-local-");

  it("creates a pool and a client, shows them by name, and deletes both", async () => {
    const local = (argv: string[]) => runCli(["--local", ...argv]);
    const pool = await local(["pools", "create", "offline", "--output", "json", "--query", "UserPool.Id"]);
    expect(pool.code, pool.stderr).toBe(0);
    const id = JSON.parse(pool.stdout);
    expect((await local(["config", "set", "pool", "offline"])).code).toBe(0);
    const app = await local(["clients", "create", "app", "--generate-secret"]);
    expect(app.code, app.stderr).toBe(0);
    const secret = await local(["clients", "secret", "app"]);
    expect(secret.stdout).toMatch(/^\w{20,}\n$/);
    const shown = await local(["pools", "show", "--output", "json", "--query", "[UserPool.Id, ClientCount]"]);
    expect(JSON.parse(shown.stdout)).toEqual([id, 1]);
    expect((await local(["clients", "delete", "app", "--yes"])).code).toBe(0);
    expect((await local(["pools", "delete", "offline", "--yes"])).code).toBe(0);
    const gone = await local(["pools", "show"]);
    expect(gone.code).toBe(252);
    expect(gone.stderr).toContain("The default pool offline of profile default");
  });
});
