// cogctl's version, read once from package.json (kept in one place: the package manifest).
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
function findVersion(): string {
  for (const rel of ["../../package.json", "../../../package.json"]) {
    try {
      const pkg = require(rel) as { name?: string; version?: string };
      if (pkg.name === "cogctl" && pkg.version) return pkg.version;
    } catch {
      // try the next location (source tree vs dist/)
    }
  }
  return "0.0.0";
}
export const VERSION = findVersion();
