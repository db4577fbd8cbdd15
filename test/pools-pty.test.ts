// pools list, pools show and clients list in a real pseudo-terminal (tmux) at 80 and 160 columns:
// a header row, every line within the width, pool and client ids whole; relative times. Runs
// bin/cogctl (the built dist/) against the embedded endpoint over HTTP on port 0.
import { existsSync } from "node:fs";
import { join } from "node:path";
import {
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "./helpers/cli.js";
import { type LocalHarness, startLocal } from "./helpers/local-server.js";
import { Terminal } from "./helpers/terminal.js";

let terminal: Terminal;
let local: LocalHarness;
let poolId: string;
let clientId: string;

beforeAll(async () => {
  terminal = new Terminal("cogctl-pools-pty");
  if (!existsSync(join(ROOT, "dist", "bundle")))
    throw new Error("dist/ is missing: build first with `npm run build`");
  local = await startLocal();
  poolId = (await local.client.send(new CreateUserPoolCommand({ PoolName: "pty-pool" }))).UserPool!.Id!;
  clientId = (
    await local.client.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: "pty-web" }))
  ).UserPoolClient!.ClientId!;
});
afterAll(async () => {
  terminal?.close();
  await local?.close();
});

/** The screen (rows as drawn, no scrollback) once cogctl has exited, EXIT=<code> line included. */
async function at(columns: number, argv: string[]): Promise<string> {
  const name = `${argv.join("-")}-${columns}`.replace(/[^\w-]/g, "");
  terminal.startCli(name, ["--endpoint-url", local.server.url, ...argv], { columns, rows: 24 });
  return (await terminal.waitForExit(name)).screen;
}

describe("pools and clients in a terminal", () => {
  it.each([80, 160])(
    "pools list --details at %i columns: a header, the pool's row whole",
    async (columns) => {
      const screen = await at(columns, ["pools", "list", "--details"]);
      expect(screen).toMatch(/EXIT=0/);
      const rows = screen.split("\n");
      expect(
        rows.some((l) => /^NAME\s+ID\s+CREATED\s+MODIFIED\s+PROTECTION\s+USERS\s+MFA$/.test(l)),
        screen,
      ).toBe(true);
      expect(screen).toMatch(
        new RegExp(`^pty-pool\\s+${poolId}\\s+just now\\s+just now\\s+INACTIVE\\s+0\\s+OFF$`, "m"),
      );
      for (const line of rows) expect(line.length).toBeLessThanOrEqual(columns);
    },
  );

  it.each([80, 160])(
    "pools show at %i columns: aligned label: value lines within the width",
    async (columns) => {
      const screen = await at(columns, ["pools", "show", "pty-pool"]);
      expect(screen).toMatch(/EXIT=0/);
      expect(screen).toMatch(new RegExp(`^id: +${poolId}$`, "m"));
      expect(screen).toMatch(/^deletion protection: +INACTIVE$/m);
      expect(screen).toMatch(/^app clients: +1$/m);
      expect(screen).toMatch(/^password policy: +min 8 characters; uppercase, lowercase, numbers, symbols$/m);
      expect(screen).toMatch(/^temporary passwords: +valid 7 days$/m);
      // Shorter than the width: a line exactly as wide would leave the cursor on the next row.
      for (const line of screen.split("\n")) expect(line.length).toBeLessThan(columns);
    },
  );

  it.each([80, 160])("clients list at %i columns: a header, the id whole", async (columns) => {
    const screen = await at(columns, ["clients", "list", "--pool", "pty-pool"]);
    expect(screen).toMatch(/EXIT=0/);
    expect(screen).toMatch(/^NAME\s+ID$/m);
    expect(screen).toMatch(new RegExp(`^pty-web\\s+${clientId}$`, "m"));
  });
});
