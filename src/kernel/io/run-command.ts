// Runs a user-supplied shell command and returns what it printed. Used where an answer exists only
// after cogctl has asked the service for it (an SMS or e-mail code), so a script cannot pass it up front.
import { execFile } from "node:child_process";
import { UsageError } from "../errors.js";

export async function runForOutput(
  command: string,
  opts: {
    flag: string;
    env: Record<string, string | undefined>;
    timeoutMs?: number;
    /** false: the command's stderr stays out of the error (it might echo a secret it printed). */
    showStderr?: boolean;
  },
): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      "/bin/sh",
      ["-c", command],
      { env: { ...process.env, ...opts.env }, timeout: opts.timeoutMs ?? 60_000, maxBuffer: 1024 * 1024 },
      (err, stdout, stderr) => {
        if (err) {
          const why = err.killed ? "timed out" : `exited with ${err.code ?? err.signal}`;
          const detail = opts.showStderr === false ? "" : String(stderr).trim().split("\n")[0];
          reject(new UsageError(`${opts.flag}: the command ${why}${detail ? `: ${detail}` : ""}.`));
          return;
        }
        resolve(String(stdout));
      },
    );
  });
}
