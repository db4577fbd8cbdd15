// Startup cost: `--output json` without --query must not load yaml, string-width, wrap-ansi, jmespath or chalk.
// Kept in its own file so no other test in this process has loaded them first.
import { createRequire } from "node:module";
import { expect, test } from "vitest";
import { createTestIO } from "../src/kernel/io/test-io.js";
import { loadedOutputModules } from "../src/kernel/output/lazy-modules.js";
import { createPrinter } from "../src/kernel/output/printer.js";
import { adminGetUserResponse } from "./fixtures/output.js";

const require = createRequire(import.meta.url);
const HEAVY = ["yaml", "string-width", "wrap-ansi", "jmespath", "chalk"];

function heavyModulesInRequireCache(): string[] {
  const cached = Object.keys(require.cache);
  return HEAVY.filter((name) => cached.some((path) => path.includes(`/node_modules/${name}/`)));
}

test("json output without --query loads none of the format libraries; each format loads only its own", () => {
  const io = createTestIO();
  createPrinter(io, { output: "json", debug: false }).result(adminGetUserResponse());
  expect(io.out()).toContain('"Username": "alice"');
  expect(loadedOutputModules()).toEqual([]);
  expect(heavyModulesInRequireCache()).toEqual([]);

  createPrinter(createTestIO(), { output: "text", debug: false }).result(adminGetUserResponse());
  expect(loadedOutputModules()).toEqual([]);

  createPrinter(createTestIO(), { output: "json", query: "Username", debug: false }).result(
    adminGetUserResponse(),
  );
  expect(loadedOutputModules()).toEqual(["jmespath"]);

  createPrinter(createTestIO(), { output: "yaml", debug: false }).result(adminGetUserResponse());
  expect(loadedOutputModules()).toEqual(["jmespath", "yaml"]);
  expect(heavyModulesInRequireCache()).toEqual(["yaml", "jmespath"]);
});
