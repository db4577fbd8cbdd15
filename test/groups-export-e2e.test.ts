// groups export / groups import end to end: the real CLI against the embedded endpoint over HTTP and
// moto_server. Groups with description, precedence and role ARN go out and into a fresh pool; a second
// import changes nothing; a differing group is updated, or left alone with --keep-existing.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolCommand,
  ListGroupsCommand,
  UpdateGroupCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./helpers/cli.js";
import { type Endpoint, endpoints } from "./helpers/endpoints.js";
import { applyEnv, isolatedAwsEnv, testClient } from "./helpers/env.js";

const ROLE = "arn:aws:iam::123456789012:role/ops";

describe.each(endpoints)("groups export and import against the %s", (_name, start) => {
  let endpoint: Endpoint;
  let client: CognitoIdentityProviderClient;
  let dir: string;
  let restoreEnv: () => void;
  const env = () => isolatedAwsEnv({ COGCTL_CONFIG_DIR: join(dir, "config") });
  const cog = (argv: string[]) => runCli(["--endpoint-url", endpoint.url, ...argv], { env: env() });
  const pool = async (name: string) =>
    (await client.send(new CreateUserPoolCommand({ PoolName: name }))).UserPool?.Id as string;
  const groupsOf = async (id: string) =>
    ((await client.send(new ListGroupsCommand({ UserPoolId: id }))).Groups ?? [])
      .map((g) => ({
        GroupName: g.GroupName,
        Description: g.Description,
        Precedence: g.Precedence,
        RoleArn: g.RoleArn,
      }))
      .sort((a, b) => (a.GroupName as string).localeCompare(b.GroupName as string));

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "groups-export-"));
    restoreEnv = applyEnv(env());
    endpoint = await start();
    client = testClient(endpoint.url);
  }, 60_000);
  afterAll(async () => {
    client.destroy();
    await endpoint.close();
    restoreEnv();
    rmSync(dir, { recursive: true, force: true });
  });

  it("round trip into a fresh pool, idempotent, updates or keeps what differs", async () => {
    const source = await pool("groups-source");
    await client.send(
      new CreateGroupCommand({
        UserPoolId: source,
        GroupName: "ops",
        Description: "On call, 24/7",
        Precedence: 1,
        RoleArn: ROLE,
      }),
    );
    await client.send(new CreateGroupCommand({ UserPoolId: source, GroupName: "beta" }));
    await client.send(
      new CreateGroupCommand({
        UserPoolId: source,
        GroupName: "staff",
        Description: "Zoë's team",
        Precedence: 5,
      }),
    );
    const out = join(dir, `groups-${_name.replace(/\W/g, "")}.json`);
    const exported = await cog(["groups", "export", "--pool", source, "--out", out]);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stderr).toContain("Exported 3 groups");
    const file = JSON.parse(readFileSync(out, "utf8"));
    expect(file.Groups.find((g: { GroupName: string }) => g.GroupName === "ops")).toEqual({
      GroupName: "ops",
      Description: "On call, 24/7",
      Precedence: 1,
      RoleArn: ROLE,
    });
    expect((await cog(["groups", "export", "--pool", source, "--out", out])).code).toBe(252);

    const target = await pool("groups-target");
    const first = await cog(["groups", "import", out, "--pool", target]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toMatch(/Created 3/);
    expect(await groupsOf(target)).toEqual(await groupsOf(source));

    const again = await cog(["groups", "import", out, "--pool", target]);
    expect(again.stderr).toMatch(/Created 0/);
    expect(again.stderr).toMatch(/Updated 0/);
    expect(again.stderr).toMatch(/Unchanged 3/);

    await client.send(
      new UpdateGroupCommand({ UserPoolId: target, GroupName: "ops", Description: "changed", Precedence: 9 }),
    );
    const kept = await cog(["groups", "import", out, "--pool", target, "--keep-existing"]);
    expect(kept.stderr).toMatch(/Left as they are .* 1: ops/);
    expect((await groupsOf(target)).find((g) => g.GroupName === "ops")?.Description).toBe("changed");
    const dry = await cog(["groups", "import", out, "--pool", target, "--dry-run"]);
    expect(dry.stderr).toMatch(/Would have updated 1: ops/);
    expect((await groupsOf(target)).find((g) => g.GroupName === "ops")?.Description).toBe("changed");
    const updated = await cog(["groups", "import", out, "--pool", target]);
    expect(updated.stderr).toMatch(/Updated 1: ops/);
    expect(await groupsOf(target)).toEqual(await groupsOf(source));
  });

  it("refuses a bad file with where and what (exit 252), before any change", async () => {
    const target = await pool("groups-bad");
    const bad = join(dir, "bad.json");
    writeFileSync(bad, '{"Groups": [{"GroupName": "a"}, {"Description": "no name"}]}');
    const r = await cog(["groups", "import", bad, "--pool", target]);
    expect(r.code).toBe(252);
    expect(r.stderr).toContain("Groups[1] has no GroupName");
    expect(await groupsOf(target)).toEqual([]);
    writeFileSync(bad, "{not json");
    expect((await cog(["groups", "import", bad, "--pool", target])).stderr).toContain("is not JSON");
    writeFileSync(bad, '[{"GroupName": "a", "Precedence": -1}]');
    expect((await cog(["groups", "import", bad, "--pool", target])).stderr).toContain("Precedence must be");
  });
});
