// `cogctl users mfa` end to end, in process through main() and the real SDK over HTTP, against the
// embedded endpoint (port 0) and moto_server: the settings shown without flags (pipe, terminal,
// JSON with --query), --prefer and --disable-* through AdminSetUserMFAPreference, the service's
// refusal of a method the user cannot receive, flag mistakes, and stdin bulk with a partial failure.

import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  type CognitoIdentityProviderClient,
  CreateUserPoolCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./helpers/cli.js";
import { type Endpoint, endpoints } from "./helpers/endpoints.js";
import { applyEnv, isolatedAwsEnv, testClient } from "./helpers/env.js";
import { startLocal } from "./helpers/local-server.js";

const fieldsOf = (stdout: string) =>
  Object.fromEntries(
    stdout
      .trimEnd()
      .split("\n")
      .map((l) => l.split("\t")),
  );

describe.each(endpoints)("users mfa against the %s", (_name, start) => {
  let endpoint: Endpoint;
  let client: CognitoIdentityProviderClient;
  let restoreEnv: () => void;
  let poolId: string;
  const poolName = "secure";

  const cog = (argv: string[], opts: Parameters<typeof runCli>[1] = {}) =>
    runCli(["--endpoint-url", endpoint.url, ...argv], opts);
  const mfaOf = async (username: string) => {
    const u = await client.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: username }));
    return {
      enabled: [...(u.UserMFASettingList ?? [])].sort(),
      preferred: u.PreferredMfaSetting || undefined,
    };
  };
  const createUser = (username: string, attrs: Record<string, string>) =>
    client.send(
      new AdminCreateUserCommand({
        UserPoolId: poolId,
        Username: username,
        MessageAction: "SUPPRESS",
        UserAttributes: Object.entries(attrs).map(([Name, Value]) => ({ Name, Value })),
      }),
    );

  beforeAll(async () => {
    restoreEnv = applyEnv(isolatedAwsEnv());
    endpoint = await start();
    client = testClient(endpoint.url);
    const pool = await client.send(
      new CreateUserPoolCommand({ PoolName: poolName, MfaConfiguration: "OPTIONAL" }),
    );
    poolId = pool.UserPool!.Id!;
    for (const name of ["alice", "bob", "carol"]) {
      await createUser(name, {
        email: `${name}@example.com`,
        email_verified: "true",
        phone_number: `+1555010${name.length}${name.charCodeAt(0) % 10}`,
        phone_number_verified: "true",
      });
    }
  });
  afterAll(async () => {
    client?.destroy();
    await endpoint?.close();
    restoreEnv?.();
  });

  it("without flags shows every method off and no preference, in a pipe", async () => {
    const r = await cog(["users", "mfa", "alice@example.com", "--pool", poolName]);
    expect(r).toMatchObject({ code: 0, stderr: "" });
    expect(fieldsOf(r.stdout)).toEqual({
      username: "alice",
      pool: `${poolName} (${poolId})`,
      totp: "off",
      sms: "off",
      email: "off",
      preferred: "none",
    });
  });

  it("--prefer sms turns SMS on and makes it preferred; the settings show it, as JSON too", async () => {
    const r = await cog(["users", "mfa", "alice@example.com", "--pool", poolName, "--prefer", "sms"], {
      stderrTTY: true,
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain("Changed MFA of alice (alice@example.com)");
    expect(await mfaOf("alice")).toEqual({ enabled: ["SMS_MFA"], preferred: "SMS_MFA" });

    const shown = await cog(["users", "mfa", "alice", "--pool", poolName]);
    expect(fieldsOf(shown.stdout)).toMatchObject({ sms: "on", totp: "off", preferred: "sms" });
    const json = await cog([
      "users",
      "mfa",
      "alice",
      "--pool",
      poolName,
      "--output",
      "json",
      "--query",
      "[UserMFASettingList, PreferredMfaSetting]",
    ]);
    expect(JSON.parse(json.stdout)).toEqual([["SMS_MFA"], "SMS_MFA"]);
    const terminal = await cog(["users", "mfa", "alice", "--pool", poolName], {
      stdoutTTY: true,
      columns: 80,
    });
    expect(terminal.stdout).toMatch(/^sms: +on$/m);
    expect(terminal.stdout).toMatch(/^preferred: +sms$/m);
  });

  it("--disable-sms turns it off again", async () => {
    const r = await cog(["users", "mfa", "alice", "--pool", poolName, "--disable-sms"]);
    expect(r.code, r.stderr).toBe(0);
    expect((await mfaOf("alice")).enabled).toEqual([]);
    expect(fieldsOf((await cog(["users", "mfa", "alice", "--pool", poolName])).stdout)).toMatchObject({
      sms: "off",
      preferred: "none",
    });
  });

  it("--prefer totp for a user without a verified authenticator is the service's refusal (254)", async () => {
    const r = await cog(["users", "mfa", "carol", "--pool", poolName, "--prefer", "totp"]);
    expect(r.code).toBe(254);
    expect(r.stderr).toMatch(/InvalidParameterException.*AdminSetUserMFAPreference.*software token/);
    expect((await mfaOf("carol")).enabled).toEqual([]);
  });

  it("flag mistakes are a bad command line (252) and send nothing", async () => {
    const fax = await cog(["users", "mfa", "alice", "--pool", poolName, "--prefer", "fax"]);
    expect(fax.code).toBe(252);
    expect(fax.stderr).toMatch(/--prefer fax: give totp, sms or email/);
    const both = await cog(["users", "mfa", "alice", "--pool", poolName, "--prefer", "sms", "--disable-sms"]);
    expect(both.code).toBe(252);
    expect(both.stderr).toMatch(/--prefer sms and --disable-sms exclude each other/);
    expect((await mfaOf("alice")).enabled).toEqual([]);
    const showMany = await cog(["users", "mfa", "-", "--pool", poolName], { stdin: "alice\n" });
    expect(showMany.code).toBe(252);
    expect(showMany.stderr).toMatch(/name one user/);
    const showTwo = await cog(["users", "mfa", "alice", "bob", "--pool", poolName]);
    expect(showTwo.code).toBe(252);
    expect(showTwo.stderr).toMatch(/name one user/);
    const ghost = await cog(["users", "mfa", "ghost@example.com", "--pool", poolName]);
    expect(ghost.code).toBe(252);
    expect(ghost.stderr).toMatch(/No user 'ghost@example.com'/);
  });

  it("reads users from stdin with -, changes what it can and exits non-zero naming what failed", async () => {
    const r = await cog(["users", "mfa", "-", "--pool", poolName, "--prefer", "sms"], {
      stdin: "alice@example.com\nnobody@example.com\nbob\n",
    });
    expect(r.code).toBe(252);
    expect(r.stderr).toMatch(/Changed MFA of 2 of 3 users; 1 failed:\n {2}nobody@example.com: No user/);
    for (const u of ["alice", "bob"])
      expect(await mfaOf(u)).toEqual({ enabled: ["SMS_MFA"], preferred: "SMS_MFA" });
    const off = await cog(["users", "mfa", "-", "--pool", poolName, "--disable-sms"], {
      stdin: "alice\nbob\n",
      stderrTTY: true,
    });
    expect(off.code, off.stderr).toBe(0);
    expect(off.stderr).toContain("Changed MFA of 2 users");
    for (const u of ["alice", "bob"]) expect((await mfaOf(u)).enabled).toEqual([]);
  });

  it("has examples in its help", async () => {
    const r = await cog(["users", "mfa", "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\nExamples:\n[\s\S]*\n {4}cogctl users mfa /);
    expect(r.stdout).toMatch(/--prefer <method>/);
  });
});

// moto (5.x) ignores EmailMfaSettings, so email MFA is checked where it is implemented.
describe("users mfa --prefer email against the embedded endpoint", () => {
  let local: Awaited<ReturnType<typeof startLocal>>;
  let restoreEnv: () => void;
  let poolId: string;
  const cog = (argv: string[]) => runCli(["--endpoint-url", local.server.url, ...argv]);
  const enabled = async (username: string) =>
    (await local.client.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: username })))
      .UserMFASettingList ?? [];
  beforeAll(async () => {
    restoreEnv = applyEnv(isolatedAwsEnv());
    local = await startLocal();
    poolId = (
      await local.client.send(new CreateUserPoolCommand({ PoolName: "mail", MfaConfiguration: "OPTIONAL" }))
    ).UserPool!.Id!;
    for (const [name, attrs] of [
      ["bob", [{ Name: "email", Value: "bob@example.com" }]],
      ["nomail", []],
    ] as const)
      await local.client.send(
        new AdminCreateUserCommand({
          UserPoolId: poolId,
          Username: name,
          MessageAction: "SUPPRESS",
          UserAttributes: [...attrs],
        }),
      );
  });
  afterAll(async () => {
    await local?.close();
    restoreEnv?.();
  });

  it("turns email MFA on and off; a user without an email is refused by the service", async () => {
    const r = await cog(["users", "mfa", "bob@example.com", "--pool", "mail", "--prefer", "email"]);
    expect(r.code, r.stderr).toBe(0);
    expect(await enabled("bob")).toEqual(["EMAIL_OTP"]);
    const shown = fieldsOf((await cog(["users", "mfa", "bob", "--pool", "mail"])).stdout);
    expect(shown).toMatchObject({ email: "on", preferred: "email" });
    expect((await cog(["users", "mfa", "bob", "--pool", "mail", "--disable-email"])).code).toBe(0);
    expect(await enabled("bob")).toEqual([]);
    const refused = await cog(["users", "mfa", "nomail", "--pool", "mail", "--prefer", "email"]);
    expect(refused.code).toBe(254);
    expect(refused.stderr).toMatch(/InvalidParameterException.*EMAIL_OTP/);
  });
});
