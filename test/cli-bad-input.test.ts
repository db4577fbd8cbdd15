// Bad input is caught before a request, with the AWS CLI v2's exit code, against real endpoints
// over HTTP (moto_server and the embedded endpoint on port 0): model bounds, malformed endpoint
// URLs (flag, environment, profile), stray values; and a non-JSON error body is printed as the
// AWS CLI prints it. "No request" is shown twice over: --debug traces no request, and the
// endpoint's state is unchanged afterwards.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliResult, runCli, runCliJson, spawnCli } from "./helpers/cli.js";
import { applyEnv, isolatedAwsEnv } from "./helpers/env.js";
import { type LocalHarness, startLocal } from "./helpers/local-server.js";
import { type MotoServer, startMoto } from "./helpers/moto.js";
import { requireTool } from "./helpers/tools.js";

const AWS_V2 = "/usr/bin/aws";

let moto: MotoServer;
let local: LocalHarness;
let restoreEnv: () => void;
const tempDirs: string[] = [];
const tempDir = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
};

beforeAll(async () => {
  restoreEnv = applyEnv(isolatedAwsEnv({ COGCTL_CONFIG_DIR: tempDir("cogctl-bad-input-config-") }));
  [moto, local] = await Promise.all([startMoto(), startLocal()]);
});
afterAll(async () => {
  await Promise.all([moto?.stop(), local?.close()]);
  restoreEnv?.();
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

const message = (r: CliResult) => r.stderr.trim().replace(/^cogctl: error: /, "");
const REQUEST_TRACE = /^request: POST /m;

const endpoints = () => [
  { name: "moto_server", url: moto.url },
  { name: "the embedded endpoint", url: local.server.url },
];

const json = (url: string, ...argv: string[]) => runCliJson(["--endpoint-url", url, ...argv]);

describe.each([0, 1])("model bounds, before any request (endpoint %i)", (which) => {
  let url: string;
  let pool: string;
  beforeAll(async () => {
    url = endpoints()[which]!.url;
    pool = (await json(url, "create-user-pool", "--pool-name", `bounds-${which}`)).UserPool.Id;
  });
  const cog = (...argv: string[]) => runCli(["--endpoint-url", url, "--debug", ...argv]);

  it("--max-results 0 is below the minimum of 1: exit 252, nothing sent", async () => {
    const r = await cog("list-user-pools", "--max-results", "0");
    expect(r.code).toBe(252);
    expect(message(r)).toBe("--max-results: 0 is below the minimum of 1 (allowed: 1 to 60).");
    expect(r.stderr).not.toMatch(REQUEST_TRACE);
    // The same call within the bound is sent and answered.
    const ok = await cog("list-user-pools", "--max-results", "60");
    expect(ok.code).toBe(0);
    expect(ok.stderr).toMatch(REQUEST_TRACE);
  });

  it('--user-pool-id "" is shorter than the minimum length of 1, also from --cli-input-json', async () => {
    for (const argv of [
      ["list-users", "--user-pool-id", ""],
      ["list-users", "--cli-input-json", '{"UserPoolId": ""}'],
    ]) {
      const r = await cog(...argv);
      expect(r.code).toBe(252);
      expect(message(r)).toMatch(/^--user-pool-id: "" is shorter than the minimum length of 1 /);
      expect(r.stderr).not.toMatch(REQUEST_TRACE);
    }
  });

  it("a nested value out of bounds names its path, and the user is not created", async () => {
    const r = await cog(
      "admin-create-user",
      "--user-pool-id",
      pool,
      "--username",
      "nested",
      "--user-attributes",
      "Name=email,Value=a@b.c",
      "Name=,Value=x",
    );
    expect(r.code).toBe(252);
    expect(message(r)).toMatch(/^--user-attributes\[1\]\.Name: "" is shorter than the minimum length of 1 /);
    expect(r.stderr).not.toMatch(REQUEST_TRACE);
    const users = await json(url, "list-users", "--user-pool-id", pool);
    expect(users.Users).toEqual([]);
  });

  it("never echoes a sensitive value that is out of bounds", async () => {
    const secret = `Pw-${"x".repeat(300)}`;
    const r = await cog(
      "admin-create-user",
      "--user-pool-id",
      pool,
      "--username",
      "secretive",
      "--temporary-password",
      secret,
    );
    expect(r.code).toBe(252);
    expect(message(r)).toMatch(/^--temporary-password: the value \(not shown: sensitive\) is longer than/);
    expect(r.stderr).not.toContain("xxxxxxxx");
    expect(r.stderr).not.toMatch(REQUEST_TRACE);
  });
});

describe("a malformed endpoint URL", () => {
  // No region and no credentials: the URL must be refused before either is looked up.
  const bare = isolatedAwsEnv({
    AWS_REGION: undefined,
    AWS_ACCESS_KEY_ID: undefined,
    AWS_SECRET_ACCESS_KEY: undefined,
  });
  const FORM = "Must be of the form http://<hostname>[:<port>]/ or https://<hostname>[:<port>]/.";

  it.each([
    ["not a url", "scheme is missing"],
    ["localhost:9229", "scheme is missing"],
    ["ftp://example.com", "scheme ftp is not http or https"],
    ["http://", "hostname is missing"],
    ["http://127.0.0.1:99999", "port 99999 is not between 1 and 65535"],
    ["http://exa mple.com", "it is not a valid URL"],
  ])("--endpoint-url %j: exit 252, %s, and the form it must take", async (value, why) => {
    const r = await spawnCli(["list-user-pools", "--max-results", "1", "--endpoint-url", value], {
      env: bare,
    });
    expect(r.code).toBe(252);
    expect(message(r)).toContain(`Bad value for --endpoint-url "${value}": ${why}`);
    expect(message(r)).toContain(FORM);
  });

  it("from AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER, AWS_ENDPOINT_URL or the profile, naming where it came from", async () => {
    const dir = tempDir("cogctl-bad-endpoint-");
    const config = join(dir, "config");
    writeFileSync(config, "[profile dev]\nendpoint_url = localhost:9229\n");
    const cases: [Record<string, string>, string][] = [
      [
        { AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: "nope" },
        'AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER "nope"',
      ],
      [{ AWS_ENDPOINT_URL: "nope" }, 'AWS_ENDPOINT_URL "nope"'],
      [{ AWS_CONFIG_FILE: config, AWS_PROFILE: "dev" }, 'endpoint_url in profile dev "localhost:9229"'],
    ];
    for (const [extra, source] of cases) {
      const r = await spawnCli(["list-user-pools", "--max-results", "1"], { env: { ...bare, ...extra } });
      expect({ source, code: r.code }).toEqual({ source, code: 252 });
      expect(message(r)).toContain(`Bad value for ${source}: scheme is missing. ${FORM}`);
    }
  });

  it("only the URL that would be used is checked: the flag wins, and --local uses none", async () => {
    const env = isolatedAwsEnv({
      AWS_ENDPOINT_URL: "nope",
      COGCTL_DATA_DIR: tempDir("cogctl-bad-endpoint-data-"),
    });
    const viaFlag = await spawnCli(["list-user-pools", "--max-results", "1", "--endpoint-url", moto.url], {
      env,
    });
    expect(viaFlag.code).toBe(0);
    expect(JSON.parse(viaFlag.stdout)).toHaveProperty("UserPools");
    const viaLocal = await spawnCli(["--local", "list-user-pools", "--max-results", "1"], { env });
    expect(viaLocal.code).toBe(0);
  });

  it("matches the AWS CLI v2's message and exit code for --endpoint-url 'not a url'", async () => {
    requireTool(AWS_V2);
    const aws = spawnSync(
      AWS_V2,
      ["cognito-idp", "list-user-pools", "--max-results", "1", "--endpoint-url", "not a url"],
      { env: { ...process.env, ...isolatedAwsEnv() } as NodeJS.ProcessEnv, encoding: "utf8" },
    );
    const ours = await spawnCli(["list-user-pools", "--max-results", "1", "--endpoint-url", "not a url"], {
      env: isolatedAwsEnv(),
    });
    expect(ours.code).toBe(aws.status);
    const prefix = 'Bad value for --endpoint-url "not a url": scheme is missing.';
    expect(aws.stderr).toContain(prefix);
    expect(message(ours)).toContain(prefix);
  });
});

describe("stray values", () => {
  let pool: string;
  const cog = (...argv: string[]) => runCli(["--endpoint-url", local.server.url, "--debug", ...argv]);
  beforeAll(async () => {
    pool = (await json(local.server.url, "create-user-pool", "--pool-name", "stray")).UserPool.Id;
    await json(
      local.server.url,
      "admin-create-user",
      "--user-pool-id",
      pool,
      "--username",
      "alice",
      "--temporary-password",
      "Temp-Passw0rd!",
    );
  });

  it("--permanent maybe: Unknown options: maybe, and the flag it belonged to; the password is unchanged", async () => {
    const r = await cog(
      "admin-set-user-password",
      "--user-pool-id",
      pool,
      "--username",
      "alice",
      "--password",
      "New-Passw0rd!",
      "--permanent",
      "maybe",
    );
    expect(r.code).toBe(252);
    expect(message(r)).toBe(
      "Unknown options: maybe\n--permanent takes no value; use --permanent or --no-permanent.",
    );
    expect(r.stderr).not.toMatch(REQUEST_TRACE);
    const user = await json(
      local.server.url,
      "admin-get-user",
      "--user-pool-id",
      pool,
      "--username",
      "alice",
    );
    expect(user.UserStatus).toBe("FORCE_CHANGE_PASSWORD");
  });

  it("admin-get-user foo: Unknown options: foo, as the AWS CLI says it", async () => {
    const r = await cog("admin-get-user", "foo", "--user-pool-id", pool, "--username", "alice");
    expect(r.code).toBe(252);
    expect(message(r)).toBe(
      "Unknown options: foo\nOptions take the form --name value; run 'cogctl admin-get-user --help' for the list.",
    );
    expect(r.stderr).not.toMatch(REQUEST_TRACE);
  });

  it("several values are listed as the AWS CLI lists them; a global switch is named too", async () => {
    const r = await cog("list-user-pools", "--max-results", "1", "--no-paginate", "a", "b");
    expect(r.code).toBe(252);
    expect(message(r)).toBe("Unknown options: a, b\n--no-paginate takes no value.");
  });

  it("a second word after a one-value option is named, but never when that option is a secret", async () => {
    const plain = await cog("list-users", "--user-pool-id", pool, "--filter", 'username = "alice"', "extra");
    expect(plain.code).toBe(252);
    expect(message(plain)).toContain("Unknown options: extra\n--filter takes one value; quote a value");
    const secret = await cog(
      "admin-set-user-password",
      "--user-pool-id",
      pool,
      "--username",
      "alice",
      "--password",
      "Hunter2",
      "Hunter3",
    );
    expect(secret.code).toBe(252);
    expect(secret.stderr).not.toContain("Hunter");
    expect(message(secret)).toContain("--password takes one value; quote a value that contains spaces.");
  });

  it("the same for a hand-written command", async () => {
    const r = await runCli(["local", "status", "foo"], {
      env: { COGCTL_DATA_DIR: tempDir("cogctl-stray-data-") },
    });
    expect(r.code).toBe(252);
    expect(message(r)).toMatch(/^Unknown options: foo\n.*cogctl local status --help/);
  });
});

describe("a non-JSON error body (moto's HTML 500 for GetCSVHeader)", () => {
  let pool: string;
  beforeAll(async () => {
    pool = (await json(moto.url, "create-user-pool", "--pool-name", "csv")).UserPool.Id;
  });

  it("is printed as the AWS CLI prints it: the status as the code, the body's text, exit 254", async () => {
    const r = await spawnCli(["--endpoint-url", moto.url, "get-csv-header", "--user-pool-id", pool], {
      env: isolatedAwsEnv(),
    });
    expect(r.code).toBe(254);
    expect(r.stderr.trim()).toMatch(
      /^An error occurred \(500\) when calling the GetCSVHeader operation \(reached max retries: 2\): <!doctype html>.*Internal Server Error/,
    );
    expect(r.stderr).not.toContain("Unexpected token");
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("says nothing of retries when there were none", async () => {
    const r = await spawnCli(["--endpoint-url", moto.url, "get-csv-header", "--user-pool-id", pool], {
      env: isolatedAwsEnv({ AWS_MAX_ATTEMPTS: "1" }),
    });
    expect(r.code).toBe(254);
    expect(r.stderr.trim()).toMatch(
      /^An error occurred \(500\) when calling the GetCSVHeader operation: <!doctype/,
    );
  });

  it("starts as the AWS CLI v2's message does, with the same exit code", async () => {
    requireTool(AWS_V2);
    const aws = spawnSync(
      AWS_V2,
      ["cognito-idp", "get-csv-header", "--user-pool-id", pool, "--endpoint-url", moto.url],
      { env: { ...process.env, ...isolatedAwsEnv() } as NodeJS.ProcessEnv, encoding: "utf8" },
    );
    const ours = await spawnCli(["--endpoint-url", moto.url, "get-csv-header", "--user-pool-id", pool], {
      env: isolatedAwsEnv(),
    });
    expect(ours.code).toBe(aws.status);
    const firstLine = (s: string) => s.trim().split("\n")[0]!;
    expect(firstLine(ours.stderr).startsWith(firstLine(aws.stderr))).toBe(true);
  });
});
