// The groups task commands end to end, in process through main() and the real SDK over HTTP,
// against the embedded endpoint (port 0) and moto_server: show, create, delete, members, add and
// remove by name; tab-separated lines in pipes, tables on a terminal, JSON with --query; the
// confirmation guard (--yes, --dry-run, the refusal without a terminal, the question on one) and
// stdin bulk with a partial failure.

import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminListGroupsForUserCommand,
  type CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolCommand,
  GetGroupCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scriptedPrompter } from "./helpers/auth.js";
import { runCli } from "./helpers/cli.js";
import { type Endpoint, endpoints } from "./helpers/endpoints.js";
import { applyEnv, isolatedAwsEnv, testClient, useIsolatedDirs } from "./helpers/env.js";

/** More than one ListUsersInGroup page (Cognito's largest is 60). */
const MANY = 61;

const fieldsOf = (stdout: string) =>
  Object.fromEntries(
    stdout
      .trimEnd()
      .split("\n")
      .map((l) => l.split("\t")),
  );
const firstColumn = (stdout: string) =>
  stdout
    .split("\n")
    .filter(Boolean)
    .map((l) => l.split("\t")[0])
    .sort();

describe.each(endpoints)("groups commands against the %s", (_name, start) => {
  let endpoint: Endpoint;
  let client: CognitoIdentityProviderClient;
  let restoreEnv: () => void;
  let poolId: string;
  const poolName = "teams";

  const cog = (argv: string[], opts: Parameters<typeof runCli>[1] = {}) =>
    runCli(["--endpoint-url", endpoint.url, ...argv], opts);
  const groupsOf = async (username: string) =>
    (await client.send(new AdminListGroupsForUserCommand({ UserPoolId: poolId, Username: username })))
      .Groups!.map((g) => g.GroupName!)
      .sort();
  const createUser = (username: string, attrs: Record<string, string> = {}) =>
    client.send(
      new AdminCreateUserCommand({
        UserPoolId: poolId,
        Username: username,
        MessageAction: "SUPPRESS",
        UserAttributes: Object.entries(attrs).map(([Name, Value]) => ({ Name, Value })),
      }),
    );
  const addToGroup = (username: string, group: string) =>
    client.send(new AdminAddUserToGroupCommand({ UserPoolId: poolId, Username: username, GroupName: group }));

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
    await createUser("alice", { email: "alice@example.com", "custom:team": "blue" });
    await createUser("bob", { email: "bob@example.com", phone_number: "+15550101" });
    await createUser("carol", { email: "carol@example.com" });
    await client.send(
      new CreateGroupCommand({ UserPoolId: poolId, GroupName: "crowd", Description: "Many people" }),
    );
    for (let i = 0; i < MANY; i++) {
      await createUser(`member${String(i).padStart(2, "0")}`);
      await addToGroup(`member${String(i).padStart(2, "0")}`, "crowd");
    }
  });
  afterAll(async () => {
    client?.destroy();
    await endpoint?.close();
    restoreEnv?.();
  });

  describe("groups create and show", () => {
    it("create prints the new group's fields in a pipe and sends description, precedence and role", async () => {
      const role = "arn:aws:iam::123456789012:role/ops";
      const r = await cog([
        "groups",
        "create",
        "ops",
        "--pool",
        poolName,
        "--description",
        "On-call engineers",
        "--precedence",
        "3",
        "--role-arn",
        role,
      ]);
      expect(r.code, r.stderr).toBe(0);
      expect(fieldsOf(r.stdout)).toMatchObject({
        name: "ops",
        pool: `${poolName} (${poolId})`,
        description: "On-call engineers",
        precedence: "3",
        "role arn": role,
        members: "0",
      });
      const { Group: group } = await client.send(
        new GetGroupCommand({ UserPoolId: poolId, GroupName: "ops" }),
      );
      expect(group).toMatchObject({ Description: "On-call engineers", Precedence: 3, RoleArn: role });
    });

    it("create checks the model's bounds before sending and reports a duplicate as the service does", async () => {
      const negative = await cog(["groups", "create", "neg", "--pool", poolName, "--precedence", "-1"]);
      expect(negative.code).toBe(252);
      expect(negative.stderr).toMatch(/--precedence: -1 is below the minimum of 0/);
      const word = await cog(["groups", "create", "neg", "--pool", poolName, "--precedence", "high"]);
      expect(word.code).toBe(252);
      expect(word.stderr).toMatch(/--precedence high: give a whole number/);
      const long = await cog([
        "groups",
        "create",
        "neg",
        "--pool",
        poolName,
        "--description",
        "x".repeat(2049),
      ]);
      expect(long.code).toBe(252);
      expect(long.stderr).toMatch(/--description: .*longer than the maximum length of 2048/);
      await expect(
        client.send(new GetGroupCommand({ UserPoolId: poolId, GroupName: "neg" })),
      ).rejects.toThrow();
      const twice = await cog(["groups", "create", "ops", "--pool", poolName]);
      expect(twice.code).toBe(254);
      expect(twice.stderr).toMatch(/GroupExistsException/);
    });

    it("create with --output json prints CreateGroup's shape, and --query applies", async () => {
      const r = await cog([
        "groups",
        "create",
        "readers",
        "--pool",
        poolName,
        "--precedence",
        "9",
        "--output",
        "json",
        "--query",
        "Group.[GroupName, Precedence]",
      ]);
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toEqual(["readers", 9]);
    });

    it("show counts the members over every ListUsersInGroup page", async () => {
      const r = await cog(["groups", "show", "crowd", "--pool", poolName]);
      expect(r.code, r.stderr).toBe(0);
      const fields = fieldsOf(r.stdout);
      expect(fields).toMatchObject({ name: "crowd", description: "Many people", members: String(MANY) });
      expect(fields.created).toMatch(/^\d{4}-\d\d-\d\dT/);
      const json = await cog([
        "groups",
        "show",
        "crowd",
        "--pool",
        poolName,
        "--output",
        "json",
        "--query",
        "[Group.GroupName, MemberCount]",
      ]);
      expect(JSON.parse(json.stdout)).toEqual(["crowd", MANY]);
      const whole = JSON.parse(
        (await cog(["groups", "show", "crowd", "--pool", poolName, "--output", "json"])).stdout,
      );
      expect(Object.keys(whole).sort()).toEqual(["Group", "MemberCount"]);
      expect(whole.Group).toMatchObject({
        GroupName: "crowd",
        UserPoolId: poolId,
        Description: "Many people",
      });
    });

    it("show on a terminal prints aligned label: value lines and relative times", async () => {
      const r = await cog(["groups", "show", "ops", "--pool", poolName], { stdoutTTY: true, columns: 80 });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/^name: +ops$/m);
      expect(r.stdout).toMatch(/^precedence: +3$/m);
      expect(r.stdout).toMatch(/^created: +(just now|\d+ \w+ ago)$/m);
      for (const line of r.stdout.split("\n")) expect(line.length).toBeLessThanOrEqual(80);
    });

    it("show of a group that does not exist is the service's error (254)", async () => {
      const r = await cog(["groups", "show", "ghosts", "--pool", poolName]);
      expect(r.code).toBe(254);
      expect(r.stderr).toMatch(/ResourceNotFoundException.*GetGroup/);
    });
  });

  describe("groups members", () => {
    it("prints the users list columns, tab-separated, for every page", async () => {
      const r = await cog(["groups", "members", "crowd", "--pool", poolName]);
      expect(r).toMatchObject({ code: 0, stderr: "" });
      const rows = r.stdout
        .trimEnd()
        .split("\n")
        .map((l) => l.split("\t"));
      expect(rows).toHaveLength(MANY);
      expect(new Set(rows.map((row) => row[0])).size).toBe(MANY);
      const first = rows.find((row) => row[0] === "member00")!;
      expect(first.slice(0, 4)).toEqual(["member00", "", "FORCE_CHANGE_PASSWORD", "yes"]);
      expect(first[4]).toMatch(/^\d{4}-\d\d-\d\dT/);
      // The very same columns as users list --group.
      const listed = await cog(["users", "list", "--pool", poolName, "--group", "crowd"]);
      expect(firstColumn(listed.stdout)).toEqual(firstColumn(r.stdout));
      expect(listed.stdout.split("\n").sort()).toEqual(r.stdout.split("\n").sort());
    });

    it("on a terminal: a header row, the count on stderr, --attributes columns", async () => {
      await addToGroup("alice", "ops");
      await addToGroup("bob", "ops");
      const r = await cog(["groups", "members", "ops", "--pool", poolName, "--attributes", "custom:team"], {
        stdoutTTY: true,
        stderrTTY: true,
        columns: 160,
      });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(new RegExp(`2 users in group ops of ${poolName} \\(${poolId}\\)`));
      const lines = r.stdout.trimEnd().split("\n");
      expect(lines[0]).toMatch(/^USERNAME\s+EMAIL\/PHONE\s+STATUS\s+ENABLED\s+CREATED\s+CUSTOM:TEAM$/);
      expect(lines.find((l) => l.startsWith("alice"))).toMatch(
        /alice@example\.com\s+FORCE_CHANGE_PASSWORD\s+yes\s+(.* ago|just now)\s+blue$/,
      );
      expect(lines.find((l) => l.startsWith("bob"))).toMatch(/^bob\s+bob@example\.com\s/);
    });

    it("members of a group that does not exist is the service's error (254)", async () => {
      const r = await cog(["groups", "members", "ghosts", "--pool", poolName]);
      expect(r.code).toBe(254);
      expect(r.stderr).toMatch(/ResourceNotFoundException.*ListUsersInGroup/);
    });

    it("--output json prints ListUsersInGroup's shape with every page; --query applies", async () => {
      const r = await cog([
        "groups",
        "members",
        "crowd",
        "--pool",
        poolName,
        "--output",
        "json",
        "--query",
        "length(Users)",
      ]);
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toBe(MANY);
    });
  });

  describe("groups add and remove", () => {
    it("a group that does not exist is one error before any user is touched (add and remove)", async () => {
      for (const verb of ["add", "remove"]) {
        const confirm = verb === "remove" ? ["--yes"] : []; // add changes nothing that needs confirming
        const r = await cog([
          "groups",
          verb,
          "no-such-group",
          "carol",
          "alice",
          "--pool",
          poolName,
          ...confirm,
        ]);
        expect(r.code, r.stderr).toBe(254);
        expect(r.stderr.match(/ResourceNotFoundException/g)).toHaveLength(1);
        expect(r.stderr).toMatch(/GetGroup/);
        expect(r.stdout).toBe("");
      }
    });

    it("remove refuses without a terminal or --yes (252, nothing changed); --dry-run prints the plan", async () => {
      await addToGroup("carol", "readers");
      const refused = await cog(["groups", "remove", "readers", "carol@example.com", "--pool", poolName]);
      expect(refused.code).toBe(252);
      expect(refused.stderr).toMatch(
        new RegExp(
          `Would remove user from group readers in pool ${poolName} \\(${poolId}\\):\\n {2}carol@example.com`,
        ),
      );
      expect(refused.stderr).toMatch(/Pass --yes/);
      expect(await groupsOf("carol")).toEqual(["readers"]);

      const dry = await cog([
        "groups",
        "remove",
        "readers",
        "carol",
        "alice",
        "--pool",
        poolName,
        "--dry-run",
      ]);
      expect(dry.code, dry.stderr).toBe(0);
      expect(dry.stdout).toBe(
        `Would remove 2 users from group readers in pool ${poolName} (${poolId}):\n  carol\n  alice\n`,
      );
      expect(await groupsOf("carol")).toEqual(["readers"]);

      const done = await cog(
        ["groups", "remove", "readers", "carol@example.com", "--pool", poolName, "--yes"],
        {
          stderrTTY: true,
        },
      );
      expect(done.code, done.stderr).toBe(0);
      expect(done.stderr).toContain("Removed from readers carol (carol@example.com)");
      expect(await groupsOf("carol")).toEqual([]);
    });

    it("remove asks yes/no on a terminal; no is exit 130 and changes nothing", async () => {
      await addToGroup("carol", "readers");
      const no = scriptedPrompter([[/Proceed/, false]]);
      const declined = await cog(["groups", "remove", "readers", "carol", "--pool", poolName], {
        stdinTTY: true,
        stderrTTY: true,
        prompter: no,
      });
      expect(declined.code).toBe(130);
      expect(no.asked).toHaveLength(1);
      expect(await groupsOf("carol")).toEqual(["readers"]);
      const yes = scriptedPrompter([[/Proceed/, true]]);
      const accepted = await cog(["groups", "remove", "readers", "carol", "--pool", poolName], {
        stdinTTY: true,
        stderrTTY: true,
        prompter: yes,
      });
      expect(accepted.code, accepted.stderr).toBe(0);
      expect(await groupsOf("carol")).toEqual([]);
    });

    it("add and remove read users from stdin, act on what they can and exit non-zero naming what failed", async () => {
      const added = await cog(["groups", "add", "readers", "-", "--pool", poolName], {
        stdin: "alice@example.com\n+15550101\nnobody@example.com\ncarol\n",
      });
      expect(added.code).toBe(252);
      expect(added.stderr).toMatch(
        /Added to readers 3 of 4 users; 1 failed:\n {2}nobody@example.com: No user 'nobody@example.com'/,
      );
      for (const u of ["alice", "bob", "carol"]) expect(await groupsOf(u)).toContain("readers");

      const removed = await cog(["groups", "remove", "readers", "-", "--pool", poolName, "--yes"], {
        stdin: "alice\nghost\n+15550101\n",
      });
      expect(removed.code).toBe(252);
      expect(removed.stderr).toMatch(
        /Removed from readers 2 of 3 users; 1 failed:\n {2}ghost: No user 'ghost'/,
      );
      expect(await groupsOf("alice")).not.toContain("readers");
      expect(await groupsOf("bob")).not.toContain("readers");
      expect(await groupsOf("carol")).toContain("readers");

      const members = await cog(["groups", "members", "readers", "--pool", poolName]);
      expect(firstColumn(members.stdout)).toEqual(["carol"]);
    });

    it("- on a terminal or an empty stdin is a bad command line", async () => {
      const tty = await cog(["groups", "remove", "readers", "-", "--pool", poolName, "--yes"], {
        stdinTTY: true,
      });
      expect(tty.code).toBe(252);
      expect(tty.stderr).toMatch(/pipe them in/);
      const empty = await cog(["groups", "add", "readers", "-", "--pool", poolName], { stdin: "\n" });
      expect(empty.code).toBe(252);
    });
  });

  describe("groups delete", () => {
    it("refuses without --yes, prints the plan with --dry-run, deletes with --yes; the members stay", async () => {
      const refused = await cog(["groups", "delete", "ops", "--pool", poolName]);
      expect(refused.code).toBe(252);
      expect(refused.stderr).toMatch(
        new RegExp(
          `Would delete group ops in pool ${poolName} \\(${poolId}\\):\\n {2}2 members lose the group \\(the users stay\\)`,
        ),
      );
      const dry = await cog(["groups", "delete", "ops", "--pool", poolName, "--dry-run"]);
      expect(dry.code).toBe(0);
      expect(dry.stdout).toMatch(/^Would delete group ops in pool /);
      expect(
        (await client.send(new GetGroupCommand({ UserPoolId: poolId, GroupName: "ops" }))).Group,
      ).toBeDefined();

      const done = await cog(["groups", "delete", "ops", "--pool", poolName, "--yes"], { stderrTTY: true });
      expect(done.code, done.stderr).toBe(0);
      expect(done.stderr).toContain(`Deleted group ops in ${poolName}`);
      await expect(
        client.send(new GetGroupCommand({ UserPoolId: poolId, GroupName: "ops" })),
      ).rejects.toMatchObject({
        name: "ResourceNotFoundException",
      });
      expect(await groupsOf("alice")).not.toContain("ops");
      const list = await cog(["users", "list", "--pool", poolName, "--where", 'email ^= "alice"']);
      expect(firstColumn(list.stdout)).toEqual(["alice"]);
    });

    it("asks on a terminal (no: 130, nothing changed) and fails before asking for a missing group", async () => {
      const no = scriptedPrompter([[/Proceed/, false]]);
      const declined = await cog(["groups", "delete", "readers", "--pool", poolName], {
        stdinTTY: true,
        stderrTTY: true,
        prompter: no,
      });
      expect(declined.code).toBe(130);
      expect(declined.stderr).toMatch(/Delete group readers in pool .*\n {2}1 member loses the group/);
      expect(
        (await client.send(new GetGroupCommand({ UserPoolId: poolId, GroupName: "readers" }))).Group,
      ).toBeDefined();

      const none = scriptedPrompter([]);
      const missing = await cog(["groups", "delete", "ghosts", "--pool", poolName], {
        stdinTTY: true,
        stderrTTY: true,
        prompter: none,
      });
      expect(missing.code).toBe(254);
      expect(none.asked).toHaveLength(0);
    });
  });

  it("groups list pages through every group; every groups command has examples in its help", async () => {
    const listed = await cog(["groups", "list", "--pool", poolName]);
    expect(firstColumn(listed.stdout)).toEqual(["crowd", "readers"]);
    for (const verb of ["list", "show", "create", "delete", "members", "add", "remove"]) {
      const r = await cog(["groups", verb, "--help"]);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`\\nExamples:\\n[\\s\\S]*\\n {4}cogctl groups ${verb} `));
    }
  });
});

