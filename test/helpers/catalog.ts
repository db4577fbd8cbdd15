// Builds dist/catalog when it is missing or older than its generator, so `npx vitest run` works on
// a fresh clone before `npm run build`. Call ensureCatalog() at the top of any test that reads the
// catalog (directly or through src/api or src/cli).
import { execFileSync } from "node:child_process";
import { statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

function mtime(path: string): number | undefined {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
}

export function ensureCatalog(): void {
  const generator = join(root, "scripts", "gen-catalog.mjs");
  const model = join(root, "vendor", "cognito-idp-2016-04-18.service-2.json.gz");
  const built = mtime(join(root, "dist", "catalog", "index.json"));
  if (built !== undefined && built >= Math.max(mtime(generator) ?? 0, mtime(model) ?? 0)) return;
  execFileSync(process.execPath, [generator], { cwd: root, stdio: "ignore" });
}
