// A Context for calling hand-written commands' run functions directly (local serve, status,
// messages, reset): fake IO and prompter, a printer that records, and a real data directory.
import { serve } from "../../commands/local/serve.js";
import type { Context } from "../../src/kernel/context.js";
import { createTestIO, type TestIO } from "../../src/kernel/io/test-io.js";
import type { Printer } from "../../src/kernel/output/types.js";

export interface CommandContext {
  ctx: Context;
  io: TestIO;
  /** What the command printed through printer.result / printer.page. */
  results: Record<string, unknown>[];
  /** What it said through done / info / warn. */
  info: string[];
  /** What it traced through printer.debug (globals.debug is opts.debug). */
  debug: string[];
}

export function commandContext(
  dataDir: string,
  opts: { tty?: boolean; confirm?: boolean; region?: string; debug?: boolean } = {},
): CommandContext {
  const io = createTestIO({ stdinTTY: opts.tty, stderrTTY: opts.tty });
  const results: Record<string, unknown>[] = [];
  const info: string[] = [];
  const debug: string[] = [];
  const record = (d: unknown) => results.push(d as Record<string, unknown>);
  const printer: Printer = {
    result: record,
    page: record,
    done: (m) => info.push(m),
    info: (m) => info.push(m),
    warn: (m) => info.push(m),
    debug: (m) => debug.push(m),
  };
  const ctx: Context = {
    io,
    globals: {
      output: "json",
      outputExplicit: false,
      paginate: true,
      debug: opts.debug ?? false,
      color: "off",
      local: false,
      region: opts.region ?? "us-east-1",
    },
    printer,
    prompter: {
      confirm: async () => opts.confirm ?? false,
      input: async () => "",
      password: async () => "",
      select: async () => undefined as never,
    },
    paths: { configDir: `${dataDir}/config`, dataDir, stateDir: `${dataDir}/state` },
    clock: () => new Date(),
    cognito: async () => {
      throw new Error("these commands do not call the service");
    },
    iam: async () => {
      throw new Error("these commands do not call the service");
    },
    logs: async () => {
      throw new Error("these commands do not call the service");
    },
    localEndpoint: async () => {
      throw new Error("these commands open their own data directory");
    },
    close: async () => {},
  };
  return { ctx, io, results, info, debug };
}

/** Runs `local serve` (in memory, port 0) with ctx until stop(); resolves once it printed its URL. */
export async function startServeCommand(
  ctx: Context,
  io: TestIO,
): Promise<{ url: string; stop: () => void; running: Promise<number> }> {
  let stop!: () => void;
  const until = new Promise<void>((r) => {
    stop = r;
  });
  const running = serve({ host: "127.0.0.1", port: "0", inMemory: true, logLevel: "info" }, ctx, until);
  let url = "";
  // Up to 5 s: two cores shared with other suites can make a cold start slow.
  for (let i = 0; i < 250 && !url; i++) {
    await new Promise((r) => setTimeout(r, 20));
    url = io.out().trim();
  }
  return { url, stop, running };
}
