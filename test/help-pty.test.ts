// Help in a real pseudo-terminal (tmux): long help opens `less` on an 80x24 terminal and `q` quits
// with exit 0; Ctrl-C in the pager raises no EPIPE; PAGER=cat and a missing pager print directly;
// help that fits the screen is printed directly; in a pipe the whole help comes out.
// Runs bin/cogctl (the built dist/: `npm run build`).
import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, spawnCli } from "./helpers/cli.js";
import { Terminal } from "./helpers/terminal.js";
import { requireTool } from "./helpers/tools.js";

let term: Terminal;
let fullHelp: string[];
beforeAll(async () => {
  for (const tool of ["less", "bash"]) requireTool(tool);
  term = new Terminal("cogctl-help-pty");
  if (!existsSync(join(ROOT, "dist", "bundle", "main.js")))
    throw new Error("dist/ is missing: build first with `npm run build`");
  const piped = await spawnCli(["create-user-pool", "help"]);
  expect(piped.code).toBe(0);
  fullHelp = piped.stdout.trimEnd().split("\n");
});
afterAll(() => term?.close());

/**
 * Starts cogctl in a fresh tmux session of the given size, with the user's PAGER and LESS
 * removed unless given; bash (which, unlike dash, outlives a Ctrl-C its child handled) prints
 * EXIT=<code> when it ends.
 */
function start(name: string, argv: string[], size: [number, number], env: Record<string, string> = {}): void {
  const [columns, rows] = size;
  term.startCli(name, argv, {
    columns,
    rows,
    shell: "bash",
    env: { PAGER: undefined, LESS: undefined, ...env },
  });
}

/** What the terminal shows now (visible lines only), or with its scrollback. */
const screen = (name: string, history = false) => term.read(name, { history });
const waitFor = (name: string, pattern: RegExp, history = false) => term.waitFor(name, pattern, { history });

const lastLine = () => fullHelp[fullHelp.length - 1]!;

describe("help in a terminal", () => {
  it("long help opens less on an 80x24 terminal: the first page and its prompt; q quits with 0", async () => {
    const s = "pager";
    start(s, ["create-user-pool", "help"], [80, 24]);
    const page = await waitFor(s, /^:\s*$/m);
    const lines = page.trimEnd().split("\n");
    expect(lines[0]).toBe("NAME");
    expect(lines[1]).toBe(fullHelp[1]);
    expect(lines.length).toBeLessThanOrEqual(24);
    expect(page).not.toContain(lastLine());
    expect(page).not.toMatch(/EXIT=/);
    term.press(s, "q");
    const done = await waitFor(s, /EXIT=\d+/);
    expect(done).toMatch(/EXIT=0/);
  });

  it("Ctrl-C in the pager raises no EPIPE; q then ends it as interrupted", async () => {
    const s = "interrupt";
    start(s, ["create-user-pool", "help"], [80, 24]);
    await waitFor(s, /^:\s*$/m);
    term.press(s, "C-c");
    await new Promise((r) => setTimeout(r, 300));
    expect(screen(s)).not.toMatch(/EXIT=/); // the pager still owns the terminal
    term.press(s, "q");
    const done = await waitFor(s, /EXIT=\d+/, true);
    expect(done).not.toMatch(/EPIPE|Error|at .*\.js:\d+/);
    expect(done).toMatch(/EXIT=130/);
  });

  it("PAGER=cat, PAGER=, --no-cli-pager and a missing pager print the whole help directly", async () => {
    start("cat", ["create-user-pool", "help"], [80, 24], { PAGER: "cat" });
    start("empty", ["create-user-pool", "help"], [80, 24], { PAGER: "" });
    start("flag", ["create-user-pool", "help", "--no-cli-pager"], [80, 24]);
    start("missing", ["create-user-pool", "help"], [80, 24], { PAGER: "/nonexistent/cogctl-pager -R" });
    for (const s of ["cat", "empty", "flag", "missing"]) {
      const done = await waitFor(s, /EXIT=\d+/, true);
      expect(done, s).toMatch(/EXIT=0/);
      expect(done, s).toContain(lastLine());
      expect(done, s).toContain(fullHelp[1]);
    }
  });

  it("help that fits the screen is printed directly, without a pager", async () => {
    const s = "fits";
    start(s, ["auth", "mfa", "prefer", "--help"], [160, 40], { PAGER: "sh -c 'echo PAGED; cat'" });
    const done = await waitFor(s, /EXIT=\d+/, true);
    expect(done).toMatch(/EXIT=0/);
    expect(done).not.toContain("PAGED");
    expect(done).toMatch(/Usage: cogctl auth mfa prefer/);
    expect(done).toMatch(/Examples:/);
  });
});

describe("help in a pipe", () => {
  it("comes out whole, never through a pager", async () => {
    const r = await spawnCli(["create-user-pool", "help"], { env: { PAGER: "sh -c 'echo PAGED; cat'" } });
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain("PAGED");
    expect(r.stdout.trimEnd().split("\n")).toEqual(fullHelp);
    expect(fullHelp.length).toBeGreaterThan(500);
    expect(fullHelp[0]).toBe("NAME");
    expect(r.stdout).toMatch(/\nEXAMPLES\n[\s\S]*\nOUTPUT\n/);
  });
});
