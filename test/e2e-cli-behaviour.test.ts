// What users and scripts rely on besides the API calls themselves: exit codes for every failure
// family, configuration from profiles and environment, --debug redaction, help, completion and
// version, all through the real bin/cogctl against a real moto_server.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, spawnCli } from "./helpers/cli.js";
import { isolatedAwsEnv } from "./helpers/env.js";
import { type MotoServer, startMoto } from "./helpers/moto.js";
import { requireTool } from "./helpers/tools.js";

let moto: MotoServer;
let pool: string;
const env = isolatedAwsEnv();
const cog = (argv: string[], extraEnv: Record<string, string | undefined> = {}, input?: string) =>
  spawnCli(["--endpoint-url", moto.url, ...argv], { env: { ...env, ...extraEnv }, input });

beforeAll(async () => {
  moto = await startMoto();
  const r = await cog([
    "create-user-pool",
    "--pool-name",
    "behaviour",
    "--query",
    "UserPool.Id",
    "--output",
    "text",
  ]);
  pool = r.stdout.trim();
  expect(pool).toMatch(/^us-east-1_/);
});
afterAll(async () => {
  await moto?.stop();
});

describe("exit codes", () => {
  it("0 on success, and no SDK Node-version warning on stderr", async () => {
    const r = await cog(["list-user-pools", "--max-results", "5"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
  });

  it("252 for bad command lines, before any request, without a stack trace", async () => {
    const cases: [string[], RegExp][] = [
      [
        ["admin-get-user", "--user-pool-id", pool, "--usernmae", "x"],
        /unknown option '--usernmae'.*Did you mean --username/,
      ],
      [["admin-get-user", "--user-pool-id", pool], /--username/],
      [
        [
          "admin-create-user",
          "--user-pool-id",
          pool,
          "--username",
          "x",
          "--user-attributes",
          '[{"Name": "email"',
        ],
        /--user-attributes/,
      ],
      [
        ["admin-create-user", "--user-pool-id", pool, "--username", "x", "--message-action", "SHOUT"],
        /RESEND.*SUPPRESS|SUPPRESS.*RESEND/,
      ],
      [
        [
          "admin-create-user",
          "--user-pool-id",
          pool,
          "--username",
          "x",
          "--user-attributes",
          "file:///nonexistent/attrs.json",
        ],
        /nonexistent\/attrs\.json/,
      ],
      [["admin-get-usr"], /Did you mean 'admin-get-user'/],
      [["list-users", "--user-pool-id", pool, "--query", "Users[?"], /query|JMESPath/i],
    ];
    for (const [argv, message] of cases) {
      const r = await cog(["--debug", ...argv]);
      expect({ argv, code: r.code }).toEqual({ argv, code: 252 });
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/request: POST/); // nothing was sent
      expect(r.stderr).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/); // no stack trace
    }
  });

  it("253 without credentials or region, saying how to provide them", async () => {
    const noCreds = await cog(["list-user-pools", "--max-results", "5"], {
      AWS_ACCESS_KEY_ID: undefined,
      AWS_SECRET_ACCESS_KEY: undefined,
    });
    expect(noCreds.code).toBe(253);
    expect(noCreds.stderr).toMatch(/Unable to locate credentials.*AWS_ACCESS_KEY_ID/s);
    const noRegion = await cog(["list-user-pools", "--max-results", "5"], {
      AWS_REGION: undefined,
      AWS_DEFAULT_REGION: undefined,
    });
    expect(noRegion.code).toBe(253);
    expect(noRegion.stderr).toMatch(/specify a region.*--region/s);
    const noProfile = await cog(["--profile", "nope", "list-user-pools", "--max-results", "5"]);
    expect(noProfile.code).toBe(253);
  });

  it("254 for a service error, worded as the AWS CLI", async () => {
    const r = await cog(["admin-get-user", "--user-pool-id", pool, "--username", "ghost"]);
    expect(r.code).toBe(254);
    expect(r.stderr.trim()).toBe(
      "An error occurred (UserNotFoundException) when calling the AdminGetUser operation: User does not exist.",
    );
  });

  it("255 when the endpoint cannot be reached", async () => {
    const r = await spawnCli(
      ["--endpoint-url", "http://127.0.0.1:9", "list-user-pools", "--max-results", "1"],
      {
        env: { ...env, AWS_MAX_ATTEMPTS: "1" },
      },
    );
    expect(r.code).toBe(255);
    expect(r.stderr).toContain('Could not connect to the endpoint URL: "http://127.0.0.1:9"');
  });

  it("130 when interrupted with Ctrl-C", async () => {
    // An endpoint that accepts the connection and never answers, so cogctl is mid-request.
    const hang: Server = createServer(() => {});
    await new Promise<void>((r) => hang.listen(0, "127.0.0.1", r));
    const port = (hang.address() as { port: number }).port;
    const { spawn } = await import("node:child_process");
    const child = spawn(
      process.execPath,
      [BIN, "--endpoint-url", `http://127.0.0.1:${port}`, "list-user-pools", "--max-results", "1"],
      {
        env: { ...process.env, ...env } as NodeJS.ProcessEnv,
      },
    );
    let stderr = "";
    child.stderr.on("data", (c) => (stderr += c));
    await new Promise((r) => setTimeout(r, 1500));
    child.kill("SIGINT");
    const code = await new Promise<number | null>((r) => child.on("close", r));
    hang.close();
    expect(code).toBe(130);
    expect(stderr).not.toMatch(/\bat .+:\d+:\d+/);
  });
});

