// The users task commands end to end, in process through main() and the real SDK over HTTP,
// against the embedded endpoint (port 0) and moto_server: names for pools and users, tables on a
// terminal, tab-separated lines in pipes, JSON with --query, the confirmation guard and stdin bulk.

import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminGetUserCommand,
  type CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  SignUpCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scriptedPrompter } from "./helpers/auth.js";
import { runCli } from "./helpers/cli.js";
import { type Endpoint, endpoints } from "./helpers/endpoints.js";
import { applyEnv, isolatedAwsEnv, testClient, useIsolatedDirs } from "./helpers/env.js";

describe.each(endpoints)("users commands against the %s", (_name, start) => {
  let endpoint: Endpoint;
  let client: CognitoIdentityProviderClient;
  let restoreEnv: () => void;
  let poolId: string;
  let aliceSub: string;
  // A unique pool name per run: moto and the endpoint are fresh, but names must still not clash.
  const poolName = "people";

  const cog = (argv: string[], opts: Parameters<typeof runCli>[1] = {}) =>
    runCli(["--endpoint-url", endpoint.url, ...argv], opts);
  const user = (username: string) =>
    client.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: username }));
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
      new CreateUserPoolCommand({
        PoolName: poolName,
        Schema: [{ Name: "team", AttributeDataType: "String", Mutable: true }],
      }),
    );
    poolId = pool.UserPool!.Id!;
    for (let i = 0; i < 2; i++) await client.send(new CreateUserPoolCommand({ PoolName: "twin" }));
    const alice = await createUser("alice", {
      email: "alice@example.com",
      phone_number: "+15550100",
      "custom:team": "blue",
    });
    aliceSub = alice.User!.Attributes!.find((a) => a.Name === "sub")!.Value!;
    await createUser("bob", { email: "bob@example.com", "custom:team": "red" });
    await createUser("carol", { email: "shared@example.com" });
    await createUser("dave", { email: "shared@example.com" });
    await client.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: "admins" }));
    await client.send(
      new AdminAddUserToGroupCommand({ UserPoolId: poolId, Username: "alice", GroupName: "admins" }),
    );
  });
  afterAll(async () => {
    client?.destroy();
    await endpoint?.close();
    restoreEnv?.();
  });

  describe("users list", () => {
    it("prints tab-separated lines in a pipe: no header, nothing cut, ISO times", async () => {
      const r = await cog(["users", "list", "--pool", poolName]);
      expect(r).toMatchObject({ code: 0, stderr: "" });
      const rows = r.stdout
        .trimEnd()
        .split("\n")
        .map((l) => l.split("\t"));
      expect(rows.map((row) => row[0]).sort()).toEqual(["alice", "bob", "carol", "dave"]);
      const alice = rows.find((row) => row[0] === "alice")!;
      expect(alice.slice(0, 4)).toEqual(["alice", "alice@example.com", "FORCE_CHANGE_PASSWORD", "yes"]);
      expect(Number.isNaN(Date.parse(alice[4]))).toBe(false);
      expect(alice[4]).toMatch(/^\d{4}-\d\d-\d\dT/);
    });

    it("prints a fitted table with a header and 'Showing N of about M users' on a terminal", async () => {
      const r = await cog(["users", "list", "--pool", poolName, "--attributes", "custom:team"], {
        stdoutTTY: true,
        stderrTTY: true,
        columns: 80,
      });
      expect(r.code).toBe(0);
      expect(r.stderr).toMatch(/Showing 4 of about \d+ users in people/);
      const lines = r.stdout.trimEnd().split("\n");
      // At 80 columns the attribute column gives way (its header breaks after the colon);
      // identifiers stay whole and nothing is cut.
      expect(lines[0]).toMatch(/^USERNAME\s+EMAIL\/PHONE\s+STATUS\s+ENABLED\s+CREATED\s+CUSTOM:$/);
      expect(lines[1]).toMatch(/^\s+TEAM$/);
      expect(lines).toHaveLength(6);
      expect(r.stdout).not.toContain("…");
      for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);
      expect(lines.find((l) => l.startsWith("alice"))).toMatch(
        /alice@example\.com\s+FORCE_CHANGE_PASSWORD\s+yes\s+(.* ago|just now)\s+blue$/,
      );
      const wide = await cog(["users", "list", "--pool", poolName, "--attributes", "custom:team"], {
        stdoutTTY: true,
        columns: 160,
      });
      expect(wide.stdout.split("\n")[0]).toMatch(/CREATED\s+CUSTOM:TEAM$/);
    });

    it("prints the ListUsers shape with --output json, and --query applies", async () => {
      const r = await cog([
        "users",
        "list",
        "--pool",
        poolName,
        "--output",
        "json",
        "--query",
        "Users[].Username",
      ]);
      expect(r.code).toBe(0);
      expect((JSON.parse(r.stdout) as string[]).sort()).toEqual(["alice", "bob", "carol", "dave"]);
    });

    it("--where sends the first usable condition to ListUsers and checks the rest itself", async () => {
      const r = await cog([
        "users",
        "list",
        "--pool",
        poolName,
        "--where",
        'email ^= "a" and status = FORCE_CHANGE_PASSWORD and custom:team = blue',
        "--debug",
      ]);
      expect(r.code).toBe(0);
      expect(r.stdout.split("\t")[0]).toBe("alice");
      expect(r.stdout.trimEnd().split("\n")).toHaveLength(1);
      expect(r.stderr).toContain('email ^= \\"a\\"');
      const red = await cog([
        "users",
        "list",
        "--pool",
        poolName,
        "--where",
        "custom:team != blue",
        "--limit",
        "5",
      ]);
      expect(
        red.stdout
          .split("\n")
          .map((l) => l.split("\t")[0])
          .filter(Boolean)
          .sort(),
      ).toEqual(["bob", "carol", "dave"]);
    });

    it("--group lists members; --limit stops early", async () => {
      const members = await cog(["users", "list", "--pool", poolName, "--group", "admins"]);
      expect(members.stdout.split("\t")[0]).toBe("alice");
      expect(members.stdout.trimEnd().split("\n")).toHaveLength(1);
      const two = await cog(["users", "list", "--pool", poolName, "--limit", "2"]);
      expect(two.stdout.trimEnd().split("\n")).toHaveLength(2);
    });
  });

  describe("names", () => {
    it.each([
      ["an email", "alice@example.com"],
      ["a phone number", "+15550100"],
      ["a username", "alice"],
    ])("users show finds alice by %s", async (_what, ref) => {
      const r = await cog(["users", "show", ref, "--pool", poolName]);
      expect(r.code, r.stderr).toBe(0);
      const fields = Object.fromEntries(
        r.stdout
          .trimEnd()
          .split("\n")
          .map((l) => l.split("\t")),
      );
      expect(fields).toMatchObject({
        username: "alice",
        status: "FORCE_CHANGE_PASSWORD",
        groups: "admins",
        mfa: "none", // said, not left blank
        "preferred mfa": "none",
        email: "alice@example.com",
      });
    });

    it("users show finds alice by sub, by pool id, and with COGCTL_POOL; JSON with --query", async () => {
      const r = await cog([
        "users",
        "show",
        aliceSub,
        "--pool",
        poolId,
        "--output",
        "json",
        "--query",
        "[Username, Groups]",
      ]);
      expect(JSON.parse(r.stdout)).toEqual(["alice", ["admins"]]);
      const viaEnv = await cog(["users", "show", "alice"], { env: { COGCTL_POOL: poolName } });
      expect(viaEnv.stdout).toContain("username\talice\n");
    });

    it("ambiguous and missing names exit 252 saying what matched or what was tried", async () => {
      const twin = await cog(["users", "list", "--pool", "twin"]);
      expect(twin.code).toBe(252);
      expect(twin.stderr).toMatch(
        /--pool twin: 2 user pools have that name \(us-east-1_\w+, us-east-1_\w+\)/,
      );
      const nopool = await cog(["users", "list", "--pool", "nobody-has-this"]);
      expect(nopool.code).toBe(252);
      expect(nopool.stderr).toMatch(/cogctl pools list/);
      const shared = await cog(["users", "show", "shared@example.com", "--pool", poolName]);
      expect(shared.code).toBe(252);
      expect(shared.stderr).toMatch(/matches several users .*(carol, dave|dave, carol)/);
      const ghost = await cog(["users", "show", "ghost@example.com", "--pool", poolName]);
      expect(ghost.code).toBe(252);
      expect(ghost.stderr).toMatch(/No user 'ghost@example.com' .*looked up by username or email/);
      const nopoolflag = await cog(["users", "list"], { env: { COGCTL_POOL: undefined } });
      expect(nopoolflag.code).toBe(252);
      expect(nopoolflag.stderr).toMatch(/--pool NAME\|ID/);
    });
  });

  describe("changing users", () => {
    it("disable refuses without a terminal or --yes (252, nothing changed), --dry-run changes nothing, --yes acts", async () => {
      const refused = await cog(["users", "disable", "bob@example.com", "--pool", poolName]);
      expect(refused.code).toBe(252);
      expect(refused.stderr).toMatch(
        /Would disable user in pool people \(us-east-1_\w+\):\n {2}bob@example.com/,
      );
      expect(refused.stderr).toMatch(/--yes/);
      expect((await user("bob")).Enabled).toBe(true);

      const dry = await cog(["users", "disable", "bob@example.com", "--pool", poolName, "--dry-run"]);
      expect(dry.code).toBe(0);
      expect(dry.stdout).toMatch(/^Would disable user in pool people/);
      expect((await user("bob")).Enabled).toBe(true);

      const done = await cog(["users", "disable", "bob@example.com", "--pool", poolName, "--yes"]);
      expect(done).toMatchObject({ code: 0, stdout: "" });
      expect((await user("bob")).Enabled).toBe(false);
      const disabled = await cog(["users", "list", "--pool", poolName, "--disabled"]);
      expect(disabled.stdout.split("\t")[0]).toBe("bob");

      const enabled = await cog(["users", "enable", "bob", "--pool", poolName], { stderrTTY: true });
      expect(enabled.code).toBe(0);
      expect(enabled.stderr).toContain("Enabled bob");
      expect((await user("bob")).Enabled).toBe(true);
    });

    it("disable asks yes/no on a terminal", async () => {
      const prompter = scriptedPrompter([[/Proceed/, true]]);
      const r = await cog(["users", "disable", "carol", "--pool", poolName], {
        stdinTTY: true,
        stderrTTY: true,
        prompter,
      });
      expect(r.code, r.stderr).toBe(0);
      expect(prompter.asked).toHaveLength(1);
      expect((await user("carol")).Enabled).toBe(false);
    });

    it("resend-invite resends to a user named by email", async () => {
      const r = await cog(["users", "resend-invite", "alice@example.com", "--pool", poolName]);
      expect(r.code, r.stderr).toBe(0);
      expect((await user("alice")).UserStatus).toBe("FORCE_CHANGE_PASSWORD");
    });

    it("create sets attributes and groups and never prints the temporary password", async () => {
      const secret = "Temp-Pass-123!";
      const r = await cog(
        [
          "users",
          "create",
          "erin",
          "--pool",
          poolName,
          "--email",
          "erin@example.com",
          "--attribute",
          "custom:team=green",
          "--group",
          "admins",
          "--temporary-password-stdin",
          "--suppress",
          "--debug",
        ],
        { stdin: `${secret}\n` },
      );
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/^username\terin\n/);
      expect(r.stdout + r.stderr).not.toContain(secret);
      const shown = await cog(["users", "show", "erin@example.com", "--pool", poolName, "--output", "json"]);
      const erin = JSON.parse(shown.stdout);
      expect(erin.Groups).toEqual(["admins"]);
      expect(erin.UserAttributes).toContainEqual({ Name: "custom:team", Value: "green" });
    });

    it("delete reads users from stdin, deletes what it can and exits non-zero naming what failed", async () => {
      await createUser("tmp1", { email: "tmp1@example.com" });
      await createUser("tmp2", { email: "tmp2@example.com" });
      const r = await cog(["users", "delete", "-", "--pool", poolName, "--yes"], {
        stdin: "tmp1@example.com\nno-such-user\ntmp2\n",
      });
      expect(r.code).not.toBe(0);
      expect(r.stderr).toMatch(/Deleted 2 of 3 users; 1 failed:\n {2}no-such-user: No user 'no-such-user'/);
      for (const gone of ["tmp1", "tmp2"])
        await expect(user(gone)).rejects.toMatchObject({ name: "UserNotFoundException" });
    });

    it("a bulk delete on a terminal makes you type the pool name", async () => {
      await createUser("tmp3", {});
      await createUser("tmp4", {});
      const wrong = scriptedPrompter([[/Type people to confirm/, "peple"]]);
      const refused = await cog(["users", "delete", "tmp3", "tmp4", "--pool", poolName], {
        stdinTTY: true,
        stderrTTY: true,
        prompter: wrong,
      });
      expect(refused.code).toBe(130);
      expect((await user("tmp3")).Username).toBe("tmp3");
      const right = scriptedPrompter([[/Type people to confirm/, "people"]]);
      const r = await cog(["users", "delete", "tmp3", "tmp4", "--pool", poolName], {
        stdinTTY: true,
        stderrTTY: true,
        prompter: right,
      });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toContain("Deleted 2 users");
      await expect(user("tmp4")).rejects.toMatchObject({ name: "UserNotFoundException" });
    });
  });

  describe("more verbs", () => {
    it("set-password reads stdin, makes the user CONFIRMED and never prints the password", async () => {
      await createUser("frank", { email: "frank@example.com", email_verified: "true" });
      const secret = "Frank-Pass-123!";
      const r = await cog(
        ["users", "set-password", "frank@example.com", "--pool", poolName, "--password-stdin", "--debug"],
        {
          stdin: `${secret}\n`,
        },
      );
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout + r.stderr).not.toContain(secret);
      expect((await user("frank")).UserStatus).toBe("CONFIRMED");
      const none = await cog(["users", "set-password", "frank", "--pool", poolName]);
      expect(none.code).toBe(252);
      expect(none.stderr).toMatch(/--password-stdin or --password-file/);
    });

    it("update sets and unsets attributes; reset-password and sign-out act by email", async () => {
      const r = await cog([
        "users",
        "update",
        "frank@example.com",
        "--pool",
        poolName,
        "--attribute",
        "custom:team=gold",
        "--attribute",
        "name=Frank",
      ]);
      expect(r.code, r.stderr).toBe(0);
      let attrs = (await user("frank")).UserAttributes ?? [];
      expect(attrs).toContainEqual({ Name: "custom:team", Value: "gold" });
      const unset = await cog(["users", "update", "frank", "--pool", poolName, "--unset", "name"]);
      expect(unset.code, unset.stderr).toBe(0);
      attrs = (await user("frank")).UserAttributes ?? [];
      expect(attrs.find((a) => a.Name === "name")).toBeUndefined();

      const refused = await cog(["users", "sign-out", "frank@example.com", "--pool", poolName]);
      expect(refused.code).toBe(252);
      const out = await cog(["users", "sign-out", "frank@example.com", "--pool", poolName, "--yes"]);
      expect(out.code, out.stderr).toBe(0);

      const reset = await cog(["users", "reset-password", "frank@example.com", "--pool", poolName]);
      expect(reset.code, reset.stderr).toBe(0);
      expect((await user("frank")).UserStatus).toBe("RESET_REQUIRED");
    });

    it("confirm confirms a signed-up user named by email", async () => {
      const app = await client.send(
        new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: "app" }),
      );
      await client.send(
        new SignUpCommand({
          ClientId: app.UserPoolClient!.ClientId!,
          Username: "gina",
          Password: "Gina-Pass-123!",
          UserAttributes: [{ Name: "email", Value: "gina@example.com" }],
        }),
      );
      expect((await user("gina")).UserStatus).toBe("UNCONFIRMED");
      const r = await cog(["users", "confirm", "gina@example.com", "--pool", poolName]);
      expect(r.code, r.stderr).toBe(0);
      expect((await user("gina")).UserStatus).toBe("CONFIRMED");
    });

    it("groups add takes users by email from stdin; groups list prints names in a pipe and JSON with --query", async () => {
      await client.send(
        new CreateGroupCommand({ UserPoolId: poolId, GroupName: "staff", Description: "Everyone" }),
      );
      const r = await cog(["groups", "add", "staff", "-", "--pool", poolName], {
        stdin: "bob@example.com\nnobody@example.com\n",
      });
      expect(r.code).not.toBe(0);
      expect(r.stderr).toMatch(/Added to staff 1 of 2 users; 1 failed:\n {2}nobody@example.com: No user/);
      const members = await cog(["users", "list", "--pool", poolName, "--group", "staff"]);
      expect(members.stdout.split("\t")[0]).toBe("bob");
      const listed = await cog(["groups", "list", "--pool", poolName]);
      expect(
        listed.stdout
          .split("\n")
          .map((l) => l.split("\t")[0])
          .filter(Boolean)
          .sort(),
      ).toEqual(["admins", "staff"]);
      const json = await cog([
        "groups",
        "list",
        "--pool",
        poolName,
        "--output",
        "json",
        "--query",
        "Groups[].GroupName",
      ]);
      expect((JSON.parse(json.stdout) as string[]).sort()).toEqual(["admins", "staff"]);
    });
  });

  it("every users command has examples in its help", async () => {
    const verbs = ["list", "show", "create", "disable", "enable", "delete", "resend-invite", "set-password"];
    for (const verb of [...verbs, "sign-out", "confirm", "reset-password", "update"]) {
      const r = await cog(["users", verb, "--help"]);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`\\nExamples:\\n[\\s\\S]*\\n {4}cogctl users ${verb} `));
    }
  });
});

