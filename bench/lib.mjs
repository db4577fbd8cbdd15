// What several benchmarks share (not a benchmark: bench/run.mjs runs only the suites it lists).
import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
export const BIN = join(ROOT, "bin", "cogctl");

/** `cogctl local serve --port 0 --in-memory` in a child process; it prints its URL on stdout. */
export async function startEndpoint(extraArgs = []) {
  const child = spawn(
    process.execPath,
    [BIN, "local", "serve", "--port", "0", "--in-memory", "--log-level", "error", ...extraArgs],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  const url = await new Promise((resolve, reject) => {
    let seen = "";
    child.stdout.on("data", (c) => {
      seen += c;
      const m = /(http:\/\/\S+)/.exec(seen);
      if (m) resolve(m[1]);
    });
    child.on("exit", (code) => reject(new Error(`cogctl local serve exited with ${code}: ${seen}`)));
  });
  return { url, stop: () => child.kill("SIGTERM") };
}
