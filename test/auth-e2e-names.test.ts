// Auth screens name the user as the user was typed, end to end against the embedded endpoint: an
// email sign-in to a pool whose usernames are UUIDs, the session found by that email (old session
// files too), the TOTP label, `auth logout` acting only on the default session, `auth whoami`
// naming the flag that reaches sessions of another endpoint, the --totp-secret-out warning, and the
// pool and client picked from a list on a terminal.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import QRCode from "qrcode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { otpauthUri, totpCode } from "../src/cognito/crypto/index.js";
import { scriptedPrompter } from "./helpers/auth.js";
import { type AuthWorld, authWorld, loginArgs, totpKeyIn } from "./helpers/auth-e2e.js";
import { runCli } from "./helpers/cli.js";

let w: AuthWorld;
let poolId: string;
let clientId: string;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

beforeAll(async () => {
  w = await authWorld();
  poolId = await w.pool({ UsernameAttributes: ["email"] });
  ({ clientId } = await w.client(poolId));
});
afterAll(async () => {
  await w?.close();
});

const login = (user: string, pool = poolId, client = clientId) => loginArgs(pool, client, user);
const sessions = async (): Promise<Record<string, any>[]> =>
  JSON.parse((await w.cli(["auth", "list", "--output", "json"])).stdout).Sessions;
const sessionFiles = () => readdirSync(join(w.configDir, "sessions")).filter((f) => f.endsWith(".json"));
const readSession = (file: string) => JSON.parse(readFileSync(join(w.configDir, "sessions", file), "utf8"));

describe("an email sign-in to a pool whose usernames are UUIDs", () => {
  it("names the user by the email typed, with the UUID username beside it, on every screen", async () => {
    await w.user(poolId, "alice@example.com", "Temp-password-1");
    const r = await w.cli(login("alice@example.com"), {
      tty: true,
      prompter: scriptedPrompter([
        [/Password for alice@example\.com/, "Temp-password-1"],
        [/New password/, "Alice-new-password-1"],
      ]),
    });
    expect(r.stderr).not.toMatch(/for [0-9a-f]{8}-/);
    expect(r.code).toBe(0);
    const required = /A new password is required for alice@example\.com \(username ([0-9a-f-]+)\)\./.exec(
      r.stderr,
    );
    expect(required?.[1]).toMatch(UUID);
    const uuid = required?.[1] as string;
    expect(r.stderr).toContain(`Signed in as alice@example.com (username ${uuid}) (pool ${poolId},`);

    const [listed] = await sessions();
    expect(listed).toMatchObject({ SignedInAs: "alice@example.com", Username: uuid, Default: true });
    const stored = readSession(sessionFiles().find((f) => f.includes(uuid)) as string);
    expect(stored).toMatchObject({
      username: uuid,
      typedUsername: "alice@example.com",
      email: "alice@example.com",
    });

    // Found by what was typed; whoami says who that is.
    const who = await w.cli(["auth", "whoami", "--username", "alice@example.com", "--output", "json"]);
    expect(who.stderr).toBe("");
    expect(JSON.parse(who.stdout)).toMatchObject({ Username: uuid, SignedInAs: "alice@example.com" });
    const refreshed = await w.cli(["auth", "refresh", "--username", "ALICE@example.com"], { tty: true });
    expect(refreshed.stderr).toContain(`Refreshed the tokens of alice@example.com (username ${uuid})`);
  });

  it("an old session file without the typed name still works, named by its ID token's email", async () => {
    const file = sessionFiles().find((f) => readSession(f).typedUsername === "alice@example.com") as string;
    const { typedUsername: _t, email: _e, ...old } = readSession(file);
    writeFileSync(join(w.configDir, "sessions", file), JSON.stringify(old));
    const [listed] = await sessions();
    expect(listed).toMatchObject({ SignedInAs: "alice@example.com", Username: old.username });
    const who = await w.cli(["auth", "whoami", "--username", "alice@example.com", "--output", "json"]);
    expect(who.code).toBe(0);
    expect(JSON.parse(who.stdout).Username).toBe(old.username);
  });
});

