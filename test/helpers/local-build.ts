// Compiles the project once into a git-ignored directory inside the repo (so node_modules resolve),
// for tests and benchmarks that run the endpoint in a separate `node` process.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";

export const BUILD_DIR = join(process.cwd(), "node_modules/.cache/cogctl-local-build");

export function buildForProcesses(): string {
  try {
    execFileSync(
      process.execPath,
      ["node_modules/typescript/bin/tsc", "-p", "tsconfig.build.json", "--outDir", BUILD_DIR],
      {
        stdio: "ignore",
      },
    );
  } catch {
    // tsc exits non-zero for type errors in files being edited elsewhere; it still emits JavaScript.
  }
  if (!existsSync(join(BUILD_DIR, "src/local/endpoint.js"))) throw new Error("build of src/local failed");
  return BUILD_DIR;
}
