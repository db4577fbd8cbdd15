// users copy end to end: the real CLI (in process, and bin/cogctl as a child for kill -9) between pools
// of the embedded endpoint over HTTP on port 0, from moto_server into --to-local, and into an endpoint
// under --quotas. Checked against each pool's own `users export --format jsonl --mfa`: every
// attribute but sub equal (commas, quotes, non-Latin text), groups, enabled state and SMS MFA kept;
// the mapping file's old and new subs are the pools' own; a re-run copies nothing; kill -9 mid-copy
// then the same command ends with every user exactly once.
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import {
  type CognitoIdentityProviderClient,
  CreateUserPoolCommand,
  ListUsersCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, runCli } from "./helpers/cli.js";
import { testClient, useIsolatedDirs } from "./helpers/env.js";
import { type LocalHarness, startLocal } from "./helpers/local-server.js";
import { startMoto } from "./helpers/moto.js";
import { expectedGroups, type Seeded, seedPool } from "./helpers/seed-users.js";

interface ExportedUser {
  Username: string;
  Attributes: { Name: string; Value: string }[];
  UserStatus: string;
  Enabled: boolean;
  Groups: string[];
  UserMFASettingList?: string[];
}

const iso = useIsolatedDirs("users-copy-");

/** A pool able to take the seeded users (the custom attribute, email auto-verified). */
async function targetPool(client: CognitoIdentityProviderClient, name: string, extra = {}): Promise<string> {
  const { UserPool } = await client.send(
    new CreateUserPoolCommand({
      PoolName: name,
      AutoVerifiedAttributes: ["email"],
      Schema: [{ Name: "team", AttributeDataType: "String", Mutable: true }],
      MfaConfiguration: "OPTIONAL",
      ...extra,
    }),
  );
  return UserPool?.Id as string;
}

/** A pool's users as `users export --format jsonl --mfa` gives them, by username. */
async function exported(globals: string[], pool: string): Promise<Map<string, ExportedUser>> {
  const r = await runCli([...globals, "users", "export", "--pool", pool, "--format", "jsonl", "--mfa"], {
    env: iso.env,
  });
  expect(r.code, r.stderr).toBe(0);
  const users = r.stdout
    .trimEnd()
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as ExportedUser);
  return new Map(users.map((u) => [u.Username, u]));
}

const withoutSub = (u: ExportedUser) =>
  u.Attributes.filter((a) => a.Name !== "sub").sort((a, b) => a.Name.localeCompare(b.Name));
const subOf = (u: ExportedUser) => u.Attributes.find((a) => a.Name === "sub")?.Value;

/** Source and copy agree on everything that carries over; the copy's users await a password. */
function expectSameUsers(source: Map<string, ExportedUser>, copy: Map<string, ExportedUser>): void {
  expect([...copy.keys()].sort()).toEqual([...source.keys()].sort());
  for (const [name, s] of source) {
    const c = copy.get(name) as ExportedUser;
    expect(withoutSub(c), name).toEqual(withoutSub(s));
    expect(c.Enabled, name).toBe(s.Enabled);
    expect([...c.Groups].sort(), name).toEqual([...s.Groups].sort());
    expect((c.UserMFASettingList ?? []).includes("SMS_MFA"), name).toBe(
      (s.UserMFASettingList ?? []).includes("SMS_MFA"),
    );
    expect(c.UserStatus, name).toBe("FORCE_CHANGE_PASSWORD");
    expect(subOf(c), name).not.toBe(subOf(s));
  }
}

type MapRow = Record<"source_username" | "source_sub" | "username" | "sub" | "outcome" | "reason", string>;

function mapping(file: string): MapRow[] {
  expect(statSync(file).mode & 0o777).toBe(0o600);
  return parse(readFileSync(file), { columns: true }) as MapRow[];
}

function child(argv: string[]): {
  proc: ChildProcess;
  done: Promise<{ code: number | null; signal: string | null }>;
} {
  const proc = spawn(process.execPath, [BIN, ...argv], {
    env: { ...process.env, ...iso.env },
    stdio: ["ignore", "ignore", "ignore"],
  });
  return {
    proc,
    done: new Promise((resolve) => proc.on("close", (code, signal) => resolve({ code, signal }))),
  };
}

async function countUsers(client: CognitoIdentityProviderClient, poolId: string): Promise<number> {
  let n = 0;
  let token: string | undefined;
  do {
    const page = await client.send(new ListUsersCommand({ UserPoolId: poolId, PaginationToken: token }));
    n += page.Users?.length ?? 0;
    token = page.PaginationToken;
  } while (token);
  return n;
}