describe("auth logout acts only on the session the flags or the default name", () => {
  it("a second logout signs nobody else out: it says so and exits 252", async () => {
    await w.user(poolId, "bob@example.com", "Bob-password-1", { permanent: true });
    await w.user(poolId, "carol@example.com", "Carol-password-1", { permanent: true });
    for (const [user, pw] of [
      ["bob@example.com", "Bob-password-1"],
      ["carol@example.com", "Carol-password-1"],
    ])
      expect((await w.cli([...login(user), "--password-stdin"], { stdin: pw })).code).toBe(0);
    expect((await sessions()).find((s) => s.Default)?.SignedInAs).toBe("carol@example.com");

    const first = await w.cli(["auth", "logout"], { tty: true });
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/Signed out carol@example\.com \(username [0-9a-f-]+\)/);

    const second = await w.cli(["auth", "logout"], { tty: true });
    expect(second.code).toBe(252);
    expect(second.stderr).toMatch(
      /No default session .*carol@example\.com \(username [0-9a-f-]+\) signed out/,
    );
    expect(second.stderr).toMatch(/--username/);
    expect(second.stderr).toContain("bob@example.com");
    const left = await sessions();
    expect(left.map((s) => s.SignedInAs).sort()).toEqual(["alice@example.com", "bob@example.com"]);
    expect(left.some((s) => s.Default)).toBe(false);

    // Named by a flag, the session is signed out.
    const named = await w.cli(["auth", "logout", "--username", "bob@example.com"], { tty: true });
    expect(named.code).toBe(0);
    expect(named.stderr).toMatch(/Signed out bob@example\.com/);
    expect((await sessions()).map((s) => s.SignedInAs)).toEqual(["alice@example.com"]);
  });
});