describe("configuration", () => {
  it("reads region, credentials and output from a named profile", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cogctl-profile-"));
    writeFileSync(join(dir, "config"), "[profile ci]\nregion = us-east-1\noutput = text\n");
    writeFileSync(
      join(dir, "credentials"),
      "[ci]\naws_access_key_id = fromprofile\naws_secret_access_key = fromprofile\n",
    );
    const r = await cog(
      ["--profile", "ci", "describe-user-pool", "--user-pool-id", pool, "--query", "UserPool.Name"],
      {
        AWS_ACCESS_KEY_ID: undefined,
        AWS_SECRET_ACCESS_KEY: undefined,
        AWS_REGION: undefined,
        AWS_CONFIG_FILE: join(dir, "config"),
        AWS_SHARED_CREDENTIALS_FILE: join(dir, "credentials"),
      },
    );
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe("behaviour\n"); // text, from the profile's `output = text`
  });

  it("honours AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER and AWS_ENDPOINT_URL", async () => {
    for (const name of ["AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER", "AWS_ENDPOINT_URL"]) {
      const r = await spawnCli(
        ["describe-user-pool", "--user-pool-id", pool, "--query", "UserPool.Name", "--output", "text"],
        {
          env: { ...env, [name]: moto.url },
        },
      );
      expect({ name, out: r.stdout, code: r.code }).toEqual({ name, out: "behaviour\n", code: 0 });
    }
  });

  it("takes the output format from AWS_DEFAULT_OUTPUT, and --output wins over it", async () => {
    const q = ["describe-user-pool", "--user-pool-id", pool, "--query", "UserPool.Name"];
    expect((await cog(q, { AWS_DEFAULT_OUTPUT: "text" })).stdout).toBe("behaviour\n");
    expect((await cog([...q, "--output", "json"], { AWS_DEFAULT_OUTPUT: "text" })).stdout).toBe(
      '"behaviour"\n',
    );
  });
});

