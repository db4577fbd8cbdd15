import { join } from "node:path";
import { CreateUserPoolCommand, ListUsersCommand } from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_DEFAULT_MAX_ROWS } from "../src/kernel/import/run.js";
import { glance } from "../src/kernel/import/source.js";
import { runCli } from "./helpers/cli.js";
import { useIsolatedDirs } from "./helpers/env.js";
import { userRow, writeCsv } from "./helpers/import-csv.js";
import { type LocalHarness, startLocal } from "./helpers/local-server.js";

const isolated = useIsolatedDirs("cogctl-import-default-");
let local: LocalHarness;
beforeAll(async () => {
  local = await startLocal();
});
afterAll(async () => {
  await local?.close();
});

const cog = (argv: string[]) =>
  runCli(["--endpoint-url", local.server.url, ...argv], {
    env: { COGCTL_STATE_DIR: join(isolated.dir, "state") },
  });
const newPool = async (name: string, autoVerified: ("email" | "phone_number")[]) =>
  (
    await local.client.send(
      new CreateUserPoolCommand({ PoolName: name, AutoVerifiedAttributes: autoVerified }),
    )
  ).UserPool?.Id as string;

describe("users import without --via", () => {
  it("imports a small file into a pool without auto-verified attributes through the API", async () => {
    const poolId = await newPool("no-auto-verify", []);
    // Unverified emails: fine for AdminCreateUser, a FAILED row for an import job.
    const path = writeCsv(join(isolated.dir, "small.csv"), [
      userRow("ann", { email_verified: "false" }),
      userRow("ben", { email_verified: "false" }),
    ]);
    const dry = await cog(["users", "import", path, "--pool", poolId, "--dry-run"]);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(
      /via\s+api \(the pool has no auto-verified attribute, which an import job needs\)/,
    );
    const r = await cog(["users", "import", path, "--pool", poolId, "--output", "json"]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ via: "api", imported: 2, invalid: 0 });
    const { Users } = await local.client.send(new ListUsersCommand({ UserPoolId: poolId }));
    expect(Users?.map((u) => u.Username).sort()).toEqual(["ann", "ben"]);

    // --via job asked for: refused before any job is created, naming --via api.
    const job = await cog([
      "users",
      "import",
      path,
      "--pool",
      poolId,
      "--via",
      "job",
      "--role-arn",
      "arn:aws:iam::123456789012:role/x",
    ]);
    expect(job.code).toBe(252);
    expect(job.stderr).toContain("has no auto-verified attributes");
    expect(job.stderr).toContain("--via api");
    const jobs = await cog(["list-user-import-jobs", "--user-pool-id", poolId, "--max-results", "10"]);
    expect(JSON.parse(jobs.stdout).UserImportJobs ?? []).toEqual([]);
  });

  it("checks a file over the threshold by the job's rules (a verified auto-verified attribute per row)", async () => {
    const poolId = await newPool("big-file", ["email"]);
    const rows = Array.from({ length: API_DEFAULT_MAX_ROWS + 1 }, (_, i) => userRow(`u${i}`));
    rows[7] = userRow("u7", { email_verified: "false" });
    const path = writeCsv(join(isolated.dir, "big.csv"), rows);
    const r = await cog(["users", "import", path, "--pool", poolId, "--dry-run"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/big\.csv:9:\d+: .*auto-verified|big\.csv:9:\d+: email_verified/);
    // The same file through the API path is valid.
    const api = await cog(["users", "import", path, "--pool", poolId, "--via", "api", "--dry-run"]);
    expect(api.code, api.stderr).toBe(0);
    expect(api.stdout).toMatch(/via\s+api \(as --via says\)/);
  });
});

describe("glance", () => {
  it("counts the rows after the header, with or without a final newline", async () => {
    const { writeFileSync } = await import("node:fs");
    const a = join(isolated.dir, "a.csv");
    writeFileSync(a, "h1,h2\r\nx,y\nz,w\n");
    expect(await glance(a)).toEqual({ headerLine: "h1,h2", lines: 2 });
    writeFileSync(a, "h1,h2\nx,y\nz,w");
    expect(await glance(a)).toEqual({ headerLine: "h1,h2", lines: 2 });
    writeFileSync(a, "only-a-header");
    expect(await glance(a)).toEqual({ headerLine: "only-a-header", lines: 0 });
  });
});
