// Runs bin/cogctl (the built dist/) in a real pseudo-terminal: a detached tmux session of a given
// width and 24 rows, on a private tmux server per test file, and returns the screen as drawn.
import { execFileSync } from "node:child_process";
import { BIN } from "./cli.js";

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

export function tmuxTerminal(socket: string) {
  const tmux = (...args: string[]) => execFileSync("tmux", ["-L", socket, ...args], { encoding: "utf8" });
  return {
    /** The screen once the command has ended (an `EXIT=<code>` line follows its output). */
    async run(
      name: string,
      columns: number,
      argv: string[],
      env: Record<string, string> = {},
    ): Promise<string> {
      const command = [
        "env",
        "-u",
        "COLUMNS",
        ...Object.entries({
          AWS_ACCESS_KEY_ID: "local",
          AWS_SECRET_ACCESS_KEY: "local",
          AWS_REGION: "us-east-1",
          AWS_CONFIG_FILE: "/nonexistent/cogctl-test-config",
          AWS_SHARED_CREDENTIALS_FILE: "/nonexistent/cogctl-test-credentials",
          AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
          TERM: "xterm-256color",
          ...env,
        }).map(([k, v]) => quote(`${k}=${v}`)),
        quote(process.execPath),
        quote(BIN),
        ...argv.map(quote),
      ].join(" ");
      tmux(
        "new-session",
        "-d",
        "-s",
        name,
        "-x",
        String(columns),
        "-y",
        "24",
        `sh -c ${quote(`${command}; echo EXIT=$?; sleep 60`)}`,
      );
      const until = Date.now() + 20_000;
      for (;;) {
        // No -J: each screen row as drawn, so a line wider than the terminal would show as wrapped.
        const text = tmux("capture-pane", "-p", "-t", name);
        if (/EXIT=\d+/.test(text)) return text;
        if (Date.now() > until) throw new Error(`timed out; screen:\n${text}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    close() {
      try {
        tmux("kill-server");
      } catch {
        // no session left
      }
    },
  };
}
