// Builds dist/catalog when it is missing, so `npx vitest run` works on a fresh clone before
// `npm run build`. Import and call ensureCatalog() at the top of any test that reads the catalog.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

export function ensureCatalog(): void {
  if (existsSync(join(root, "dist", "catalog", "index.json"))) return;
  execFileSync(process.execPath, [join(root, "scripts", "gen-catalog.mjs")], { cwd: root, stdio: "ignore" });
}
