// users export end to end: the real CLI (in process, and bin/cogctl as a child for kill -9) against the
// embedded endpoint over HTTP on port 0, --local, and moto_server. A pool with custom attributes,
// values with commas, quotes, backslashes and non-Latin text, disabled users, groups with overlapping
// members, FORCE_CHANGE_PASSWORD and CONFIRMED users. Checked: the CSV is the pool's import format
// (users validate accepts it, an import job imports it, a second export equals the first but for subs
// and dates), --groups columns, jsonl fidelity, --where, kill -9 then --resume byte-identical to an
// uninterrupted export (seeded points), an expired token, --quotas UserList=5 with --faults, and no
// file under the final name until the export is complete.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { CreateUserPoolCommand } from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, runCli } from "./helpers/cli.js";
import { testClient, useIsolatedDirs } from "./helpers/env.js";
import { type LocalHarness, startLocal } from "./helpers/local-server.js";
import { startMoto } from "./helpers/moto.js";
import { expectedGroups, type Seeded, seedPool } from "./helpers/seed-users.js";

/** CSV rows as objects (Cognito's dialect: split at commas not after a backslash, then unescape). */
function parseCsv(text: string): Record<string, string>[] {
  const [head, ...lines] = text.trimEnd().split("\n");
  const header = head.split(",");
  return lines.map((line) => {
    const cells = line.split(/(?<!\\),/).map((c) => c.trim().replaceAll("\\,", ","));
    expect(cells.length).toBe(header.length);
    return Object.fromEntries(header.map((h, i) => [h, cells[i]]));
  });
}

const iso = useIsolatedDirs("users-export-");

