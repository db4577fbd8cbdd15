// The session store, the device store and the small pieces around them: 0600 files in a 0700
// directory written atomically, the session choice rule, answer sources, the password policy check,
// token decoding.
import { chmodSync, mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Answers } from "../src/auth/answers.js";
import { findDevice, forgetStoredDevice, saveDevice, updateDeviceAlias } from "../src/auth/device-store.js";
import { policyCheck } from "../src/auth/password-policy.js";
import {
  chooseSession,
  deleteSession,
  isDefault,
  listSessions,
  makeDefault,
  type StoredSession,
  saveSession,
} from "../src/auth/session-store.js";
import { readableClaims, relativeTime } from "../src/auth/token-decode.js";
import { describeUser } from "../src/auth/user-names.js";
import { UsageError } from "../src/kernel/errors.js";
import { createInquirerPrompter } from "../src/kernel/io/inquirer-prompter.js";
import { createTestIO } from "../src/kernel/io/test-io.js";
import { tempDir } from "./helpers/auth.js";

const session = (over: Partial<StoredSession>): StoredSession => ({
  version: 1,
  profile: "default",
  userPoolId: "us-east-1_P",
  clientId: "c1",
  username: "alice",
  accessToken: "a",
  expiresAt: "2030-01-01T00:00:00.000Z",
  signedInAt: "2026-01-01T00:00:00.000Z",
  updatedAt: "2026-01-01T00:00:00.000Z",
  ...over,
});

describe("session store", () => {
  it("writes 0600 files in a 0700 directory, tightening a directory created too open, leaving no temp files", async () => {
    const dir = tempDir();
    mkdirSync(join(dir, "sessions"), { mode: 0o755 });
    chmodSync(join(dir, "sessions"), 0o755);
    await saveSession(dir, session({ username: "a/b@c.d" }));
    await saveSession(dir, session({ username: "a/b@c.d", accessToken: "newer" }));
    expect(statSync(join(dir, "sessions")).mode & 0o777).toBe(0o700);
    const files = readdirSync(join(dir, "sessions"));
    expect(files).toEqual(["default.us-east-1_P.c1.a%2fb@c%2ed.json"]);
    expect(statSync(join(dir, "sessions", files[0])).mode & 0o777).toBe(0o600);
    expect((await listSessions(dir))[0].accessToken).toBe("newer");
  });

  it("chooses the most recent session of the profile and endpoint, narrowed by pool, client or user", async () => {
    const dir = tempDir();
    await saveSession(dir, session({ username: "old", updatedAt: "2026-01-01T00:00:00.000Z" }));
    await saveSession(dir, session({ username: "new", updatedAt: "2026-02-01T00:00:00.000Z" }));
    await saveSession(
      dir,
      session({ username: "local", endpoint: "local", updatedAt: "2026-03-01T00:00:00.000Z" }),
    );
    await saveSession(
      dir,
      session({ username: "other", profile: "work", updatedAt: "2026-04-01T00:00:00.000Z" }),
    );
    expect((await chooseSession(dir, { profile: "default", endpoint: null })).username).toBe("new");
    expect((await chooseSession(dir, { profile: "default", endpoint: null, username: "old" })).username).toBe(
      "old",
    );
    expect((await chooseSession(dir, { profile: "default", endpoint: "local" })).username).toBe("local");
    expect((await chooseSession(dir, { profile: "work", endpoint: null })).username).toBe("other");
    await expect(
      chooseSession(dir, { profile: "default", endpoint: null, userPoolId: "us-east-1_X" }),
    ).rejects.toThrow(
      /No stored session for profile 'default' at AWS \(pool us-east-1_X\)\. Sign in first with 'cogctl auth login'/,
    );
    // Sessions from before the default was recorded: the most recent was the default; once it is
    // signed out, the older one is not taken in its place.
    await deleteSession(dir, session({ username: "new" }));
    await expect(chooseSession(dir, { profile: "default", endpoint: null })).rejects.toThrow(
      /No default session for profile 'default' at AWS: new signed out.*stored: old/,
    );
    expect((await chooseSession(dir, { profile: "default", endpoint: null, username: "old" })).username).toBe(
      "old",
    );
  });

  it("the last sign-in is the default even after another session is refreshed; signing it out leaves none", async () => {
    const dir = tempDir();
    const first = session({
      username: "u-1",
      typedUsername: "one@example.com",
      updatedAt: "2026-01-01T00:00:00.000Z",
    });
    const second = session({
      username: "u-2",
      typedUsername: "two@example.com",
      updatedAt: "2026-01-02T00:00:00.000Z",
    });
    for (const s of [first, second]) {
      await saveSession(dir, s);
      await makeDefault(dir, s);
    }
    // first refreshed later: still not the default.
    await saveSession(dir, { ...first, updatedAt: "2026-01-03T00:00:00.000Z" });
    const filter = { profile: "default", endpoint: null };
    expect((await chooseSession(dir, filter)).username).toBe("u-2");
    expect(await isDefault(dir, second)).toBe(true);
    expect(await isDefault(dir, first)).toBe(false);
    // A flag that matches both picks the default; one that names the other picks it.
    expect((await chooseSession(dir, { ...filter, clientId: "c1" })).username).toBe("u-2");
    expect((await chooseSession(dir, { ...filter, username: "one@example.com" })).username).toBe("u-1");

    await deleteSession(dir, second);
    await expect(chooseSession(dir, filter)).rejects.toThrow(
      /No default session .*two@example\.com \(username u-2\) signed out.*stored: one@example\.com \(username u-1\)/,
    );
    expect(await isDefault(dir, first)).toBe(false);
    expect((await chooseSession(dir, { ...filter, username: "u-1" })).username).toBe("u-1");
    // Deleting a session that is not the default leaves the default alone.
    await saveSession(dir, second);
    await makeDefault(dir, second);
    await deleteSession(dir, first);
    expect((await chooseSession(dir, filter)).username).toBe("u-2");
  });

  it("names a user by what was typed, the email and the username where they differ", () => {
    expect(describeUser({ username: "alice" })).toBe("alice");
    expect(describeUser({ username: "alice", typed: "alice" })).toBe("alice");
    expect(describeUser({ username: "u-1", typed: "a@x.io", email: "a@x.io" })).toBe("a@x.io (username u-1)");
    expect(describeUser({ username: "u-1", typed: "+15550100", email: "a@x.io" })).toBe(
      "+15550100 (a@x.io, username u-1)",
    );
    expect(describeUser({ username: "u-1", phone: "+15550100" })).toBe("+15550100 (username u-1)");
  });

  it("skips a hand-broken file instead of failing every command", async () => {
    const dir = tempDir();
    await saveSession(dir, session({}));
    writeFileSync(join(dir, "sessions", "broken.json"), "{not json");
    expect(await listSessions(dir)).toHaveLength(1);
  });
});

