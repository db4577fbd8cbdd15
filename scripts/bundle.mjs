// Bundles the CLI's own modules (not its dependencies) into dist/bundle/, one chunk per lazily
// loaded part. Node resolves and loads one file instead of dozens of small ESM modules at each
// start-up: about 13 ms of a ~180 ms invocation, which scripts calling cogctl in loops pay every time.
// The TypeScript output in dist/src stays for the tests and benchmarks that import modules directly.
import { rm } from "node:fs/promises";
import { build } from "esbuild";

const started = Date.now();
// Chunk names carry content hashes: without a clean folder, every build would leave the previous
// chunks behind.
await rm("dist/bundle", { recursive: true, force: true });
await build({
  entryPoints: ["commands/main.ts"],
  outdir: "dist/bundle",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  packages: "external",
  logLevel: "warning",
});
process.stdout.write(`bundle: dist/bundle (${Date.now() - started} ms)\n`);