describe("auth whoami with the sessions stored for another endpoint", () => {
  it("names the flag that reaches them (--endpoint-url, --local, --profile)", async () => {
    // No --endpoint-url: the AWS endpoint, where nothing was signed in.
    const env = { COGCTL_CONFIG_DIR: w.configDir, AWS_REGION: "us-east-1", AWS_PROFILE: "" };
    const aws = await runCli(["auth", "whoami"], { env });
    expect(aws.code).toBe(252);
    expect(aws.stderr).toContain(`No stored session for profile 'default' at AWS.`);
    expect(aws.stderr).toContain(`--endpoint-url ${w.local.server.url} (alice@example.com`);

    // A session signed in with --local (its file as `auth login --local` writes it).
    const file = sessionFiles()[0];
    const local = { ...readSession(file), endpoint: "local", typedUsername: "dave@example.com" };
    writeFileSync(join(w.configDir, "sessions", `local-${file}`), JSON.stringify(local));
    const here = await w.cli(["auth", "whoami", "--username", "dave@example.com"]);
    expect(here.code).toBe(252);
    expect(here.stderr).toMatch(/reached with: --local \(dave@example\.com/);
    const work = await runCli(["auth", "whoami"], { env: { ...env, AWS_PROFILE: "work" } });
    expect(work.stderr).toMatch(/--profile default --endpoint-url http/);
  });
});

describe("TOTP set-up names the account by the email, and --totp-secret-out warns when unused", () => {
  it("the QR code encodes otpauth://totp/Cognito:<email>, the key is on its own line", async () => {
    const mfaPool = await w.pool({ UsernameAttributes: ["email"] });
    await w.totp(mfaPool);
    const { clientId: mfaClient } = await w.client(mfaPool);
    await w.user(mfaPool, "erin@example.com", "Erin-password-1", { permanent: true });
    const r = await w.cli([...login("erin@example.com", mfaPool, mfaClient), "--password-stdin"], {
      stdin: "Erin-password-1",
      tty: true,
      prompterFor: (io) =>
        scriptedPrompter([
          [/Set up which second factor/, "SOFTWARE_TOKEN_MFA"],
          [/Code from your authenticator app/, () => totpCode(totpKeyIn(io.err()) ?? "missing")],
        ]),
    });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/The pool requires MFA and erin@example\.com \(username [0-9a-f-]+\) has none/);
    const key = totpKeyIn(r.stderr) as string;
    expect(key).toMatch(/^[A-Z2-7]{32}$/);
    const uri = otpauthUri({ secret: key, account: "erin@example.com", issuer: "Cognito" });
    expect(uri).toBe(`otpauth://totp/Cognito:erin%40example.com?secret=${key}&issuer=Cognito`);
    const qr = await QRCode.toString(uri, { type: "terminal", small: true, errorCorrectionLevel: "L" });
    const rows = qr.slice(0, qr.lastIndexOf("\n") + 1);
    expect(r.stderr).toContain(`${rows}  ${key.replace(/(.{4})(?=.)/g, "$1 ")}\n`);
    expect(rows.split("\n").length - 1).toBeLessThanOrEqual(20);
    // The secret appears only on the terminal screen, never as a URI in the clear.
    expect(r.stderr).not.toContain("otpauth://");
  });

  it("--totp-secret-out with no TOTP set-up warns, writes nothing; auth mfa setup totp labels by the email", async () => {
    await w.user(poolId, "fay@example.com", "Fay-password-1", { permanent: true });
    const out = join(w.configDir, "never-written.secret");
    const r = await w.cli([...login("fay@example.com"), "--password-stdin", "--totp-secret-out", out], {
      stdin: "Fay-password-1",
    });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`--totp-secret-out: no authenticator was set up during this sign-in`);
    expect(() => readFileSync(out)).toThrow(/ENOENT/);

    // auth mfa setup totp (with the stored session) labels the authenticator by the email too.
    const setup = await w.cli(["auth", "mfa", "setup", "totp", "--username", "fay@example.com"], {
      tty: true,
      prompterFor: (io) =>
        scriptedPrompter([
          [/Code from your authenticator app/, () => totpCode(totpKeyIn(io.err()) ?? "missing")],
        ]),
    });
    expect(setup.code).toBe(0);
    const key = totpKeyIn(setup.stderr) as string;
    const uri = otpauthUri({ secret: key, account: "fay@example.com", issuer: "Cognito" });
    const qr = await QRCode.toString(uri, { type: "terminal", small: true, errorCorrectionLevel: "L" });
    expect(setup.stderr).toContain(qr.slice(0, qr.lastIndexOf("\n") + 1));
    expect(setup.stderr).toMatch(
      /TOTP MFA is on for fay@example\.com \(username [0-9a-f-]{36}\) \(preferred\)/,
    );
  });
});

describe("pool and client picked from a list on a terminal", () => {
  it("lists every pool (several pages), takes the only client saying so; without a terminal exit 252", async () => {
    // More pools than one ListUserPools page (60) holds.
    for (let i = 0; i < 61; i++) await w.pool({ PoolName: `filler-${i}` });
    await w.user(poolId, "pat@example.com", "Pat-password-1", { permanent: true });
    const asked = scriptedPrompter([
      [/^User pool:/, poolId],
      [/Password for pat@example\.com/, "Pat-password-1"],
    ]);
    const r = await w.cli(["auth", "login", "--username", "pat@example.com"], {
      tty: true,
      prompter: asked,
    });
    expect(r.stderr).toContain("Signed in as pat@example.com");
    expect(r.code).toBe(0);
    const choice = asked.asked.find((a) => a.kind === "select");
    expect(choice?.flag).toBe("--user-pool-id");
    expect(choice?.choices).toContain(poolId);
    expect(choice?.choices?.length).toBeGreaterThan(61);
    expect(r.stderr).toContain(`App client: cli (${clientId}), the only one (--client-id to name another).`);

    const blind = await w.cli(["auth", "login", "--username", "pat@example.com", "--password-stdin"], {
      stdin: "Pat-password-1",
    });
    expect(blind.code).toBe(252);
    expect(blind.stderr).toMatch(/User pool id: no terminal to ask on\. Provide it with --user-pool-id/);
  });
});
