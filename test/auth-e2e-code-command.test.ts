// A CI job signing in through SMS MFA with flags alone: the code exists only after cogctl asked for
// it, so --code-command reads it then — here from the embedded endpoint's outbox with
// `cogctl local messages`, in another process on the same data directory (real bin/cogctl, --local).
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { cliSignInUser, loginArgs } from "./helpers/auth-e2e.js";
import { BIN, spawnCli, spawnCliOk } from "./helpers/cli.js";
import { isolatedAwsEnv } from "./helpers/env.js";

const PHONE = "+15555550199";
let env: Record<string, string | undefined>;
let pool: string;
let client: string;

const run = (argv: string[], input?: string) =>
  spawnCli(["--local", ...argv], { env, input, timeoutMs: 30_000 });
const ok = async (argv: string[]) =>
  (await spawnCliOk(["--local", ...argv], { env, timeoutMs: 30_000 })).stdout.trim();

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), "cogctl-code-command-"));
  env = isolatedAwsEnv({ COGCTL_DATA_DIR: join(dir, "data"), COGCTL_CONFIG_DIR: join(dir, "config") });
  ({ pool, client } = await cliSignInUser(ok, {
    pool: "sms",
    username: "ci-bot",
    password: "Ci-passw0rd!",
    attributes: [`Name=phone_number,Value=${PHONE}`, "Name=phone_number_verified,Value=true"],
  }));
  await ok([
    "set-user-pool-mfa-config",
    "--user-pool-id",
    pool,
    "--mfa-configuration",
    "ON",
    "--sms-mfa-configuration",
    "SmsConfiguration={SnsCallerArn=arn:aws:iam::000000000000:role/sms,ExternalId=ci}",
  ]);
  await ok([
    "admin-set-user-mfa-preference",
    "--user-pool-id",
    pool,
    "--username",
    "ci-bot",
    "--sms-mfa-settings",
    "Enabled=true,PreferredMfa=true",
  ]);
}, 60_000);

const login = () => [...loginArgs(pool, client, "ci-bot"), "--password-stdin"];

describe("--code-command", () => {
  it("signs in through SMS_MFA unattended, reading the code from the outbox once it was sent", async () => {
    const fetchCode = `"${process.execPath}" "${BIN}" local messages --to ${PHONE} --limit 1 --query 'Messages[0].Code' --output text`;
    const r = await run([...login(), "--code-command", fetchCode], "Ci-passw0rd!");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(await ok(["auth", "whoami", "--query", "Username", "--output", "text"])).toBe("ci-bot");
  });

  it("fails with 252 naming the flag when the command fails, and with a wrong code the service refuses it", async () => {
    const failing = await run(
      [...login(), "--code-command", "echo no code here >&2; exit 3"],
      "Ci-passw0rd!",
    );
    expect(failing.code).toBe(252);
    expect(failing.stderr).toMatch(/--code-command: the command exited with 3: no code here/);
    const wrong = await run([...login(), "--code-command", "echo 000000"], "Ci-passw0rd!");
    expect(wrong.code).toBe(254);
    expect(wrong.stderr).toMatch(/CodeMismatchException/);
  });
});