/** Runs bin/cogctl as a child; resolves with its exit code and output. */
function child(
  argv: string[],
  extraEnv: Record<string, string> = {},
): { proc: ChildProcess; done: Promise<{ code: number | null; signal: string | null; stderr: string }> } {
  const proc = spawn(process.execPath, [BIN, ...argv], {
    env: { ...process.env, ...iso.env, ...extraEnv },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  proc.stderr?.on("data", (c) => (stderr += c));
  proc.stdout?.resume();
  const done = new Promise<{ code: number | null; signal: string | null; stderr: string }>((resolve) =>
    proc.on("close", (code, signal) => resolve({ code, signal, stderr })),
  );
  return { proc, done };
}

/** A seeded generator (mulberry32), so kill points are reproducible. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("users export against the embedded endpoint over HTTP", () => {
  let local: LocalHarness;
  let seed: Seeded;
  const N = 600;
  const cog = (argv: string[]) => runCli(["--endpoint-url", local.server.url, ...argv], { env: iso.env });

  beforeAll(async () => {
    local = await startLocal();
    seed = await seedPool(local.client, "source", N);
  }, 120_000);
  afterAll(() => local.close());

  it("writes the pool's import CSV with --groups columns; users validate accepts it", async () => {
    const out = join(iso.dir, "all.csv");
    const r = await cog(["users", "export", "--pool", "source", "--groups", "--out", out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain("passwords cannot be exported");
    expect(r.stderr).toContain(`Exported ${N} users of source`);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const text = readFileSync(out, "utf8");
    const header = text.split("\n")[0].split(",");
    const template = (await cog(["users", "template", "--pool", "source"])).stdout.trim().split(",");
    expect(header).toEqual([
      ...template,
      "cognito:groups",
      "cognito:enabled",
      "cognito:status",
      "cognito:sub",
      "cognito:created",
      "cognito:modified",
    ]);
    const rows = parseCsv(text);
    expect(rows.map((r) => r["cognito:username"])).toEqual(seed.usernames);
    for (const [i, row] of rows.entries()) {
      expect(row["cognito:groups"]).toBe(expectedGroups(i).join(";"));
      expect(row["cognito:enabled"]).toBe(String(i % 7 !== 0));
      expect(row["cognito:status"]).toBe(i % 5 === 0 ? "CONFIRMED" : "FORCE_CHANGE_PASSWORD");
      expect(row["cognito:sub"]).toMatch(/^[0-9a-f-]{36}$/);
      expect(row["cognito:created"]).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(row.birthdate).toBe("04/23/1990");
      expect(row["custom:team"]).toBe(`team,${i % 3}`);
      expect(row.email_verified).toBe("true");
      expect(row["cognito:mfa_enabled"]).toBe("false");
    }
    expect(rows[0].name).toBe('Smith, John "JJ"');
    expect(rows[2].name).toBe("山田 太郎");
    expect(rows[3].name).toBe("back\\slash, and comma");
    // The file as it is: valid for an import job and for the API path.
    const job = await cog(["users", "validate", out, "--pool", "source"]);
    expect(job.code, job.stdout + job.stderr).toBe(0);
    const api = await cog(["users", "validate", out, "--pool", "source", "--via", "api"]);
    expect(api.code, api.stdout + api.stderr).toBe(0);
  });

  it("round trip: an import job takes the export as it is, and exporting the new pool gives the same rows but subs and dates", async () => {
    const out = join(iso.dir, "plain.csv");
    expect((await cog(["users", "export", "--pool", "source", "--out", out])).code).toBe(0);
    const target = await local.client.send(
      new CreateUserPoolCommand({
        PoolName: "target",
        AutoVerifiedAttributes: ["email"],
        Schema: [{ Name: "team", AttributeDataType: "String", Mutable: true }],
      }),
    );
    const targetId = target.UserPool?.Id as string;
    const created = await cog([
      "create-user-import-job",
      "--user-pool-id",
      targetId,
      "--job-name",
      "restore",
      "--cloud-watch-logs-role-arn",
      "arn:aws:iam::123456789012:role/import",
    ]);
    const jobId = JSON.parse(created.stdout).UserImportJob.JobId as string;
    const up = await cog([
      "import-jobs",
      "upload",
      "--user-pool-id",
      targetId,
      "--job-id",
      jobId,
      "--file",
      out,
      "--start",
    ]);
    expect(up.code, up.stderr).toBe(0);
    // The endpoint runs the job in the background: wait for its end.
    let job: { Status: string; ImportedUsers: number } = JSON.parse(up.stdout).UserImportJob;
    for (let i = 0; i < 200 && !["Succeeded", "Failed", "Stopped"].includes(job.Status); i++) {
      await new Promise((r) => setTimeout(r, 100));
      job = JSON.parse(
        (await cog(["describe-user-import-job", "--user-pool-id", targetId, "--job-id", jobId])).stdout,
      ).UserImportJob;
    }
    expect(job, JSON.stringify(job)).toMatchObject({ Status: "Succeeded", ImportedUsers: N });
    const again = join(iso.dir, "again.csv");
    expect((await cog(["users", "export", "--pool", "target", "--out", again])).code).toBe(0);
    expect(readFileSync(again, "utf8")).toBe(readFileSync(out, "utf8"));
    // With --groups the two differ only in status (imported users must reset), subs and dates.
    const a = parseCsv((await cog(["users", "export", "--pool", "source", "--groups"])).stdout);
    const b = parseCsv((await cog(["users", "export", "--pool", "target", "--groups"])).stdout);
    const subsA = new Set(a.map((r) => r["cognito:sub"]));
    for (const row of b) expect(subsA.has(row["cognito:sub"])).toBe(false);
    const strip = (r: Record<string, string>) => {
      const {
        "cognito:sub": _s,
        "cognito:created": _c,
        "cognito:modified": _m,
        "cognito:status": _t,
        "cognito:groups": _g,
        "cognito:enabled": _e,
        ...rest
      } = r;
      return rest;
    };
    expect(b.map(strip)).toEqual(a.map(strip));
    expect(b.every((r) => r["cognito:status"] === "RESET_REQUIRED")).toBe(true);
  }, 60_000);

  it("round trip through groups export/import and users import --via api: groups and disabled users kept", async () => {
    const users = join(iso.dir, "api-roundtrip.csv");
    const groups = join(iso.dir, "api-roundtrip-groups.json");
    expect((await cog(["users", "export", "--pool", "source", "--groups", "--out", users])).code).toBe(0);
    expect((await cog(["groups", "export", "--pool", "source", "--out", groups])).code).toBe(0);
    await local.client.send(
      new CreateUserPoolCommand({
        PoolName: "api-target",
        AutoVerifiedAttributes: ["email"],
        Schema: [{ Name: "team", AttributeDataType: "String", Mutable: true }],
      }),
    );
    expect((await cog(["groups", "import", groups, "--pool", "api-target"])).stderr).toMatch(/Created 10/);
    const imported = await cog(["users", "import", users, "--pool", "api-target", "--via", "api"]);
    expect(imported.code, imported.stderr).toBe(0);
    const a = parseCsv((await cog(["users", "export", "--pool", "source", "--groups"])).stdout);
    const b = parseCsv((await cog(["users", "export", "--pool", "api-target", "--groups"])).stdout);
    // Equal but for what a re-created user cannot keep: its sub, dates and status (no password came along).
    const strip = (r: Record<string, string>) => {
      const {
        "cognito:sub": _s,
        "cognito:created": _c,
        "cognito:modified": _m,
        "cognito:status": _t,
        ...rest
      } = r;
      return rest;
    };
    expect(b.map(strip)).toEqual(a.map(strip));
    expect(b.filter((r) => r["cognito:enabled"] === "false").length).toBe(Math.ceil(N / 7));
    const grouped = seed.usernames.filter((_, i) => expectedGroups(i).length > 0).length;
    expect(b.filter((r) => r["cognito:groups"] !== "").length).toBe(grouped);
  }, 120_000);

  it("jsonl keeps every attribute, status, enabled, groups and dates; --mfa adds the MFA settings", async () => {
    const r = await cog([
      "users",
      "export",
      "--pool",
      "source",
      "--format",
      "jsonl",
      "--mfa",
      "--where",
      'username ^= "user000"',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const users = r.stdout
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(users.map((u) => u.Username)).toEqual(seed.usernames.slice(0, 10));
    const first = users[0];
    expect(first).toMatchObject({ UserStatus: "CONFIRMED", Enabled: false, Groups: expectedGroups(0) });
    // AdminGetUser's MFA settings, which ListUsers does not return.
    expect(users[1]).toMatchObject({ UserMFASettingList: ["SMS_MFA"], PreferredMfaSetting: "SMS_MFA" });
    const attrs = Object.fromEntries(
      first.Attributes.map((a: { Name: string; Value: string }) => [a.Name, a.Value]),
    );
    expect(attrs).toMatchObject({
      name: 'Smith, John "JJ"',
      birthdate: "1990-04-23",
      "custom:team": "team,0",
      email_verified: "true",
    });
    expect(attrs.sub).toMatch(/^[0-9a-f-]{36}$/);
    expect(first.UserCreateDate).toMatch(/Z$/);
  });

  it("--where filters as users list does, the service's condition and cogctl's", async () => {
    const r = await cog([
      "users",
      "export",
      "--pool",
      "source",
      "--groups",
      "--where",
      'username ^= "user00" and enabled = false',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const rows = parseCsv(r.stdout);
    expect(rows.map((x) => x["cognito:username"])).toEqual(
      seed.usernames.slice(0, 100).filter((_, i) => i % 7 === 0),
    );
    expect(r.stderr).toContain("cannot be resumed");
  });

  it("refuses what it cannot do: --resume to stdout, an existing file, a resume with other options", async () => {
    expect((await cog(["users", "export", "--pool", "source", "--resume"])).code).toBe(252);
    const out = join(iso.dir, "exists.csv");
    writeFileSync(out, "x");
    const r = await cog(["users", "export", "--pool", "source", "--out", out]);
    expect(r.code).toBe(252);
    expect(r.stderr).toContain("--force");
    expect(
      (await cog(["users", "export", "--pool", "source", "--out", join(iso.dir, "none.csv"), "--resume"]))
        .code,
    ).toBe(252);
    expect((await cog(["users", "export", "--pool", "source", "--format", "xml"])).code).toBe(252);
  });

  it("kill -9 at seeded points, then --resume: byte-identical to an uninterrupted export; no file under the final name meanwhile", async () => {
    const whole = join(iso.dir, "whole.csv");
    expect((await cog(["users", "export", "--pool", "source", "--groups", "--out", whole])).code).toBe(0);
    const expected = readFileSync(whole);
    const random = seeded(11);
    for (let round = 0; round < 3; round++) {
      const out = join(iso.dir, `killed-${round}.csv`);
      const argv = [
        "--endpoint-url",
        local.server.url,
        "users",
        "export",
        "--pool",
        "source",
        "--groups",
        "--out",
        out,
        "--rate",
        "8",
      ];
      const run = child(argv);
      const partial = join(iso.dir, `.killed-${round}.csv.cogctl-export.partial`);
      // Once the user pages have begun (groups are read first), 10 pages at 8/s: kill somewhere in them.
      for (let i = 0; i < 500 && !existsSync(partial); i++) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, random() * 900));
      expect(existsSync(out)).toBe(false);
      // kill -9, and Ctrl-C's SIGINT once: neither leaves a half file under the final name.
      const signal = round === 1 ? "SIGINT" : "SIGKILL";
      run.proc.kill(signal);
      const ended = await run.done;
      expect(ended.code === 130 || ended.signal === signal, JSON.stringify(ended)).toBe(true);
      expect(existsSync(out)).toBe(false);
      expect(existsSync(partial)).toBe(true);
      const resumed = await cog([
        "users",
        "export",
        "--pool",
        "source",
        "--groups",
        "--out",
        out,
        "--resume",
      ]);
      expect(resumed.code, resumed.stderr).toBe(0);
      expect(resumed.stderr).toMatch(/resumed after \d+/);
      expect(readFileSync(out).equals(expected)).toBe(true);
      expect(readdirSync(iso.dir).filter((f) => f.startsWith(`.killed-${round}`))).toEqual([]);
    }
  }, 60_000);

  it("an expired token on resume: the pool is listed again, each user written once", async () => {
    const out = join(iso.dir, "expired.jsonl");
    const argv = [
      "--endpoint-url",
      local.server.url,
      "users",
      "export",
      "--pool",
      "source",
      "--format",
      "jsonl",
      "--out",
      out,
      "--rate",
      "8",
    ];
    const run = child(argv);
    const cpPath = join(iso.dir, ".expired.jsonl.cogctl-export.json");
    for (
      let i = 0;
      i < 300 && !(existsSync(cpPath) && JSON.parse(readFileSync(cpPath, "utf8")).rows > 0);
      i++
    )
      await new Promise((r) => setTimeout(r, 50));
    run.proc.kill("SIGKILL");
    await run.done;
    const cp = JSON.parse(readFileSync(cpPath, "utf8"));
    expect(cp.rows).toBeGreaterThan(0);
    writeFileSync(cpPath, JSON.stringify({ ...cp, token: "expired-token" }));
    const resumed = await cog([
      "users",
      "export",
      "--pool",
      "source",
      "--format",
      "jsonl",
      "--out",
      out,
      "--resume",
    ]);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toContain("was refused");
    const names = readFileSync(out, "utf8")
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l).Username);
    expect(names.length).toBe(N);
    expect([...names].sort()).toEqual(seed.usernames);
  }, 30_000);
});

describe("users export under local serve --quotas UserList=5 and --faults (seeded)", () => {
  let local: LocalHarness;
  let seed: Seeded;
  beforeAll(async () => {
    const plain = await startLocal({ dataDir: join(iso.dir, "quota-data") });
    seed = await seedPool(plain.client, "limited", 400);
    await plain.close();
    local = await startLocal({
      dataDir: join(iso.dir, "quota-data"),
      limits: { quotas: "UserList=5", faults: "throttle=0.05,error=0.02,reset=0.01,seed=7" },
    });
  }, 120_000);
  afterAll(() => local.close());

  it("completes with every user once, groups right, despite throttling and faults", async () => {
    const out = join(iso.dir, "limited.csv");
    const r = await runCli(
      [
        "--endpoint-url",
        local.server.url,
        "users",
        "export",
        "--pool",
        seed.poolId,
        "--groups",
        "--out",
        out,
      ],
      { env: iso.env },
    );
    expect(r.code, r.stderr).toBe(0);
    const rows = parseCsv(readFileSync(out, "utf8"));
    expect(rows.map((x) => x["cognito:username"])).toEqual(seed.usernames);
    for (const [i, row] of rows.entries()) expect(row["cognito:groups"]).toBe(expectedGroups(i).join(";"));
  }, 120_000);
});

describe("users export when the endpoint goes away mid-export", () => {
  it("fails saying --resume, keeps what was written; --resume against the endpoint back up ends as one run", async () => {
    const data = join(iso.dir, "outage-data");
    let local = await startLocal({ dataDir: data });
    const seed = await seedPool(local.client, "outage", 400);
    const whole = join(iso.dir, "outage-whole.csv");
    const full = await runCli(
      [
        "--endpoint-url",
        local.server.url,
        "users",
        "export",
        "--pool",
        seed.poolId,
        "--groups",
        "--out",
        whole,
      ],
      { env: iso.env },
    );
    expect(full.code, full.stderr).toBe(0);
    const out = join(iso.dir, "outage.csv");
    const partial = join(iso.dir, ".outage.csv.cogctl-export.partial");
    const run = child([
      "--endpoint-url",
      local.server.url,
      "users",
      "export",
      "--pool",
      seed.poolId,
      "--groups",
      "--out",
      out,
      "--rate",
      "6",
    ]);
    for (let i = 0; i < 500 && !existsSync(partial); i++) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 300));
    await local.close();
    const ended = await run.done;
    expect(ended.code).not.toBe(0);
    expect(ended.stderr).toContain("--resume to continue");
    expect(existsSync(out)).toBe(false);
    local = await startLocal({ dataDir: data });
    try {
      const resumed = await runCli(
        [
          "--endpoint-url",
          local.server.url,
          "users",
          "export",
          "--pool",
          seed.poolId,
          "--groups",
          "--out",
          out,
          "--resume",
        ],
        { env: iso.env },
      );
      expect(resumed.code, resumed.stderr).toBe(0);
      expect(readFileSync(out).equals(readFileSync(whole))).toBe(true);
    } finally {
      await local.close();
    }
  }, 120_000);
});

describe("users export --local (in process)", () => {
  it("exports a pool of the embedded endpoint's data directory", async () => {
    const L = ["--local"];
    const pool = JSON.parse(
      (
        await runCli(
          [...L, "create-user-pool", "--pool-name", "inproc", "--auto-verified-attributes", "email"],
          { env: iso.env },
        )
      ).stdout,
    ).UserPool.Id;
    for (const u of ["ann", "ben"])
      expect(
        (
          await runCli(
            [
              ...L,
              "admin-create-user",
              "--user-pool-id",
              pool,
              "--username",
              u,
              "--message-action",
              "SUPPRESS",
              "--user-attributes",
              `Name=email,Value=${u}@example.com`,
              "Name=email_verified,Value=true",
            ],
            { env: iso.env },
          )
        ).code,
      ).toBe(0);
    const address = "1 Main St\nApt 2";
    const cat = await runCli(
      [
        ...L,
        "admin-create-user",
        "--user-pool-id",
        pool,
        "--username",
        "cat",
        "--message-action",
        "SUPPRESS",
        "--cli-input-json",
        JSON.stringify({
          UserAttributes: [
            { Name: "email", Value: "cat@example.com" },
            { Name: "address", Value: address },
          ],
        }),
      ],
      { env: iso.env },
    );
    expect(cat.code, cat.stderr).toBe(0);
    const r = await runCli([...L, "users", "export", "--pool", "inproc", "--groups"], { env: iso.env });
    expect(r.code, r.stderr).toBe(0);
    expect(
      parseCsv(r.stdout).map((x) => [x["cognito:username"], x.email, x["cognito:enabled"], x.address]),
    ).toEqual([
      ["ann", "ann@example.com", "true", ""],
      ["ben", "ben@example.com", "true", ""],
      ["cat", "cat@example.com", "true", "1 Main St Apt 2"],
    ]);
    // What Cognito's CSV cannot carry is said, and jsonl keeps it exactly.
    expect(r.stderr).toContain(
      "1 value could not be written exactly in Cognito's CSV: cat (address: a line break",
    );
    const jsonl = await runCli([...L, "users", "export", "--pool", "inproc", "--format", "jsonl"], {
      env: iso.env,
    });
    const catLine = jsonl.stdout
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l))
      .find((u) => u.Username === "cat");
    expect(catLine.Attributes).toContainEqual({ Name: "address", Value: address });
  });
});

describe("users export from moto_server", () => {
  it("exports moto's users in the header Cognito documents (moto has no GetCSVHeader), groups included", async () => {
    const moto = await startMoto();
    try {
      const client = testClient(moto.url);
      const seed = await seedPool(client, "moto-source", 30);
      client.destroy();
      const r = await runCli(
        ["--endpoint-url", moto.url, "users", "export", "--pool", seed.poolId, "--groups"],
        { env: iso.env },
      );
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toContain("does not implement GetCSVHeader");
      const rows = parseCsv(r.stdout);
      expect(rows.map((x) => x["cognito:username"]).sort()).toEqual(seed.usernames);
      for (const row of rows) {
        const i = Number(row["cognito:username"].slice(4));
        expect(row["cognito:groups"].split(";").filter(Boolean).sort()).toEqual(expectedGroups(i).sort());
        expect(row["cognito:enabled"]).toBe(String(i % 7 !== 0));
        expect(row["custom:team"]).toBe(`team,${i % 3}`);
      }
    } finally {
      await moto.stop();
    }
  }, 120_000);
});
