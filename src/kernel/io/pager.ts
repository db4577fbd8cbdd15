// Long text (help) through the user's pager on a terminal, as git and gh do it:
// - never in a pipe or file, and never when the text fits the screen;
// - $PAGER when set; `PAGER=` (empty) or `PAGER=cat` mean no pager; otherwise `less -R`;
// - LESS=FRX when the user has not set LESS (quit when the text fits, keep colour, leave the text on
//   the screen), and LV=-c for lv, as git sets them;
// - a pager that cannot be started (missing binary) means printing directly.
import { spawn } from "node:child_process";
import { stripVTControlCharacters } from "node:util";

export const DEFAULT_PAGER = "less -R";

export interface Screen {
  isTTY: boolean;
  /** Terminal height in lines (undefined when unknown: then nothing pages). */
  rows: number | undefined;
  columns: number;
  env: Readonly<Record<string, string | undefined>>;
}

export type PagerPlan =
  | { kind: "direct" }
  | { kind: "pager"; command: string; argv: string[]; shell: boolean; env: Record<string, string> };

/** How many terminal lines the text takes: a line longer than the screen wraps onto the next. */
export function screenLines(text: string, columns: number): number {
  const lines = stripVTControlCharacters(text).replace(/\n$/, "").split("\n");
  return lines.reduce((sum, l) => sum + Math.max(1, Math.ceil(l.length / Math.max(1, columns))), 0);
}

// A command made only of these characters is split on spaces and run directly (so a missing
// binary is a clean ENOENT); anything else (quotes, pipes, $VARS, ~, VAR=value prefixes) goes
// through /bin/sh -c, as git does.
const PLAIN_COMMAND = /^[\w\s./:,+@-]+$/;

export function planPager(text: string, screen: Screen): PagerPlan {
  if (!screen.isTTY || screen.rows === undefined) return { kind: "direct" };
  const command = (screen.env.PAGER ?? DEFAULT_PAGER).trim();
  if (command === "" || command === "cat") return { kind: "direct" };
  // One line stays free for the shell prompt that follows.
  if (screenLines(text, screen.columns) < screen.rows) return { kind: "direct" };
  const shell = !PLAIN_COMMAND.test(command);
  return {
    kind: "pager",
    command,
    argv: shell ? ["/bin/sh", "-c", command] : command.split(/\s+/),
    shell,
    env: { LESS: screen.env.LESS ?? "FRX", LV: screen.env.LV ?? "-c" },
  };
}

/** sh's exit status for a command it could not find or run. */
const SHELL_NOT_FOUND = new Set([126, 127]);

/**
 * Writes text through the planned pager (its output goes straight to this process's stdout),
 * or with `write` when there is none or it cannot start. Resolves once the pager has exited.
 */
export function runPager(
  text: string,
  plan: PagerPlan,
  write: (text: string) => void,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<void> {
  if (plan.kind === "direct") {
    write(text);
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    // Ctrl-C while paging belongs to the pager (less clears its search on it); leaving now would
    // hand the terminal back to the shell while less still reads it.
    const ignoreInterrupt = () => {};
    process.on("SIGINT", ignoreInterrupt);
    let settled = false;
    const finish = (printDirectly: boolean) => {
      if (settled) return;
      settled = true;
      process.off("SIGINT", ignoreInterrupt);
      if (printDirectly) write(text);
      resolve();
    };
    const [file, ...args] = plan.argv;
    const child = spawn(file!, args, {
      stdio: ["pipe", "inherit", "inherit"],
      env: { ...env, ...plan.env },
    });
    child.on("error", () => finish(true));
    // EPIPE when the user quits before the pager has read everything: nothing is wrong.
    child.stdin.on("error", () => {});
    child.on("close", (code) => finish(plan.shell && code !== null && SHELL_NOT_FOUND.has(code)));
    child.stdin.end(text);
  });
}
