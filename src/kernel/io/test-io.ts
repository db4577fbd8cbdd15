// A fake IO for tests: captures stdout/stderr, feeds stdin from a string, and lets a test
// choose whether the streams look like terminals.
import { PassThrough } from "node:stream";
import { type IO, type OutStream, terminalColumns } from "./io.js";

export interface TestIO extends IO {
  readonly out: () => string;
  readonly err: () => string;
  /** The texts handed to page() (help), which are also in out(). */
  readonly paged: () => string[];
}

export interface TestIOOptions {
  stdin?: string;
  stdoutTTY?: boolean;
  stderrTTY?: boolean;
  stdinTTY?: boolean;
  color?: boolean;
  columns?: number;
  env?: Record<string, string | undefined>;
}

function capture(isTTY: boolean, columns: number): OutStream & { text: string[] } {
  const text: string[] = [];
  return {
    text,
    write: (chunk: string) => {
      text.push(chunk);
    },
    isTTY,
    columns,
  };
}

export function createTestIO(opts: TestIOOptions = {}): TestIO {
  // `columns` is the width as the command sees it; without it, the process's rule (COLUMNS, else 100).
  const columns = opts.columns ?? terminalColumns(opts.env ?? {}, 100);
  const stdout = capture(opts.stdoutTTY ?? false, columns);
  const stderr = capture(opts.stderrTTY ?? false, columns);
  const stdinTTY = opts.stdinTTY ?? false;
  const paged: string[] = [];
  const stdinStream = new PassThrough();
  stdinStream.end(opts.stdin ?? "");
  return {
    stdout,
    stderr,
    stdinIsTTY: stdinTTY,
    env: opts.env ?? {},
    color: opts.color ?? false,
    stderrColor: opts.color ?? false,
    canPrompt: stdinTTY && (opts.stderrTTY ?? false),
    readStdin: async () => opts.stdin ?? "",
    stdinStream,
    promptOutput: new PassThrough(),
    // A fake terminal has no pager: the text is captured like any other output.
    page: async (text) => {
      paged.push(text);
      stdout.write(text);
    },
    out: () => stdout.text.join(""),
    err: () => stderr.text.join(""),
    paged: () => [...paged],
  };
}
