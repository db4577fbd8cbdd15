// cogctl config set|get|unset pool and the default pool it gives every task command, end to end
// against the embedded endpoint (port 0) and moto_server: the order --pool, COGCTL_POOL, the
// profile's default; one default per profile; a 0600 file in cogctl's config directory.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type CognitoIdentityProviderClient,
  CreateUserPoolCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./helpers/cli.js";
import { type Endpoint, endpoints } from "./helpers/endpoints.js";
import { applyEnv, isolatedAwsEnv, testClient } from "./helpers/env.js";

const fields = (stdout: string) =>
  Object.fromEntries(
    stdout
      .trimEnd()
      .split("\n")
      .map((l) => l.split("\t")),
  );

describe.each(endpoints)("the default pool against the %s", (_name, start) => {
  let endpoint: Endpoint;
  let client: CognitoIdentityProviderClient;
  let restoreEnv: () => void;
  let dir: string;
  let configDir: string;
  let demoId: string;
  let otherId: string;

  const cog = (argv: string[], opts: Parameters<typeof runCli>[1] = {}) =>
    runCli(["--endpoint-url", endpoint.url, ...argv], {
      ...opts,
      env: { COGCTL_CONFIG_DIR: configDir, ...(opts.env ?? {}) },
    });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "cogctl-config-"));
    configDir = join(dir, "config");
    restoreEnv = applyEnv(isolatedAwsEnv({ COGCTL_POOL: undefined }));
    endpoint = await start();
    client = testClient(endpoint.url);
    demoId = (await client.send(new CreateUserPoolCommand({ PoolName: "demo" }))).UserPool!.Id!;
    otherId = (await client.send(new CreateUserPoolCommand({ PoolName: "other" }))).UserPool!.Id!;
  });
  afterAll(async () => {
    client?.destroy();
    await endpoint?.close();
    restoreEnv?.();
    rmSync(dir, { recursive: true, force: true });
  });

  it("config set pool stores the default per profile in a 0600 file; get prints it; unset removes it", async () => {
    const set = await cog(["config", "set", "pool", "demo"], { stderrTTY: true });
    expect(set.code, set.stderr).toBe(0);
    expect(set.stderr).toContain("Set pool = demo for profile default");
    const file = join(configDir, "profiles", "default.json");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(configDir, "profiles")).mode & 0o777).toBe(0o700);
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual({ pool: "demo" });
    expect(await cog(["config", "get", "pool"])).toMatchObject({ code: 0, stdout: "demo\n" });
    const json = await cog(["config", "get", "pool", "--output", "json", "--query", "Value"]);
    expect(JSON.parse(json.stdout)).toBe("demo");

    // Another profile has its own (none yet), and its own once set.
    const prod = await cog(["--profile", "prod", "config", "get", "pool"], { stderrTTY: true });
    expect(prod).toMatchObject({ code: 0, stdout: "" });
    expect(prod.stderr).toContain("No pool set for profile prod");
    await cog(["config", "set", "pool", otherId], { env: { AWS_PROFILE: "prod" } });
    expect((await cog(["--profile", "prod", "config", "get", "pool"])).stdout).toBe(`${otherId}\n`);
    expect((await cog(["config", "get", "pool"])).stdout).toBe("demo\n");

    const unset = await cog(["--profile", "prod", "config", "unset", "pool"]);
    expect(unset.code, unset.stderr).toBe(0);
    expect(readdirSync(join(configDir, "profiles"))).toEqual(["default.json"]);
    expect((await cog(["--profile", "prod", "config", "get", "pool"])).stdout).toBe("");
  });

  it("task commands use it when --pool and COGCTL_POOL are absent, in that order", async () => {
    await cog(["config", "set", "pool", "demo"]);
    const byDefault = await cog(["pools", "show"]);
    expect(byDefault.code, byDefault.stderr).toBe(0);
    expect(fields(byDefault.stdout).id).toBe(demoId);
    const users = await cog(["users", "list"]);
    expect(users).toMatchObject({ code: 0, stderr: "" });
    const clients = await cog(["clients", "list"]);
    expect(clients).toMatchObject({ code: 0, stdout: "" });

    const env = await cog(["pools", "show"], { env: { COGCTL_POOL: "other" } });
    expect(fields(env.stdout).id).toBe(otherId);
    const flag = await cog(["users", "list", "--pool", "other", "--output", "json"], {
      env: { COGCTL_POOL: "demo" },
    });
    expect(flag.code, flag.stderr).toBe(0);
    expect(JSON.parse(flag.stdout)).toEqual({ Users: [] });
    const get = await cog(["config", "get", "pool"], { env: { COGCTL_POOL: "other" }, stderrTTY: true });
    expect(get.stdout).toBe("demo\n");
    expect(get.stderr).toContain("COGCTL_POOL=other is set and takes precedence");
  });

  it("a default that no longer resolves names itself and its profile (252)", async () => {
    await cog(["config", "set", "pool", "gone"]);
    const r = await cog(["users", "list"]);
    expect(r.code).toBe(252);
    expect(r.stderr).toMatch(/The default pool gone of profile default .*no user pool has that name/);
    await cog(["config", "unset", "pool"]);
    const none = await cog(["users", "list"]);
    expect(none.code).toBe(252);
    expect(none.stderr).toContain("cogctl config set pool NAME");
  });

  it("unknown keys are 252 naming the known ones; an unreadable file is a configuration error (253)", async () => {
    const r = await cog(["config", "set", "colour", "blue"]);
    expect(r.code).toBe(252);
    expect(r.stderr).toMatch(/Unknown setting 'colour'\. Settings: pool \(/);
    writeFileSync(join(configDir, "profiles", "broken.json"), "{not json", { mode: 0o600 });
    const broken = await cog(["--profile", "broken", "pools", "show"]);
    expect(broken.code).toBe(253);
    expect(broken.stderr).toContain("broken.json is not valid JSON");
    rmSync(join(configDir, "profiles", "broken.json"));
  });

  it("every config command has examples in its help", async () => {
    for (const verb of ["set", "get", "unset"]) {
      const r = await cog(["config", verb, "--help"]);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`\\nExamples:\\n[\\s\\S]*\\n {4}cogctl config ${verb}`));
    }
  });
});
