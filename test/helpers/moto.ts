// Starts a real moto_server on a free port for end-to-end tests, and stops it afterwards.
import { type ChildProcess, spawn } from "node:child_process";
import { requireTool } from "./tools.js";

export interface MotoServer {
  url: string;
  stop(): Promise<void>;
  /** Clears all of moto's state (its /moto-api/reset endpoint). */
  reset(): Promise<void>;
}

export async function startMoto(): Promise<MotoServer> {
  requireTool("moto_server");
  const child: ChildProcess = spawn("moto_server", ["-H", "127.0.0.1", "-p", "0"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let seen = "";
    const timer = setTimeout(() => reject(new Error(`moto_server did not start in 30 s:\n${seen}`)), 30_000);
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      const m = /Running on (http:\/\/127\.0\.0\.1:\d+)/.exec(seen);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.on("exit", (code) => reject(new Error(`moto_server exited with ${code}:\n${seen}`)));
  });
  return {
    url,
    async reset() {
      await fetch(`${url}/moto-api/reset`, { method: "POST" });
    },
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
