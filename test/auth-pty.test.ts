// `cogctl auth login` in a real pseudo-terminal (tmux), proving the interactive screens work as a
// person sees them: hidden password entry, the new password typed twice, the MFA choice list, the
// TOTP QR code and setup key (the whole of them on an 80x24 screen), the code prompt, the summary; and Ctrl-C at a prompt exits 130.
// Runs bin/cogctl (the built dist/: `npx tsc -p tsconfig.build.json`, done by `npm ci` in CI).
import { existsSync } from "node:fs";
import { join } from "node:path";
import { stripVTControlCharacters } from "node:util";
import QRCode from "qrcode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { otpauthUri, totpCode } from "../src/cognito/crypto/index.js";
import { type AuthWorld, authWorld, loginArgs, totpKeyIn } from "./helpers/auth-e2e.js";
import { ROOT } from "./helpers/cli.js";
import { Terminal } from "./helpers/terminal.js";

let term: Terminal;
let w: AuthWorld;
let poolId: string;
let clientId: string;
beforeAll(async () => {
  term = new Terminal("cogctl-auth-pty");
  if (!existsSync(join(ROOT, "dist", "src", "cli", "main.js")))
    throw new Error("dist/ is missing: build first with `npx tsc -p tsconfig.build.json`");
  w = await authWorld();
  poolId = await w.pool();
  await w.totp(poolId);
  ({ clientId } = await w.client(poolId));
});
afterAll(async () => {
  term?.close();
  await w?.close();
});

/** Starts cogctl against the endpoint in a fresh tmux session (200x120 unless told). */
function start(name: string, argv: string[], size = { columns: 200, rows: 120 }): void {
  term.startCli(name, ["--endpoint-url", w.local.server.url, ...argv], {
    ...size,
    env: { COGCTL_CONFIG_DIR: w.configDir },
  });
}

/** The whole session, scrollback included, wrapped lines joined. */
const waitFor = (name: string, pattern: RegExp) => term.waitFor(name, pattern, { history: true, join: true });
const type = (name: string, text: string) => term.type(name, text);

describe("interactive sign-in in a terminal", () => {
  it("FORCE_CHANGE_PASSWORD → new password twice → TOTP set-up with a QR code → tokens", async () => {
    await w.user(poolId, "tess", "Temp-password-1");
    const s = "login";
    start(s, loginArgs(poolId, clientId, "tess"));
    await waitFor(s, /Password for tess/);
    type(s, "Temp-password-1");
    await waitFor(s, /A new password is required for tess[\s\S]*New password/);
    type(s, "Tess-new-password-1");
    await waitFor(s, /Enter it again/);
    type(s, "Tess-new-password-1");
    const choice = await waitFor(s, /Set up which second factor/);
    expect(choice).toMatch(/Authenticator app \(TOTP\)/);
    term.press(s, "Enter");
    const qr = await waitFor(s, /Code from your authenticator app/);
    expect(qr).toMatch(/Scan this QR code/);
    expect(qr).toMatch(/[▄▀█]{10,}/);
    const secret = totpKeyIn(qr);
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    type(s, totpCode(secret as string));
    const done = await waitFor(s, /EXIT=\d+/);
    expect(done).toMatch(/Signed in as tess \(pool /);
    expect(done).toMatch(/EXIT=0/);
    // Passwords were masked, never echoed.
    expect(done).not.toMatch(/Temp-password-1|Tess-new-password-1/);
  });

  it("at 80x24 the whole QR code, the setup key and the code prompt are on screen; the label is the email", async () => {
    const emailPool = await w.pool({ UsernameAttributes: ["email"] });
    await w.totp(emailPool);
    const { clientId: emailClient } = await w.client(emailPool);
    const email = "theodora.long-surname@example.com";
    await w.user(emailPool, email, "Theo-password-1", { permanent: true });
    const s = "small";
    start(s, loginArgs(emailPool, emailClient, email), {
      columns: 80,
      rows: 24,
    });
    await waitFor(s, new RegExp(`Password for ${email.replace(/\./g, "\\.")}`));
    type(s, "Theo-password-1");
    await waitFor(s, /Set up which second factor/);
    term.press(s, "Enter");
    await waitFor(s, /Code from your authenticator app/);
    const shown = term.read(s); // only what is on the screen now, not the scrollback
    const key = totpKeyIn(shown) as string;
    expect(key).toMatch(/^[A-Z2-7]{32}$/);
    // The QR code as it must look for this key and label, every row on the visible screen, in order.
    const uri = otpauthUri({ secret: key, account: email, issuer: "Cognito" });
    const expected = stripVTControlCharacters(
      await QRCode.toString(uri, { type: "terminal", small: true, errorCorrectionLevel: "L" }),
    )
      .split("\n")
      .map((row) => row.trimEnd())
      .filter((row) => row !== "");
    const lines = shown.split("\n").map((row) => row.trimEnd());
    const top = lines.indexOf(expected[0]);
    expect(top).toBeGreaterThanOrEqual(0);
    expect(lines.slice(top, top + expected.length)).toEqual(expected);
    expect(lines[top + expected.length]).toBe(`  ${key.replace(/(.{4})(?=.)/g, "$1 ")}`);
    expect(lines.slice(top + expected.length + 1).join("\n")).toMatch(/Code from your authenticator app/);
    type(s, totpCode(key));
    const done = await waitFor(s, /EXIT=\d+/);
    expect(done).toMatch(/EXIT=0/);
    expect(done).toMatch(
      new RegExp(`Signed in as ${email.replace(/\./g, "\\.")} \\(username [0-9a-f-]{36}\\)`),
    );
  });

  it("Ctrl-C at the password prompt exits 130", async () => {
    const s = "interrupt";
    start(s, loginArgs(poolId, clientId, "tess"));
    await waitFor(s, /Password for tess/);
    term.press(s, "C-c");
    expect(await waitFor(s, /EXIT=\d+/)).toMatch(/EXIT=130/);
  });
});
