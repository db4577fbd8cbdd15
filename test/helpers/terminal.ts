// A real pseudo-terminal for tests, through tmux: each command runs in a session of the size asked
// for, and the test reads the screen as a person sees it, types into it, and waits for the exit code
// the shell prints. tmux rather than a pty library: it draws the screen (wrapping, cursor moves,
// the pager's redraws) as a terminal does, and capture-pane reads it back as text.
// One tmux server per Terminal, on a socket in a temporary directory of its own (never the user's
// server or config), removed by close().
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BIN } from "./cli.js";
import { requireTool } from "./tools.js";

export interface StartOptions {
  columns: number;
  rows: number;
  /** Added to the pane's environment; undefined unsets a variable (tmux hands panes its own). */
  env?: Record<string, string | undefined>;
  /**
   * The shell that runs the command and prints EXIT=<code>: bash (unlike dash) outlives a Ctrl-C
   * its child handled, so a test that interrupts a pager needs it.
   */
  shell?: "sh" | "bash";
}

export interface ReadOptions {
  /** The scrollback too, not only the rows on the screen now. */
  history?: boolean;
  /** Lines the terminal wrapped joined back, so a line wider than the pane shows at its real width. */
  join?: boolean;
}

export interface WaitOptions extends ReadOptions {
  timeoutMs?: number;
}

export interface Exited {
  code: number;
  /** The whole capture, EXIT=<code> included. */
  screen: string;
  /** What came before EXIT=<code>, line by line, trailing blank lines dropped. */
  lines: string[];
}

// The size is the test's: COLUMNS and LINES from the runner's environment must not override it.
const SIZE_FROM_PANE = { COLUMNS: undefined, LINES: undefined };

/** What bin/cogctl needs to run against a test endpoint without reading the machine's ~/.aws. */
export const CLI_TERMINAL_ENV: Record<string, string> = {
  AWS_ACCESS_KEY_ID: "local",
  AWS_SECRET_ACCESS_KEY: "local",
  AWS_REGION: "us-east-1",
  AWS_CONFIG_FILE: "/nonexistent/cogctl-test-config",
  AWS_SHARED_CREDENTIALS_FILE: "/nonexistent/cogctl-test-credentials",
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
};

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

export class Terminal {
  private readonly dir: string;

  /** Starts the tmux server; call close() when done (afterAll). */
  constructor(label = "cogctl-pty") {
    requireTool("tmux");
    this.dir = mkdtempSync(join(tmpdir(), `${label}-`));
    // A session that outlives every test: killing the last session stops the tmux server, and the
    // next new-session could race its shutdown.
    this.tmux("new-session", "-d", "-s", "keep", "sleep 3600");
  }

  tmux(...args: string[]): string {
    return execFileSync("tmux", ["-S", join(this.dir, "tmux"), "-f", "/dev/null", ...args], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
  }

  /** Runs command in a new session; when it ends the shell prints EXIT=<code> and the pane stays. */
  start(name: string, command: string[], opts: StartOptions): void {
    const env = { TERM: "xterm-256color", ...SIZE_FROM_PANE, ...opts.env };
    const entries = Object.entries(env);
    const line = [
      "env",
      // env(1) takes every -u before the first NAME=VALUE.
      ...entries.flatMap(([k, v]) => (v === undefined ? ["-u", k] : [])),
      ...entries.flatMap(([k, v]) => (v === undefined ? [] : [quote(`${k}=${v}`)])),
      ...command.map(quote),
    ].join(" ");
    const script = quote(`${line}; echo EXIT=$?; sleep 60`);
    const shell = opts.shell === "bash" ? `bash --norc --noprofile -c ${script}` : `sh -c ${script}`;
    this.tmux("new-session", "-d", "-s", name, "-x", String(opts.columns), "-y", String(opts.rows), shell);
  }

  /** Runs bin/cogctl (the built dist/) with argv, with CLI_TERMINAL_ENV under opts.env. */
  startCli(name: string, argv: string[], opts: StartOptions): void {
    this.start(name, [process.execPath, BIN, ...argv], {
      ...opts,
      env: { ...CLI_TERMINAL_ENV, ...opts.env },
    });
  }

  /** The screen now (the visible rows as drawn unless told otherwise). */
  read(name: string, opts: ReadOptions = {}): string {
    return this.tmux(
      "capture-pane",
      "-p",
      ...(opts.join ? ["-J"] : []),
      "-t",
      name,
      ...(opts.history ? ["-S", "-"] : []),
    );
  }

  /** Polls the screen until pattern matches and returns that screen; throws with the screen on timeout. */
  async waitFor(name: string, pattern: RegExp, opts: WaitOptions = {}): Promise<string> {
    const until = Date.now() + (opts.timeoutMs ?? 20_000);
    for (;;) {
      const text = this.read(name, opts);
      if (pattern.test(text)) return text;
      if (Date.now() > until) throw new Error(`timed out waiting for ${pattern}; screen:\n${text}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Waits for the command's EXIT=<code> line. */
  async waitForExit(name: string, opts: WaitOptions = {}): Promise<Exited> {
    const screen = await this.waitFor(name, /EXIT=\d+/, opts);
    const exit = /EXIT=(\d+)/.exec(screen) as RegExpExecArray;
    return { code: Number(exit[1]), screen, lines: screen.slice(0, exit.index).trimEnd().split("\n") };
  }

  /** Types text literally, then Enter. */
  type(name: string, text: string): void {
    this.tmux("send-keys", "-t", name, "-l", text);
    this.press(name, "Enter");
  }

  /** Sends tmux key names: "Enter", "C-c", "q". */
  press(name: string, ...keys: string[]): void {
    this.tmux("send-keys", "-t", name, ...keys);
  }

  kill(name: string): void {
    this.tmux("kill-session", "-t", name);
  }

  /** Stops the server (and every session) and removes the socket's directory. */
  close(): void {
    try {
      this.tmux("kill-server");
    } catch {
      // the server is already gone
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
