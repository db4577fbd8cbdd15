// clients list|show|create|delete|secret end to end, in process through main() and the real SDK
// over HTTP, against the embedded endpoint (port 0) and moto_server: clients by name and id, a
// name two clients share, pipes, terminal tables, JSON with --query, the secret masked everywhere
// but `clients secret` (in --debug traces too), the confirmation guard.
import {
  type CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DescribeUserPoolClientCommand,
  ListUserPoolClientsCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scriptedPrompter } from "./helpers/auth.js";
import { runCli } from "./helpers/cli.js";
import { type Endpoint, endpoints } from "./helpers/endpoints.js";
import { applyEnv, isolatedAwsEnv, testClient } from "./helpers/env.js";

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

describe.each(endpoints)("clients commands against the %s", (_name, start) => {
  let endpoint: Endpoint;
  let client: CognitoIdentityProviderClient;
  let restoreEnv: () => void;
  let poolId: string;
  let webId: string;
  let backendId: string;
  let backendSecret: string;
  let twinIds: string[];

  const cog = (argv: string[], opts: Parameters<typeof runCli>[1] = {}) =>
    runCli(["--endpoint-url", endpoint.url, ...argv], opts);
  const clientsNamed = async (name: string) =>
    (
      (await client.send(new ListUserPoolClientsCommand({ UserPoolId: poolId, MaxResults: 60 })))
        .UserPoolClients ?? []
    )
      .filter((c) => c.ClientName === name)
      .map((c) => c.ClientId!);
  const createClient = async (name: string, secret = false) =>
    (
      await client.send(
        new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: name, GenerateSecret: secret }),
      )
    ).UserPoolClient!;

  beforeAll(async () => {
    restoreEnv = applyEnv(isolatedAwsEnv({ COGCTL_POOL: undefined }));
    endpoint = await start();
    client = testClient(endpoint.url);
    poolId = (await client.send(new CreateUserPoolCommand({ PoolName: "apps" }))).UserPool!.Id!;
    webId = (await createClient("web")).ClientId!;
    const backend = await createClient("backend", true);
    backendId = backend.ClientId!;
    backendSecret = backend.ClientSecret!;
    twinIds = [(await createClient("twin")).ClientId!, (await createClient("twin")).ClientId!];
  });
  afterAll(async () => {
    client?.destroy();
    await endpoint?.close();
    restoreEnv?.();
  });

  describe("clients list", () => {
    it("prints name and id tab-separated in a pipe, a table on a terminal, never a secret", async () => {
      const r = await cog(["clients", "list", "--pool", "apps"]);
      expect(r).toMatchObject({ code: 0, stderr: "" });
      const rows = r.stdout
        .trimEnd()
        .split("\n")
        .map((l) => l.split("\t"));
      expect(rows).toContainEqual(["web", webId]);
      expect(rows).toContainEqual(["backend", backendId]);
      expect(
        rows
          .filter((row) => row[0] === "twin")
          .map((row) => row[1])
          .sort(),
      ).toEqual([...twinIds].sort());
      const tty = await cog(["clients", "list", "--pool", poolId], { stdoutTTY: true, columns: 80 });
      expect(tty.code, tty.stderr).toBe(0);
      const lines = tty.stdout.trimEnd().split("\n");
      expect(lines[0]).toMatch(/^NAME\s+ID$/);
      expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^backend\\s+${backendId}$`)));
      expect(r.stdout + tty.stdout).not.toContain(backendSecret);
    });

    it("prints the ListUserPoolClients shape with --output json, and --query applies", async () => {
      const r = await cog([
        "clients",
        "list",
        "--pool",
        "apps",
        "--output",
        "json",
        "--query",
        "UserPoolClients[?ClientName=='web'].ClientId",
      ]);
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toEqual([webId]);
    });
  });

  describe("clients show", () => {
    it.each([
      ["name", () => "backend"],
      ["id", () => backendId],
    ])("shows a client by %s with its secret masked", async (_by, ref) => {
      const r = await cog(["clients", "show", ref(), "--pool", "apps", "--debug"]);
      expect(r.code, r.stderr).toBe(0);
      const shown = fields(r.stdout);
      expect(shown).toMatchObject({ name: "backend", id: backendId, pool: `apps (${poolId})` });
      expect(shown.secret).toBe("**** (cogctl clients secret backend --pool apps)");
      expect(r.stdout + r.stderr).not.toContain(backendSecret);
      const web = await cog(["clients", "show", "web", "--pool", "apps"]);
      expect(fields(web.stdout).secret).toBe("none");
    });

    it("masks the secret in JSON too; --query applies", async () => {
      const r = await cog(["clients", "show", "backend", "--pool", "apps", "--output", "json"]);
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout).UserPoolClient).toMatchObject({
        ClientId: backendId,
        ClientSecret: "****",
      });
      expect(r.stdout).not.toContain(backendSecret);
      const q = await cog([
        "clients",
        "show",
        "web",
        "--pool",
        "apps",
        "--query",
        "UserPoolClient.ClientName",
      ]);
      expect(JSON.parse(q.stdout)).toBe("web");
    });

    it("a name two clients share is an error listing both ids; a missing one says how to list them", async () => {
      const twin = await cog(["clients", "show", "twin", "--pool", "apps"]);
      expect(twin.code).toBe(252);
      const listed = /'twin': 2 app clients in apps \((\S+)\) have that name \(([^)]*)\)/.exec(twin.stderr);
      expect(listed?.[1]).toBe(poolId);
      expect(listed?.[2].split(", ").sort()).toEqual([...twinIds].sort());
      const byId = await cog(["clients", "show", twinIds[1], "--pool", "apps"]);
      expect(fields(byId.stdout).id).toBe(twinIds[1]);
      const none = await cog(["clients", "show", "nobody", "--pool", "apps"]);
      expect(none.code).toBe(252);
      expect(none.stderr).toMatch(/No app client 'nobody' in apps .*cogctl clients list --pool apps/);
      const nopool = await cog(["clients", "list"]);
      expect(nopool.code).toBe(252);
      expect(nopool.stderr).toMatch(/--pool NAME\|ID/);
    });
  });

  describe("clients secret", () => {
    it("prints the secret, and only when asked with this verb", async () => {
      const r = await cog(["clients", "secret", "backend", "--pool", "apps"]);
      expect(r).toMatchObject({ code: 0, stdout: `${backendSecret}\n`, stderr: "" });
      const json = await cog(["clients", "secret", backendId, "--pool", "apps", "--output", "json"]);
      expect(JSON.parse(json.stdout)).toEqual({ ClientId: backendId, ClientSecret: backendSecret });
      const none = await cog(["clients", "secret", "web", "--pool", "apps"]);
      expect(none.code).toBe(252);
      expect(none.stderr).toMatch(/has no secret/);
    });
  });

  describe("clients create", () => {
    it("creates a client with SRP and refresh by default; a secret stays masked", async () => {
      const r = await cog(["clients", "create", "mobile", "--pool", "apps"]);
      expect(r.code, r.stderr).toBe(0);
      const [id] = await clientsNamed("mobile");
      expect(fields(r.stdout)).toMatchObject({ name: "mobile", id, secret: "none" });
      const made = await client.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: id }));
      expect(made.UserPoolClient?.ExplicitAuthFlows?.sort()).toEqual([
        "ALLOW_REFRESH_TOKEN_AUTH",
        "ALLOW_USER_SRP_AUTH",
      ]);

      const s = await cog(
        [
          "clients",
          "create",
          "server",
          "--pool",
          "apps",
          "--generate-secret",
          "--auth-flows",
          "admin",
          "refresh",
          "--output",
          "json",
        ],
        { stderrTTY: true },
      );
      expect(s.code, s.stderr).toBe(0);
      const created = JSON.parse(s.stdout).UserPoolClient;
      expect(created.ClientSecret).toBe("****");
      const real = await client.send(
        new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: created.ClientId }),
      );
      expect(real.UserPoolClient?.ClientSecret).toBeTruthy();
      expect(s.stdout + s.stderr).not.toContain(real.UserPoolClient!.ClientSecret!);
      expect(real.UserPoolClient?.ExplicitAuthFlows?.sort()).toEqual([
        "ALLOW_ADMIN_USER_PASSWORD_AUTH",
        "ALLOW_REFRESH_TOKEN_AUTH",
      ]);
    });

    it("refuses a name another client has unless --allow-duplicate-name; bad flows are 252", async () => {
      const refused = await cog(["clients", "create", "web", "--pool", "apps"]);
      expect(refused.code).toBe(252);
      expect(refused.stderr).toContain(`has an app client named web already (${webId})`);
      expect(await clientsNamed("web")).toEqual([webId]);
      const flows = await cog(["clients", "create", "odd", "--pool", "apps", "--auth-flows", "telepathy"]);
      expect(flows.code).toBe(252);
      expect(await clientsNamed("odd")).toEqual([]);
      const dup = await cog(["clients", "create", "web", "--pool", "apps", "--allow-duplicate-name"]);
      expect(dup.code, dup.stderr).toBe(0);
      expect(await clientsNamed("web")).toHaveLength(2);
    });
  });

  describe("clients delete", () => {
    it("refuses without a terminal or --yes, --dry-run changes nothing, a terminal asks, --yes deletes", async () => {
      const id = (await createClient("old")).ClientId!;
      const refused = await cog(["clients", "delete", "old", "--pool", "apps"]);
      expect(refused.code).toBe(252);
      expect(refused.stderr).toContain(`Would delete app client old (${id}) from pool apps (${poolId})`);
      const dry = await cog(["clients", "delete", "old", "--pool", "apps", "--dry-run"]);
      expect(dry.code).toBe(0);
      expect(dry.stdout).toMatch(/^Would delete app client old/);
      expect(await clientsNamed("old")).toEqual([id]);
      const no = scriptedPrompter([[/Proceed/, false]]);
      const declined = await cog(["clients", "delete", "old", "--pool", "apps"], {
        stdinTTY: true,
        stderrTTY: true,
        prompter: no,
      });
      expect(declined.code).toBe(130);
      expect(await clientsNamed("old")).toEqual([id]);
      const yes = scriptedPrompter([[/Proceed/, true]]);
      const asked = await cog(["clients", "delete", id, "--pool", "apps"], {
        stdinTTY: true,
        stderrTTY: true,
        prompter: yes,
      });
      expect(asked.code, asked.stderr).toBe(0);
      expect(await clientsNamed("old")).toEqual([]);
      const id2 = (await createClient("older")).ClientId!;
      const done = await cog(["clients", "delete", "older", "--pool", "apps", "--yes"]);
      expect(done).toMatchObject({ code: 0, stdout: "" });
      expect(await clientsNamed("older")).toEqual([]);
      expect(id2).toBeTruthy();
    });

    it("an ambiguous name deletes nothing", async () => {
      const r = await cog(["clients", "delete", "twin", "--pool", "apps", "--yes"]);
      expect(r.code).toBe(252);
      expect((await clientsNamed("twin")).sort()).toEqual([...twinIds].sort());
    });
  });

  it("every clients command has examples in its help", async () => {
    for (const verb of ["list", "show", "create", "delete", "secret"]) {
      const r = await cog(["clients", verb, "--help"]);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`\\nExamples:\\n[\\s\\S]*\\n {4}cogctl clients ${verb}`));
    }
  });
});
