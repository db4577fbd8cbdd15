// Writes schema/stack.schema.json, the stack file's JSON Schema, from the compiled stack engine
// (dist/src/kernel/stack/schema.js: the same shapes the loader checks with, read from the catalog),
// so editors complete and check stack files. Run by `npm run build` after tsc; `--check` fails when
// the committed file is stale (test/stack-schema.test.ts runs it).
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const OUT = join(root, "schema", "stack.schema.json");
const { stackSchemaText } = await import(
  pathToFileURL(join(root, "dist", "src", "kernel", "stack", "schema.js")).href
);
const text = stackSchemaText();

if (process.argv.includes("--check")) {
  let current = "";
  try {
    current = readFileSync(OUT, "utf8");
  } catch {}
  if (current !== text) {
    process.stderr.write("schema/stack.schema.json is out of date with the model: run `npm run build`\n");
    process.exit(1);
  }
} else {
  mkdirSync(dirname(OUT), { recursive: true });
  writeFileSync(OUT, text);
  process.stdout.write(`gen-stack-schema: ${text.length} bytes → schema/stack.schema.json\n`);
}