describe("device store", () => {
  it("keeps device secrets 0600 per profile, pool and user", async () => {
    const dir = tempDir();
    const key = { profile: "default", userPoolId: "us-east-1_P", username: "alice" };
    await saveDevice(dir, {
      version: 1,
      ...key,
      deviceKey: "dk",
      deviceGroupKey: "gk",
      randomPassword: "rp",
      rememberedAt: "now",
    });
    const file = readdirSync(join(dir, "devices"))[0];
    expect(statSync(join(dir, "devices", file)).mode & 0o777).toBe(0o600);
    expect((await findDevice(dir, key))?.deviceKey).toBe("dk");
    expect(await findDevice(dir, { ...key, username: "bob" })).toBeUndefined();
    await forgetStoredDevice(dir, key);
    expect(await findDevice(dir, key)).toBeUndefined();
  });

  it("finds a device by a recorded alias, the real username first; aliases are added and dropped", async () => {
    const dir = tempDir();
    const pool = { version: 1 as const, profile: "default", userPoolId: "us-east-1_P", rememberedAt: "now" };
    const secret = { deviceGroupKey: "gk", randomPassword: "rp" };
    await saveDevice(dir, { ...pool, ...secret, username: "alice", deviceKey: "dk-a", aliases: ["a@x.com"] });
    // A user whose username is another user's alias: the username wins.
    await saveDevice(dir, { ...pool, ...secret, username: "a@x.com", deviceKey: "dk-b" });
    const find = (username: string, userPoolId = pool.userPoolId) =>
      findDevice(dir, { profile: "default", userPoolId, username });
    expect((await find("a@x.com"))?.deviceKey).toBe("dk-b");
    expect(await find("alice", "us-east-1_Other")).toBeUndefined();
    const alice = (await find("alice"))!;
    await updateDeviceAlias(dir, alice, "+15555550100");
    expect((await find("+15555550100"))?.aliases).toEqual(["a@x.com", "+15555550100"]);
    await updateDeviceAlias(dir, (await find("alice"))!, "a@x.com", true);
    expect((await find("alice"))?.aliases).toEqual(["+15555550100"]);
    await updateDeviceAlias(dir, (await find("alice"))!, "alice"); // the username is no alias
    expect((await find("alice"))?.aliases).toEqual(["+15555550100"]);
    // A hand-edited file with a non-list aliases member matches nothing by alias.
    await saveDevice(dir, { ...alice, aliases: "+15555550100" as unknown as string[] });
    expect(await find("+1555")).toBeUndefined();
  });
});

