// --output table in a real pseudo-terminal (tmux) at 80x24 and 160x40: the boxes fit the width a
// person sees (every line, wrapped lines joined back, is at most that wide), identifiers stay
// whole, a box too wide for its columns turns vertical, COLUMNS narrows it, and `local messages`
// keeps each code and destination whole. Runs bin/cogctl (the built dist/).
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  AdminCreateUserCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  SignUpCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ROOT } from "./helpers/cli.js";
import { type LocalHarness, startLocal } from "./helpers/local-server.js";
import { Terminal } from "./helpers/terminal.js";

const INVITED = "invited-admin-user@example.com";
const SIGNED_UP = "self-service-signup@example.org";
let term: Terminal;
let dataDir: string;
let local: LocalHarness;
let poolId: string;
beforeAll(async () => {
  term = new Terminal("cogctl-table-pty");
  if (!existsSync(join(ROOT, "dist", "src", "cli", "main.js")))
    throw new Error("dist/ is missing: build first with `npm run build`");
  dataDir = mkdtempSync(join(tmpdir(), "cogctl-table-pty-"));
  local = await startLocal({ dataDir });
  const pool = await local.client.send(
    new CreateUserPoolCommand({ PoolName: "table-pty", AutoVerifiedAttributes: ["email"] }),
  );
  poolId = pool.UserPool?.Id as string;
  const app = await local.client.send(
    new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: "app" }),
  );
  await local.client.send(
    new AdminCreateUserCommand({
      UserPoolId: poolId,
      Username: INVITED,
      UserAttributes: [{ Name: "email", Value: INVITED }],
      DesiredDeliveryMediums: ["EMAIL"],
    }),
  );
  await local.client.send(
    new SignUpCommand({
      ClientId: app.UserPoolClient?.ClientId as string,
      Username: SIGNED_UP,
      Password: "Passw0rd!x",
      UserAttributes: [{ Name: "email", Value: SIGNED_UP }],
    }),
  );
}, 60_000);
afterAll(async () => {
  term?.close();
  await local?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

let sessions = 0;
/** Runs cogctl in a fresh tmux pane of the given size and returns the screen once it has exited. */
async function runInTerminal(
  size: [number, number],
  argv: string[],
  extraEnv: Record<string, string> = {},
): Promise<string[]> {
  const name = `table-${++sessions}`;
  const [columns, rows] = size;
  term.startCli(name, argv, { columns, rows, env: { NO_COLOR: "1", ...extraEnv } });
  // Joined: a line the terminal wrapped shows at its real width.
  const exit = await term.waitForExit(name, { history: true, join: true });
  term.kill(name);
  expect(exit.code, exit.screen).toBe(0);
  return exit.lines;
}

const widest = (lines: string[]) => Math.max(...lines.map((line) => line.length));
const listUsers = () => [
  "--endpoint-url",
  local.server.url,
  "list-users",
  "--user-pool-id",
  poolId,
  "--output",
  "table",
];

describe("tables in a terminal", () => {
  test("80x24: list-users fits 80 columns in the vertical layout, usernames and statuses whole", async () => {
    const screen = await runInTerminal([80, 24], listUsers());
    expect(widest(screen)).toBeLessThanOrEqual(80);
    const text = screen.join("\n");
    expect(text).not.toContain("…");
    // Too wide for its columns side by side: one key/value block per user, as the AWS CLI does.
    expect(text).not.toMatch(/│\s+Username\s+│\s+UserCreateDate\s+│/);
    expect(text).toMatch(new RegExp(`│ Username +│ ${INVITED} +│`));
    expect(text).toMatch(new RegExp(`│ Username +│ ${SIGNED_UP} +│`));
    expect(text).toMatch(/│ UserStatus +│ FORCE_CHANGE_PASSWORD +│/);
  });

  test("160x40: the same users side by side, one column per member, all within 160 columns", async () => {
    const screen = await runInTerminal([160, 40], listUsers());
    expect(widest(screen)).toBeLessThanOrEqual(160);
    const text = screen.join("\n");
    expect(text).toMatch(
      /│\s+Username\s+│\s+UserCreateDate\s+│\s+UserLastModifiedDate\s+│\s+Enabled\s+│\s+UserStatus\s+│/,
    );
    expect(text).toMatch(new RegExp(`│ ${INVITED} +│ .+ │ FORCE_CHANGE_PASSWORD +│`));
    expect(text).not.toContain("…");
  });

  test("COLUMNS=80 in a 160-column terminal narrows the boxes to 80", async () => {
    const screen = await runInTerminal([160, 40], listUsers(), { COLUMNS: "80" });
    expect(widest(screen)).toBeLessThanOrEqual(80);
    expect(screen.join("\n")).toMatch(new RegExp(`│ Username +│ ${INVITED} +│`));
  });

  test("80x24: describe-user-pool fits 80 columns; the pool id and its ARN are whole", async () => {
    const screen = await runInTerminal(
      [80, 24],
      [
        "--endpoint-url",
        local.server.url,
        "describe-user-pool",
        "--user-pool-id",
        poolId,
        "--output",
        "table",
      ],
    );
    expect(widest(screen)).toBeLessThanOrEqual(80);
    const text = screen.join("\n");
    expect(text).toMatch(new RegExp(`│ Id +│ ${poolId} +│`));
    expect(text).toContain(`:userpool/${poolId} `);
    expect(text).not.toContain("…");
  });

  test("80x24: local messages keeps every code and destination whole; the message text wraps", async () => {
    const screen = await runInTerminal([80, 24], ["local", "messages", "--data-dir", dataDir]);
    expect(widest(screen)).toBeLessThanOrEqual(80);
    const text = screen.join("\n");
    expect(text).toMatch(new RegExp(`│ Destination +│ ${INVITED} +│`));
    expect(text).toMatch(new RegExp(`│ Destination +│ ${SIGNED_UP} +│`));
    // The sign-up confirmation code, and the invitation's temporary password, each whole on one line.
    expect(text).toMatch(/│ Code +│ \d{6} +│/);
    const codes = [...text.matchAll(/│ Code +│ (\S+) +│/g)].map((m) => m[1]);
    expect(codes.length).toBe(2);
    const messageRows = screen.filter((line) => /^│ (Message|) +│/.test(line));
    expect(messageRows.length).toBeGreaterThan(2);
  });
});
