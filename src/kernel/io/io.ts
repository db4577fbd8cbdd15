// The only module that touches the process's streams, TTY state, terminal width and colour
// decisions. Everything else receives an IO object, so tests can hand in a fake one.
import { decodeUtf8, readStreamCapped, SECRET_INPUT_LIMIT } from "./capped-read.js";

export interface OutStream {
  write(chunk: string): void;
  /**
   * Resolves once the stream's buffer has room again (at once when it has): a long writer (users
   * export to a pipe) awaits it so a slow reader holds it back instead of the memory filling up.
   */
  drained?(): Promise<void>;
  readonly isTTY: boolean;
  /** Terminal width in columns: COLUMNS when set to a positive number, else the terminal's (80 when unknown). */
  readonly columns: number;
}

/**
 * COLUMNS overrides the detected width, as for most terminal programs (it is how a user narrows
 * output or corrects a wrong detection). Anything but a positive whole number is ignored.
 */
export function terminalColumns(
  env: Readonly<Record<string, string | undefined>>,
  detected: number | undefined,
): number {
  const fromEnv = env.COLUMNS !== undefined && /^\d+$/.test(env.COLUMNS.trim()) ? Number(env.COLUMNS) : 0;
  return fromEnv > 0 ? fromEnv : detected || 80;
}

/**
 * The width output must fit: the terminal's (COLUMNS included), or undefined when the stream is a
 * pipe or a file, which nothing is ever narrowed or cut for, whatever COLUMNS says: like gh, and
 * unlike the AWS CLI, which fits pipes to 80 columns; an exported COLUMNS (CI runners set one)
 * must not reshape what a script reads.
 */
export function fitWidth(stream: OutStream): number | undefined {
  return stream.isTTY ? stream.columns : undefined;
}

export type ColorMode = "on" | "off" | "auto";

export interface IO {
  readonly stdout: OutStream;
  readonly stderr: OutStream;
  readonly stdinIsTTY: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Colour for output on stdout (decided once from --color, NO_COLOR and the TTY). */
  readonly color: boolean;
  /** Colour for diagnostics on stderr. */
  readonly stderrColor: boolean;
  /** True when a person can answer prompts: stdin and stderr are terminals. */
  readonly canPrompt: boolean;
  /**
   * Reads the whole of standard input as UTF-8 (what --password-stdin reads: at most
   * SECRET_INPUT_LIMIT bytes; throws InputTooLargeError or NotUtf8Error).
   */
  readStdin(): Promise<string>;
  /** The raw stdin stream, for interactive prompt libraries. */
  readonly stdinStream: NodeJS.ReadableStream;
  /** The raw stderr stream, where prompts are drawn so stdout stays parseable. */
  readonly promptOutput: NodeJS.WritableStream;
  /** Writes long text (help) to stdout, through the user's pager when it does not fit the terminal. */
  page(text: string): Promise<void>;
}

export function decideColor(
  mode: ColorMode,
  isTTY: boolean,
  env: Readonly<Record<string, string | undefined>>,
): boolean {
  if (mode === "on") return true;
  if (mode === "off") return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "0") return true;
  if (env.TERM === "dumb") return false;
  return isTTY;
}

function wrapStream(
  stream: NodeJS.WriteStream,
  env: Readonly<Record<string, string | undefined>>,
): OutStream {
  return {
    write: (chunk: string) => {
      stream.write(chunk);
    },
    drained: () =>
      !stream.writableNeedDrain || stream.destroyed
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            // A reader that went away (EPIPE) never drains: closing or failing ends the wait too.
            const done = () => {
              stream.off("drain", done).off("close", done).off("error", done);
              resolve();
            };
            stream.on("drain", done).on("close", done).on("error", done);
          }),
    get isTTY() {
      return Boolean(stream.isTTY);
    },
    get columns() {
      return terminalColumns(env, stream.columns);
    },
  };
}

export function createProcessIO(colorMode: ColorMode = "auto"): IO {
  const env = process.env;
  const stdinIsTTY = Boolean(process.stdin.isTTY);
  const stdout = wrapStream(process.stdout, env);
  return {
    stdout,
    stderr: wrapStream(process.stderr, env),
    stdinIsTTY,
    env,
    color: decideColor(colorMode, Boolean(process.stdout.isTTY), env),
    stderrColor: decideColor(colorMode, Boolean(process.stderr.isTTY), env),
    canPrompt: stdinIsTTY && Boolean(process.stderr.isTTY),
    readStdin: () => readAll(process.stdin),
    stdinStream: process.stdin,
    promptOutput: process.stderr,
    page: async (text) => {
      const { planPager, runPager } = await import("./pager.js");
      const screen = { isTTY: stdout.isTTY, rows: process.stdout.rows, columns: stdout.columns, env };
      await runPager(text, planPager(text, screen), stdout.write);
    },
  };
}

/** All of a stream as UTF-8, up to limit bytes (an endless `yes |` must not fill the memory). */
export async function readAll(stream: NodeJS.ReadableStream, limit = SECRET_INPUT_LIMIT): Promise<string> {
  return decodeUtf8(await readStreamCapped(stream, limit));
}