describe("--debug", () => {
  it("traces requests and responses with secrets redacted", async () => {
    const secret = "Very-s3cret-passw0rd!";
    await cog([
      "admin-create-user",
      "--user-pool-id",
      pool,
      "--username",
      "dbg",
      "--message-action",
      "SUPPRESS",
    ]);
    const r = await cog([
      "--debug",
      "admin-set-user-password",
      "--user-pool-id",
      pool,
      "--username",
      "dbg",
      "--password",
      secret,
      "--permanent",
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/request: POST .*AWSCognitoIdentityProviderService\.AdminSetUserPassword/);
    expect(r.stderr).toMatch(/response: 200/);
    expect(r.stderr).toContain('"Password":"****"');
    expect(r.stderr).not.toContain(secret);
    expect(r.stderr).not.toMatch(/Credential=testing|Signature=[0-9a-f]{20}/);
  });

  it("never prints a created client's secret in the trace", async () => {
    const r = await cog([
      "--debug",
      "create-user-pool-client",
      "--user-pool-id",
      pool,
      "--client-name",
      "s",
      "--generate-secret",
    ]);
    const secret = JSON.parse(r.stdout).UserPoolClient.ClientSecret as string;
    expect(secret.length).toBeGreaterThan(10);
    expect(r.stderr).not.toContain(secret); // the user asked for the result on stdout, not in the trace
  });
});

describe("help, version and completion", () => {
  it("lists operations in groups, with task commands and global options", async () => {
    const r = await spawnCli(["--help"]);
    expect(r.code).toBe(0);
    for (const s of [
      "admin-create-user",
      "list-users",
      "get-csv-header",
      "set-ui-customization",
      "--endpoint-url",
      "--local",
      "completion",
    ]) {
      expect(r.stdout).toContain(s);
    }
  });

  it("documents an operation's flags from the model", async () => {
    const r = await spawnCli(["admin-create-user", "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/--user-pool-id/);
    expect(r.stdout).toMatch(/required/i);
    expect(r.stdout).toMatch(/RESEND/); // enum values of --message-action
    expect(r.stdout).toMatch(/Name=string,Value=string|Name=.*Value=/); // a shorthand example
  });

  it("lists a noun's commands: on --help, or as the error when the command is missing", async () => {
    const help = await spawnCli(["local", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/local serve/);
    expect(help.stdout).toMatch(/local reset/);
    const missing = await spawnCli(["auth"]);
    expect(missing.code).toBe(252);
    expect(missing.stderr).toMatch(/'cogctl auth' needs a command/);
    expect(missing.stderr).toMatch(/auth login/);
    const verb = await spawnCli(["auth", "login", "--help"]);
    expect(verb.code).toBe(0);
    expect(verb.stdout).toMatch(/--password-stdin/);
  });

  it("prints its version", async () => {
    const r = await spawnCli(["--version"]);
    expect(r.stdout).toMatch(/^cogctl\/\d+\.\d+\.\d+ node\/v\d+/);
  });

  it("completes operations, flags and enum values in a real bash", () => {
    const script = [
      "source <(cogctl completion bash)",
      'COMP_WORDS=(cogctl admin-get-us); COMP_CWORD=1; _cogctl_complete; echo "1:${COMPREPLY[*]}"',
      'COMP_WORDS=(cogctl admin-get-user --user-p); COMP_CWORD=2; _cogctl_complete; echo "2:${COMPREPLY[*]}"',
      "COMP_WORDS=(cogctl admin-create-user --message-action ''); COMP_CWORD=3; _cogctl_complete; echo \"3:${COMPREPLY[*]}\"",
    ].join("\n");
    const r = spawnSync("bash", ["-c", script], {
      encoding: "utf8",
      env: { ...process.env, PATH: `${dirname(BIN)}:${process.env.PATH}` },
    });
    expect(r.stdout).toContain("1:admin-get-user");
    expect(r.stdout).toContain("2:--user-pool-id");
    expect(r.stdout).toMatch(/3:.*RESEND.*SUPPRESS/);
  });

  it("completes in a real fish, through its own completion engine", () => {
    requireTool("fish");
    const r = spawnSync(
      "fish",
      [
        "-c",
        'cogctl completion fish | source; complete -C "cogctl admin-get-us"; complete -C "cogctl admin-create-user --message-action "',
      ],
      { encoding: "utf8", env: { ...process.env, PATH: `${dirname(BIN)}:${process.env.PATH}` } },
    );
    expect(r.stdout.split("\n")).toEqual(expect.arrayContaining(["admin-get-user", "RESEND", "SUPPRESS"]));
  });

  it("completes in a real zsh (compadd captured)", () => {
    requireTool("zsh");
    const script = [
      'compadd() { shift; print -l -- "$@"; }; compdef() { :; }',
      "source <(cogctl completion zsh)",
      "words=(cogctl admin-get-user --user-p); CURRENT=3; _cogctl",
    ].join("\n");
    const r = spawnSync("zsh", ["-c", script], {
      encoding: "utf8",
      env: { ...process.env, PATH: `${dirname(BIN)}:${process.env.PATH}` },
    });
    expect(r.stdout.trim().split("\n")).toEqual(["--user-pool-id"]);
  });
});
