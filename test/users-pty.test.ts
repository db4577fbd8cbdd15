// `cogctl users list` in a real pseudo-terminal (tmux) at 80 and 160 columns: a header row, the
// "Showing N of about M users" line, every line within the width, identifiers whole. Runs
// bin/cogctl (the built dist/) against the embedded endpoint over HTTP on port 0.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { AdminCreateUserCommand, CreateUserPoolCommand } from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "./helpers/cli.js";
import { type LocalHarness, startLocal } from "./helpers/local-server.js";
import { Terminal } from "./helpers/terminal.js";

let term: Terminal;
let local: LocalHarness;
const short = ["alice", "bob"];
const uuid = "6188e6d3-1a2b-4c5d-8e9f-0123456789ab";
beforeAll(async () => {
  term = new Terminal("cogctl-users-pty");
  if (!existsSync(join(ROOT, "dist", "bundle")))
    throw new Error("dist/ is missing: build first with `npm run build`");
  local = await startLocal();
  const pool = async (name: string, usernames: string[]) => {
    const created = await local.client.send(
      new CreateUserPoolCommand({
        PoolName: name,
        Schema: [{ Name: "team", AttributeDataType: "String", Mutable: true }],
      }),
    );
    for (const [i, username] of usernames.entries()) {
      await local.client.send(
        new AdminCreateUserCommand({
          UserPoolId: created.UserPool!.Id!,
          Username: username,
          MessageAction: "SUPPRESS",
          UserAttributes: [
            // Short enough that at 80 columns the identifiers leave the team column its 10-column
            // minimum (fit-columns.ts), so the table (not the label: value blocks) is drawn.
            { Name: "email", Value: `${username.slice(0, 12)}@ex.io` },
            { Name: "custom:team", Value: `a rather long description of team number ${i}` },
          ],
        }),
      );
    }
  };
  await pool("pty-people", short);
  await pool("pty-uuids", [uuid]);
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

const list = (pool: string) => ["users", "list", "--pool", pool, "--attributes", "custom:team"];
const HEADER = /^USERNAME\s+EMAIL\/PHONE\s+STATUS\s+ENABLED\s+CREATED\s+CUSTOM:/;

describe("users list in a terminal", () => {
  it.each([80, 160])(
    "at %i columns: a header, the count line, rows that fit with identifiers whole",
    async (columns) => {
      const screen = await runInTerminal(`list${columns}`, columns, list("pty-people"));
      expect(screen).toMatch(/EXIT=0/);
      expect(screen).toMatch(/Showing 2 of about 2 users in pty-people/);
      const rows = screen.split("\n");
      const header = rows.findIndex((l) => HEADER.test(l));
      expect(header, screen).toBeGreaterThanOrEqual(0);
      const body = rows.slice(
        header + 1,
        rows.findIndex((l) => /^EXIT=/.test(l)),
      );
      // Each user's row starts with the whole username; the team (free text) wraps under its own
      // column at 80 columns and fits beside the rest at 160: read back whole either way.
      const users: string[][] = [];
      for (const line of body)
        if (/^\S/.test(line)) users.push([line]);
        else if (line.trim() !== "") users.at(-1)?.push(line);
      expect(users.map((lines) => lines[0].split(/\s{2,}/)[0]).sort()).toEqual([...short].sort());
      for (const line of rows) expect(line.length).toBeLessThanOrEqual(columns);
      const teamAt = rows[header].indexOf("CUSTOM:TEAM");
      const teams = users.map((lines) => lines.map((l) => l.slice(teamAt).trim()).join(" "));
      expect(teams.sort()).toEqual(short.map((_, i) => `a rather long description of team number ${i}`));
      expect(users.every((lines) => lines.length > 1)).toBe(columns === 80);
      expect(screen).not.toContain("…");
    },
  );

  it("at 80 columns, a UUID username too wide for a row gives way (with a note), the table stays", async () => {
    const narrow = await runInTerminal("uuid80", 80, list("pty-uuids"));
    expect(narrow).toMatch(/EXIT=0/);
    expect(narrow.split("\n").some((l) => HEADER.test(l))).toBe(false);
    expect(narrow).toMatch(/^\(username left out to fit 80 columns; COLUMNS=… or --output json shows it\)$/m);
    expect(narrow).toMatch(/^EMAIL\/PHONE\s+STATUS\s+ENABLED\s+CREATED\s+CUSTOM:/m);
    expect(narrow).toMatch(/^6188e6d3-1a2@ex\.io\s+FORCE_CHANGE_PASSWORD\s+yes/m);
    expect(narrow).not.toContain(uuid);
    for (const line of narrow.split("\n")) expect(line.length).toBeLessThanOrEqual(80);
    const wide = await runInTerminal("uuid160", 160, list("pty-uuids"));
    expect(wide.split("\n").some((l) => HEADER.test(l))).toBe(true);
    expect(wide).toMatch(new RegExp(`^${uuid}\\s+6188e6d3-1a2@ex\\.io\\s+FORCE_CHANGE_PASSWORD`, "m"));
  });
});