describe("users commands with --local (the embedded endpoint in process)", () => {
  useIsolatedDirs("cogctl-users-local-");

  it("creates, lists, disables and deletes by name", async () => {
    const pool = await runCli(["--local", "create-user-pool", "--pool-name", "offline"]);
    expect(pool.code, pool.stderr).toBe(0);
    const created = await runCli([
      "--local",
      "users",
      "create",
      "zoe",
      "--pool",
      "offline",
      "--email",
      "zoe@example.com",
      "--suppress",
    ]);
    expect(created.code, created.stderr).toBe(0);
    const listed = await runCli(["--local", "users", "list", "--pool", "offline"]);
    expect(listed.stdout).toMatch(/^zoe\tzoe@example\.com\tFORCE_CHANGE_PASSWORD\tyes\t/);
    expect(
      (await runCli(["--local", "users", "disable", "zoe@example.com", "--pool", "offline", "--yes"])).code,
    ).toBe(0);
    const shown = await runCli(["--local", "users", "show", "zoe", "--pool", "offline"]);
    expect(shown.stdout).toContain("enabled\tno\n");
    expect((await runCli(["--local", "users", "delete", "zoe", "--pool", "offline", "--yes"])).code).toBe(0);
    expect((await runCli(["--local", "users", "list", "--pool", "offline"])).stdout).toBe("");
  });
});