describe("users copy between pools of the embedded endpoint over HTTP", () => {
  let local: LocalHarness;
  let small: Seeded;
  // The size for the round trip; the kill -9 run copies a smaller pool under a quota.
  const N = 5000;
  const SMALL = 400;
  const at = () => ["--endpoint-url", local.server.url];
  const cog = (argv: string[]) => runCli([...at(), ...argv], { env: iso.env });
  let source: Map<string, ExportedUser>;
  let smallSource: Map<string, ExportedUser>;

  beforeAll(async () => {
    local = await startLocal();
    await seedPool(local.client, "source", N);
    small = await seedPool(local.client, "small", SMALL);
    source = await exported(at(), "source");
    smallSource = await exported(at(), "small");
  }, 600_000);
  afterAll(() => local.close());

  it("copies every user with attributes, groups, enabled state and SMS MFA; maps old subs to new; a re-run copies nothing", async () => {
    const copyId = await targetPool(local.client, "copy1");
    const map = join(iso.dir, "copy1.subs.csv");
    const argv = ["users", "copy", "--from-pool", "source", "--to-pool", "copy1", "--yes", "--map-file", map];
    const r = await cog(argv);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`copied\\s+${N}\\b`));
    expect(r.stdout).toMatch(/groups created\s+10\b/);
    // The plan is in the log of a run with --yes too.
    expect(r.stderr).toContain("Copy the users of pool source");
    expect(r.stderr).toContain("not carried over: passwords");

    const copy = await exported(at(), "copy1");
    expectSameUsers(source, copy);
    expect(source.get("user0002")?.Attributes.find((a) => a.Name === "name")?.Value).toBe("山田 太郎");
    for (const i of [0, 6, 12])
      expect(copy.get(`user${String(i).padStart(4, "0")}`)?.Groups.sort()).toEqual(expectedGroups(i));

    const rows = mapping(map);
    expect(rows).toHaveLength(N);
    for (const row of rows) {
      expect(row.outcome).toBe("imported");
      expect(row.username).toBe(row.source_username);
      expect(row.source_sub).toBe(subOf(source.get(row.source_username) as ExportedUser));
      expect(row.sub).toBe(subOf(copy.get(row.username) as ExportedUser));
    }

    // Again: a new run, every user already there, nothing sent twice.
    const again = await cog(["--output", "json", ...argv]);
    // Its mapping maps every old sub too: the destination's subs of the users already there.
    for (const row of mapping(map)) {
      expect(row.outcome).toBe("skipped");
      expect(row.sub).toBe(subOf(copy.get(row.username) as ExportedUser));
    }
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ Users: N, Copied: 0, AlreadyThere: N, Failed: 0 });
    expect(await countUsers(local.client, copyId)).toBe(N);
  }, 600_000);

  it("shows the plan and asks for --yes without a terminal; --dry-run copies nothing", async () => {
    const id = await targetPool(local.client, "copy-plan");
    const refused = await cog(["users", "copy", "--from-pool", "source", "--to-pool", "copy-plan"]);
    expect(refused.code).toBe(252);
    expect(refused.stderr).toContain("Would copy the users of pool source");
    expect(refused.stderr).toContain("not carried over: passwords");
    expect(refused.stderr).toContain("--yes");
    const dry = await cog(["users", "copy", "--from-pool", "source", "--to-pool", "copy-plan", "--dry-run"]);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain("groups: 10");
    expect(await countUsers(local.client, id)).toBe(0);
  });

  it("refuses, before sending anything, a destination without the source's custom attributes, and a copy onto itself", async () => {
    const { UserPool } = await local.client.send(new CreateUserPoolCommand({ PoolName: "no-team" }));
    const r = await cog(["users", "copy", "--from-pool", "source", "--to-pool", "no-team", "--yes"]);
    expect(r.code).toBe(252);
    expect(r.stderr).toContain("lacks the custom attribute custom:team");
    expect(await countUsers(local.client, UserPool?.Id as string)).toBe(0);
    const absent = await cog(["users", "copy", "--from-pool", "source", "--to-pool", "nowhere", "--yes"]);
    expect(absent.code).toBe(252);
    expect(absent.stderr).toContain("cogctl dump --pool source > stack.yaml");
    const self = await cog(["users", "copy", "--from-pool", "source", "--to-pool", "source", "--yes"]);
    expect(self.code).toBe(252);
    expect(self.stderr).toContain("the same pool");
  });

  it("into a pool that signs in by email: each user's email is its username there; a re-run finds them", async () => {
    await targetPool(local.client, "by-email", { UsernameAttributes: ["email"] });
    const argv = [
      "--output",
      "json",
      "users",
      "copy",
      "--from-pool",
      "small",
      "--to-pool",
      "by-email",
      "--yes",
    ];
    const r = await cog([...argv, "--map-file", join(iso.dir, "by-email.subs.csv")]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ Users: SMALL, Copied: SMALL, Failed: 0 });
    const copy = await exported(at(), "by-email");
    const emailOf = (u: ExportedUser) => u.Attributes.find((a) => a.Name === "email")?.Value;
    expect([...copy.values()].map(emailOf).sort()).toEqual(small.usernames.map((u) => `${u}@example.com`));
    const rows = mapping(join(iso.dir, "by-email.subs.csv"));
    expect(rows.every((row) => row.username === `${row.source_username}@example.com`)).toBe(true);
    const again = await cog([...argv, "--map-file", join(iso.dir, "by-email-2.subs.csv")]);
    expect(JSON.parse(again.stdout)).toMatchObject({ Copied: 0, AlreadyThere: SMALL, Failed: 0 });
  }, 300_000);

  it("kill -9 mid-copy into an endpoint under --quotas, then the same command: every user exactly once", async () => {
    const slow = await startLocal({ limits: { quotas: "UserCreation=40,UserUpdate=80" } });
    try {
      const targetId = await targetPool(slow.client, "copy-killed");
      const map = join(iso.dir, "killed.subs.csv");
      const argv = [
        "users",
        "copy",
        "--from-endpoint-url",
        local.server.url,
        "--from-pool",
        "small",
        "--to-endpoint-url",
        slow.server.url,
        "--to-pool",
        "copy-killed",
        "--yes",
        "--map-file",
        map,
      ];
      const run = child(argv);
      // Killed once about a quarter of the users are there.
      for (let i = 0; i < 600 && (await countUsers(slow.client, targetId)) < SMALL / 4; i++)
        await new Promise((r) => setTimeout(r, 50));
      run.proc.kill("SIGKILL");
      expect((await run.done).signal).toBe("SIGKILL");
      const partial = await countUsers(slow.client, targetId);
      expect(partial).toBeGreaterThan(0);
      expect(partial).toBeLessThan(SMALL);

      const resumed = await runCli(["--output", "json", ...argv], { env: iso.env });
      expect(resumed.code, resumed.stderr).toBe(0);
      expect(resumed.stderr).toContain("Resuming copy run");
      // The users the killed process created count as this run's: none is "already there".
      expect(JSON.parse(resumed.stdout)).toMatchObject({
        Users: SMALL,
        Copied: SMALL,
        AlreadyThere: 0,
        Failed: 0,
      });
      expectSameUsers(smallSource, await exported(["--endpoint-url", slow.server.url], "copy-killed"));
      const rows = mapping(map);
      expect(rows.map((r) => r.source_username).sort()).toEqual(small.usernames);
      expect(rows.every((r) => r.outcome === "imported" && r.sub !== "")).toBe(true);
    } finally {
      await slow.close();
    }
  }, 300_000);
});

