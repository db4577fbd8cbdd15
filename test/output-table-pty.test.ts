// --output table in a real pseudo-terminal (tmux) at 80x24 and 160x40: the boxes fit the width a
// person sees (every line, wrapped lines joined back, is at most that wide), identifiers stay
// whole, a box too wide for its columns turns vertical, COLUMNS narrows it, and `local messages`
// keeps each code and destination whole. Runs bin/cogctl (the built dist/).
import { execFileSync } from "node:child_process";
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
import { BIN, ROOT } from "./helpers/cli.js";
import { type LocalHarness, startLocal } from "./helpers/local-server.js";
import { requireTool } from "./helpers/tools.js";

const SOCKET = `cogctl-table-pty-${process.pid}`;
const tmux = (...args: string[]) =>
  execFileSync("tmux", ["-L", SOCKET, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

const INVITED = "invited-admin-user@example.com";
const SIGNED_UP = "self-service-signup@example.org";
let dataDir: string;
let local: LocalHarness;
let poolId: string;
beforeAll(async () => {
  requireTool("tmux");
  // A session that outlives every test: killing the last session stops the tmux server, and the
  // next test's new-session could race its shutdown.
  tmux("new-session", "-d", "-s", "keep", "sleep 3600");
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
  try {
    tmux("kill-server");
  } catch {
    // no session left
  }
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
  const env = {
    AWS_ACCESS_KEY_ID: "local",
    AWS_SECRET_ACCESS_KEY: "local",
    AWS_REGION: "us-east-1",
    AWS_CONFIG_FILE: "/nonexistent/cogctl-test-config",
    AWS_SHARED_CREDENTIALS_FILE: "/nonexistent/cogctl-test-credentials",
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    TERM: "xterm-256color",
    NO_COLOR: "1",
    ...extraEnv,
  };
  const command = [
    "env",
    // tmux hands the pane the server's environment: COLUMNS must come from the test alone.
    "-u",
    "COLUMNS",
    ...Object.entries(env).map(([k, v]) => quote(`${k}=${v}`)),
    quote(process.execPath),
    quote(BIN),
    ...argv.map(quote),
  ].join(" ");
  const [width, height] = size;
  tmux(
    "new-session",
    "-d",
    "-s",
    name,
    "-x",
    String(width),
    "-y",
    String(height),
    `sh -c ${quote(`${command}; echo EXIT=$?; sleep 60`)}`,
  );
  const until = Date.now() + 20_000;
  for (;;) {
    // -J joins lines the terminal wrapped: a line wider than the pane shows at its real width.
    const text = tmux("capture-pane", "-p", "-J", "-t", name, "-S", "-");
    const exit = /EXIT=(\d+)/.exec(text);
    if (exit) {
      tmux("kill-session", "-t", name);
      expect(exit[1], text).toBe("0");
      return text.slice(0, exit.index).trimEnd().split("\n");
    }
    if (Date.now() > until) throw new Error(`cogctl did not finish; screen:\n${text}`);
    await new Promise((r) => setTimeout(r, 100));
  }
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