describe("answer sources", () => {
  const prompterless = (io: ReturnType<typeof createTestIO>) => createInquirerPrompter(io);

  it("--password-stdin strips one trailing newline and is read once", async () => {
    const io = createTestIO({ stdin: "pass word\n\n" });
    const a = new Answers({ passwordStdin: true }, io, prompterless(io));
    expect(await a.password("u")).toBe("pass word\n");
    expect(await a.password("u")).toBe("pass word\n");
  });

  it("--password-file, then COGCTL_PASSWORD; --password-stdin with --password-file is refused", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "pw"), "from-file\r\n");
    const io = createTestIO({ env: { COGCTL_PASSWORD: "from-env" } });
    expect(await new Answers({ passwordFile: join(dir, "pw") }, io, prompterless(io)).password("u")).toBe(
      "from-file",
    );
    expect(await new Answers({}, io, prompterless(io)).password("u")).toBe("from-env");
    expect(() => new Answers({ passwordFile: "x", passwordStdin: true }, io, prompterless(io))).toThrow(
      UsageError,
    );
    await expect(
      new Answers({ passwordFile: join(dir, "missing") }, io, prompterless(io)).password("u"),
    ).rejects.toThrow(/--password-file: cannot read .*missing: no such file/);
  });

  it("--mfa-code is used once; --attribute needs NAME=VALUE", async () => {
    const io = createTestIO();
    const a = new Answers({ mfaCode: "123456" }, io, prompterless(io));
    expect(await a.code("Code:")).toEqual({ code: "123456", typed: false });
    await expect(a.code("Code:")).rejects.toThrow(
      /Code: no terminal to ask on\. Provide it with --mfa-code, --code-command, COGCTL_MFA_CODE or COGCTL_CODE_COMMAND/,
    );
    expect(() => new Answers({ attribute: ["novalue"] }, io, prompterless(io))).toThrow(/NAME=VALUE/);
    expect(
      await new Answers({ attribute: ["userAttributes.name=Al"] }, io, prompterless(io)).attribute("name"),
    ).toBe("Al");
  });
});

describe("password policy and token decoding", () => {
  it("lists everything the password lacks", () => {
    const check = policyCheck({
      MinimumLength: 12,
      RequireUppercase: true,
      RequireLowercase: true,
      RequireNumbers: true,
      RequireSymbols: true,
    });
    expect(check("abc")).toBe(
      "The password needs at least 12 characters, an uppercase letter, a number, a symbol.",
    );
    expect(check("Abcdefghij1 x")).toBe(true);
    expect(policyCheck(undefined)("x")).toBe(true);
  });

  it("spells out time claims", () => {
    const payload = Buffer.from(
      JSON.stringify({ sub: "s", exp: 1_800_000_000, iat: 1_799_996_400 }),
    ).toString("base64url");
    const claims = readableClaims(`eyJhbGciOiJSUzI1NiJ9.${payload}.sig`, new Date(1_799_998_200_000));
    expect(claims).toMatchObject({
      sub: "s",
      exp_readable: "2027-01-15T08:00:00.000Z (in 30 minutes)",
      iat_readable: expect.stringMatching(/30 minutes ago/),
    });
    expect(readableClaims("not-a-jwt", new Date())).toBeUndefined();
    expect(relativeTime(new Date(0), new Date(86_400_000 * 3))).toBe("3 days ago");
  });
});