describe("groups commands with --local (the embedded endpoint in process)", () => {
  useIsolatedDirs("cogctl-groups-local-");

  it("creates, fills, shows, empties and deletes a group by name", async () => {
    const local = (argv: string[], opts: Parameters<typeof runCli>[1] = {}) =>
      runCli(["--local", ...argv], opts);
    expect((await local(["create-user-pool", "--pool-name", "offline"])).code).toBe(0);
    expect(
      (await local(["users", "create", "zoe", "--pool", "offline", "--email", "zoe@example.com"])).code,
    ).toBe(0);
    expect((await local(["groups", "create", "crew", "--pool", "offline"])).code).toBe(0);
    expect((await local(["groups", "add", "crew", "zoe@example.com", "--pool", "offline"])).code).toBe(0);
    expect(fieldsOf((await local(["groups", "show", "crew", "--pool", "offline"])).stdout).members).toBe("1");
    expect((await local(["groups", "members", "crew", "--pool", "offline"])).stdout).toMatch(
      /^zoe\tzoe@example\.com\t/,
    );
    expect((await local(["groups", "remove", "crew", "zoe", "--pool", "offline", "--yes"])).code).toBe(0);
    expect((await local(["groups", "members", "crew", "--pool", "offline"])).stdout).toBe("");
    expect((await local(["groups", "delete", "crew", "--pool", "offline", "--yes"])).code).toBe(0);
    expect((await local(["groups", "list", "--pool", "offline"])).stdout).toBe("");
  });
});
