// Runs cogctl for tests: in process (fast, with a fake IO and prompter) or as a real child
// process through bin/cogctl (exit codes, stderr, signals exactly as users see them).
import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { main } from "../../commands/main.js";
import type { Paths } from "../../src/kernel/context.js";
import type { Prompter } from "../../src/kernel/io/prompter.js";
import { createTestIO, type TestIOOptions } from "../../src/kernel/io/test-io.js";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const BIN = join(ROOT, "bin", "cogctl");

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions extends TestIOOptions {
  prompter?: Prompter;
  paths?: Paths;
}

export async function runCli(argv: string[], opts: RunOptions = {}): Promise<CliResult> {
  const io = createTestIO({ ...opts, env: { ...process.env, ...(opts.env ?? {}) } });
  const code = await main(argv, { io, prompter: opts.prompter, paths: opts.paths });
  return { code, stdout: io.out(), stderr: io.err() };
}

/** r, when cogctl exited 0; otherwise an error naming the command and its stderr. */
function succeeded(argv: string[], r: CliResult): CliResult {
  if (r.code !== 0) throw new Error(`cogctl ${argv.join(" ")} exited ${r.code}: ${r.stderr}`);
  return r;
}

/** runCli for a step that must succeed (set-up, or a call the test reads): throws with stderr otherwise. */
export async function runCliOk(argv: string[], opts: RunOptions = {}): Promise<CliResult> {
  return succeeded(argv, await runCli(argv, opts));
}

/** runCliOk, its stdout parsed as JSON. */
export async function runCliJson(argv: string[], opts: RunOptions = {}): Promise<any> {
  return JSON.parse((await runCliOk(argv, opts)).stdout);
}

/** Runs bin/cogctl (the built dist/) in a child process. */
export interface SpawnOptions {
  env?: Record<string, string | undefined>;
  input?: string;
  timeoutMs?: number;
}

export function spawnCli(argv: string[], opts: SpawnOptions = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...argv], {
      env: { ...process.env, ...(opts.env ?? {}) },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`cogctl ${argv.join(" ")} did not finish in ${opts.timeoutMs ?? 20_000} ms`));
    }, opts.timeoutMs ?? 20_000);
    child.stdout.on("data", (c) => (stdout += c));
    child.stderr.on("data", (c) => (stderr += c));
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
    child.stdin.end(opts.input ?? "");
  });
}

/** spawnCli for a step that must succeed: throws with stderr otherwise. */
export async function spawnCliOk(argv: string[], opts: SpawnOptions = {}): Promise<CliResult> {
  return succeeded(argv, await spawnCli(argv, opts));
}

/**
 * Runs bin/cogctl while it waits for a browser (`auth login --web --no-browser`): `url` resolves with
 * the sign-in URL as soon as it is printed on stderr, `done` when the process ends.
 */
export function spawnWaitingForUrl(argv: string[], env: Record<string, string | undefined>) {
  const child = spawn(process.execPath, [BIN, ...argv], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c) => (stdout += c));
  const url = new Promise<string>((resolve, reject) => {
    child.stderr.on("data", (c) => {
      stderr += c;
      const m = /^(https?:\/\/\S+\/oauth2\/authorize\?\S+)$/m.exec(stderr);
      if (m) resolve(m[1]);
    });
    child.on("close", () => reject(new Error(`cogctl ended without printing a URL: ${stderr}`)));
  });
  const done = new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr })),
  );
  return { url, done, kill: () => child.kill("SIGKILL") };
}
