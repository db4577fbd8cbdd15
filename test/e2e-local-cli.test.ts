// The embedded endpoint from the CLI's side: --local, COGCTL_LOCAL=1 and a profile's
// `cogctl_local = true` all reach the same persistent data directory in process, through the SDK;
// local status and local reset act on it.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { cliSignInUser, loginArgs } from "./helpers/auth-e2e.js";
import { runCli, spawnCli } from "./helpers/cli.js";
import { isolatedAwsEnv } from "./helpers/env.js";

let env: Record<string, string | undefined>;
beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), "cogctl-local-cli-"));
  writeFileSync(join(dir, "config"), "[profile offline]\ncogctl_local = true\n");
  env = isolatedAwsEnv({
    COGCTL_DATA_DIR: join(dir, "data"),
    COGCTL_CONFIG_DIR: join(dir, "config-dir"),
    AWS_CONFIG_FILE: join(dir, "config"),
    // --local needs no AWS credentials at all.
    AWS_ACCESS_KEY_ID: undefined,
    AWS_SECRET_ACCESS_KEY: undefined,
    AWS_REGION: undefined,
  });
});

const run = (argv: string[], extra: Record<string, string | undefined> = {}) =>
  spawnCli(argv, { env: { ...env, ...extra } });

describe("--local and its equivalents", () => {
  it("creates with --local and reads back through COGCTL_LOCAL=1 and a cogctl_local profile", async () => {
    const created = await run([
      "--local",
      "create-user-pool",
      "--pool-name",
      "offline",
      "--query",
      "UserPool.Id",
      "--output",
      "text",
    ]);
    expect(created.stderr).toBe("");
    const pool = created.stdout.trim();
    expect(pool).toMatch(/^us-east-1_[0-9A-Za-z]{9}$/);

    const viaEnv = await run(
      ["describe-user-pool", "--user-pool-id", pool, "--query", "UserPool.Name", "--output", "text"],
      {
        COGCTL_LOCAL: "1",
      },
    );
    expect(viaEnv).toMatchObject({ code: 0, stdout: "offline\n" });
    const viaProfile = await run([
      "--profile",
      "offline",
      "list-user-pools",
      "--max-results",
      "10",
      "--query",
      "UserPools[].Name",
      "--output",
      "text",
    ]);
    expect(viaProfile).toMatchObject({ code: 0, stdout: "offline\n" });

    const status = await run(["local", "status"]);
    expect(status.code).toBe(0);
    expect(status.stdout).toContain(env.COGCTL_DATA_DIR as string);
    expect(status.stdout).toMatch(/1/);
  });

  it("local status prints a table on a terminal and JSON in a pipe or when --output is given", async () => {
    const onTerminal = await runCli(["local", "status"], { env, stdoutTTY: true });
    expect(onTerminal.code).toBe(0);
    expect(onTerminal.stdout).toMatch(/│ UserPools\s+│ 1/);
    const piped = await runCli(["local", "status"], { env });
    expect(JSON.parse(piped.stdout).UserPools).toBe(1);
    const asked = await runCli(["local", "status", "--output", "json"], { env, stdoutTTY: true });
    expect(JSON.parse(asked.stdout).UserPools).toBe(1);
    // API operations keep JSON on a terminal too, like the AWS CLI.
    const op = await runCli(["--local", "list-user-pools", "--max-results", "10"], { env, stdoutTTY: true });
    expect(JSON.parse(op.stdout).UserPools).toHaveLength(1);
  });

  it("auth tokens stays JSON on a terminal (no table that would cut the tokens)", async () => {
    const cog = async (argv: string[], stdin?: string) => {
      const r = await runCli(argv, { env, stdin });
      expect(r.stderr, argv.join(" ")).toBe("");
      return r.stdout.trim();
    };
    const { pool, client } = await cliSignInUser((argv) => cog(["--local", ...argv]), {
      pool: "tty",
      username: "tia",
      password: "Tia-passw0rd!",
    });
    await cog(["--local", ...loginArgs(pool, client, "tia"), "--password-stdin"], "Tia-passw0rd!");
    const tokens = await runCli(["--local", "auth", "tokens"], { env, stdoutTTY: true });
    expect(tokens.code).toBe(0);
    expect(JSON.parse(tokens.stdout).AccessToken).toMatch(/^eyJ/);
    const listed = await runCli(["--local", "auth", "list"], { env, stdoutTTY: true });
    expect(listed.stdout).toMatch(/│.*tia/);
  });

  it("reset refuses without a terminal unless --yes, then empties the store", async () => {
    const refused = await run(["local", "reset"]);
    expect(refused.code).toBe(252);
    expect(refused.stderr).toMatch(/--yes/);
    const before = await run([
      "--local",
      "list-user-pools",
      "--max-results",
      "10",
      "--query",
      "length(UserPools)",
    ]);
    expect(Number(before.stdout)).toBeGreaterThan(0);
    expect((await run(["local", "reset", "--yes"])).code).toBe(0);
    const after = await run([
      "--local",
      "list-user-pools",
      "--max-results",
      "10",
      "--query",
      "length(UserPools)",
    ]);
    expect(after.stdout.trim()).toBe("0");
  });
});
