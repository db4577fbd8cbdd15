// The groups commands in a real pseudo-terminal (tmux) at 80 and 160 columns: groups members
// (the users table: a header, the count line, identifiers whole, the username column left out when a UUID
// username cannot fit a row), groups show (the role ARN whole) and users mfa.
// Runs bin/cogctl (the built dist/) against the embedded endpoint over HTTP on port 0.
import { existsSync } from "node:fs";
import { join } from "node:path";
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  CreateGroupCommand,
  CreateUserPoolCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "./helpers/cli.js";
import { type LocalHarness, startLocal } from "./helpers/local-server.js";
import { Terminal } from "./helpers/terminal.js";

let term: Terminal;
let local: LocalHarness;
const uuid = "6188e6d3-1a2b-4c5d-8e9f-0123456789ab";
const role = "arn:aws:iam::123456789012:role/oncall-engineers-pager";
beforeAll(async () => {
  term = new Terminal("cogctl-groups-pty");
  if (!existsSync(join(ROOT, "dist", "bundle")))
    throw new Error("dist/ is missing: build first with `npm run build`");
  local = await startLocal();
  const pool = await local.client.send(
    new CreateUserPoolCommand({
      PoolName: "pty-teams",
      Schema: [{ Name: "team", AttributeDataType: "String", Mutable: true }],
    }),
  );
  const poolId = pool.UserPool!.Id!;
  await local.client.send(
    new CreateGroupCommand({
      UserPoolId: poolId,
      GroupName: "oncall",
      Description: "The engineers who answer the pager this week, and a description long enough to wrap",
      Precedence: 1,
      RoleArn: role,
    }),
  );
  for (const username of ["alice", "bob", uuid]) {
    await local.client.send(
      new AdminCreateUserCommand({
        UserPoolId: poolId,
        Username: username,
        MessageAction: "SUPPRESS",
        UserAttributes: [
          { Name: "email", Value: `${username.slice(0, 12)}@example.com` },
          { Name: "custom:team", Value: "a rather long description of the team" },
        ],
      }),
    );
    await local.client.send(
      new AdminAddUserToGroupCommand({ UserPoolId: poolId, Username: username, GroupName: "oncall" }),
    );
  }
});
afterAll(async () => {
  term?.close();
  await local?.close();
});

async function runInTerminal(name: string, columns: number, argv: string[]): Promise<string> {
  term.startCli(name, ["--endpoint-url", local.server.url, ...argv], { columns, rows: 24 });
  // Not joined: each screen row as drawn, so a line wider than the terminal would show as wrapped.
  return (await term.waitForExit(name)).screen;
}

const HEADER = /^USERNAME\s+EMAIL\/PHONE\s+STATUS\s+ENABLED\s+CREATED\s+CUSTOM:/;

describe("groups commands in a terminal", () => {
  it.each([80, 160])(
    "groups members at %i columns: the count line, every line within the width",
    async (columns) => {
      const screen = await runInTerminal(`members${columns}`, columns, [
        "groups",
        "members",
        "oncall",
        "--pool",
        "pty-teams",
        "--attributes",
        "custom:team",
      ]);
      expect(screen).toMatch(/EXIT=0/);
      expect(screen).toMatch(/3 users in group oncall of pty-teams \(us-east-1_\w+\)/);
      for (const line of screen.split("\n")) expect(line.length).toBeLessThanOrEqual(columns);
      if (columns === 160) {
        const rows = screen.split("\n");
        const header = rows.findIndex((l) => HEADER.test(l));
        expect(header, screen).toBeGreaterThanOrEqual(0);
        expect(
          rows
            .slice(header + 1, header + 4)
            .map((l) => l.split(/\s{2,}/)[0])
            .sort(),
        ).toEqual(["alice", "bob", uuid].sort());
      } else {
        // A UUID username does not fit a row at 80 columns: the column gives way, with a note.
        expect(screen).toMatch(/^\(username left out to fit 80 columns/m);
        expect(screen).toMatch(/^EMAIL\/PHONE\s+STATUS\s+ENABLED\s+CREATED\s+CUSTOM:/m);
        expect(screen).not.toContain(uuid);
      }
    },
  );

  it.each([80, 160])(
    "groups show at %i columns: the role ARN whole, every line within the width",
    async (columns) => {
      const screen = await runInTerminal(`show${columns}`, columns, [
        "groups",
        "show",
        "oncall",
        "--pool",
        "pty-teams",
      ]);
      expect(screen).toMatch(/EXIT=0/);
      expect(screen).toMatch(/^name: +oncall$/m);
      expect(screen).toMatch(/^members: +3$/m);
      expect(screen).toMatch(/^precedence: +1$/m);
      expect(screen).toContain(role);
      expect(screen).toMatch(/^created: +(just now|\d+ \w+ ago)$/m);
      for (const line of screen.split("\n")) expect(line.length).toBeLessThanOrEqual(columns);
    },
  );

  it("users mfa at 80 columns: one aligned line per method", async () => {
    const screen = await runInTerminal("mfa80", 80, ["users", "mfa", "alice", "--pool", "pty-teams"]);
    expect(screen).toMatch(/EXIT=0/);
    for (const method of ["totp", "sms", "email"])
      expect(screen).toMatch(new RegExp(`^${method}: +off$`, "m"));
    expect(screen).toMatch(/^preferred: +none$/m);
  });
});