describe("users copy from moto_server into the embedded endpoint (--to-local)", () => {
  it("copies moto's users, groups and enabled states into a pool of the data directory", async () => {
    const moto = await startMoto();
    try {
      const client = testClient(moto.url);
      const seed = await seedPool(client, "moto-source", 30);
      client.destroy();
      const made = await runCli(
        [
          "--local",
          "create-user-pool",
          "--pool-name",
          "from-moto",
          "--auto-verified-attributes",
          "email",
          "--schema",
          "Name=team,AttributeDataType=String,Mutable=true",
        ],
        { env: iso.env },
      );
      expect(made.code, made.stderr).toBe(0);
      const r = await runCli(
        [
          "--endpoint-url",
          moto.url,
          "users",
          "copy",
          "--from-pool",
          seed.poolId,
          "--to-local",
          "--to-pool",
          "from-moto",
          "--yes",
          "--map-file",
          join(iso.dir, "moto.subs.csv"),
        ],
        { env: iso.env },
      );
      expect(r.code, r.stderr).toBe(0);
      const copy = await exported(["--local"], "from-moto");
      expect([...copy.keys()].sort()).toEqual(seed.usernames);
      for (const [name, u] of copy) {
        const i = Number(name.slice(4));
        expect(u.Groups.sort()).toEqual(expectedGroups(i));
        expect(u.Enabled).toBe(i % 7 !== 0);
        expect(u.Attributes.find((a) => a.Name === "custom:team")?.Value).toBe(`team,${i % 3}`);
      }
    } finally {
      await moto.stop();
    }
  }, 180_000);
});
