// The floors of docs/ARCHITECTURE.md, checked on every file: each folder imports only from its own
// floor or the floors below it, so nothing below knows what is above. Imports are read with the
// TypeScript compiler's own pre-processor (static imports, re-exports and dynamic import() alike).
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, normalize, relative } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { ROOT } from "./helpers/cli.js";

/** Highest first. A folder not listed here is a new floor nobody placed: the test says so. */
const FLOORS: Array<{ floor: string; folders: string[] }> = [
  { floor: "commands", folders: ["commands"] },
  { floor: "entry", folders: ["src/cli"] },
  { floor: "features", folders: ["src/auth"] },
  { floor: "kernel", folders: ["src/kernel"] },
  { floor: "endpoint", folders: ["src/local"] },
  { floor: "domain", folders: ["src/cognito"] },
];

function floorOf(file: string): number {
  const index = FLOORS.findIndex(({ folders }) =>
    folders.some((f) => file === f || file.startsWith(`${f}/`)),
  );
  if (index < 0) throw new Error(`${file} is in no floor of test/architecture.test.ts`);
  return index;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(".ts"))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)));
}

function relativeImports(file: string): string[] {
  const text = readFileSync(join(ROOT, file), "utf8");
  return ts
    .preProcessFile(text, true, true)
    .importedFiles.map((f) => f.fileName)
    .filter((spec) => spec.startsWith("."))
    .map((spec) => normalize(join(dirname(file), spec)).replace(/\.js$/, ".ts"));
}

const files = [...sourceFiles("src"), ...sourceFiles("commands")];

describe("floors", () => {
  it("every source file sits on a floor", () => {
    expect(files.length).toBeGreaterThan(100);
    for (const file of files) expect(() => floorOf(file), file).not.toThrow();
  });

  it("nothing imports from a floor above its own", () => {
    const upward: string[] = [];
    for (const file of files) {
      for (const target of relativeImports(file)) {
        if (floorOf(target) < floorOf(file))
          upward.push(
            `${file} (${FLOORS[floorOf(file)].floor}) imports ${target} (${FLOORS[floorOf(target)].floor})`,
          );
      }
    }
    expect(upward).toEqual([]);
  });

  it("the endpoint imports only itself and the domain", () => {
    const outside = files
      .filter((f) => f.startsWith("src/local/"))
      .flatMap((f) => relativeImports(f).map((t) => [f, t] as const))
      .filter(([, t]) => !t.startsWith("src/local/") && !t.startsWith("src/cognito/"))
      .map(([f, t]) => `${f} imports ${t}`);
    expect(outside).toEqual([]);
  });
});

describe("the task-command registry", () => {
  it("is what the declarations in commands/ say (scripts/gen-registry.mjs --check)", () => {
    const r = spawnSync(process.execPath, [join(ROOT, "scripts", "gen-registry.mjs"), "--check"], {
      encoding: "utf8",
    });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
  });

  it("src/ never imports a command: the entry receives the registry from commands/main.ts", () => {
    const fromSrc = files
      .filter((f) => f.startsWith("src/"))
      .flatMap((f) =>
        relativeImports(f)
          .filter((t) => t.startsWith("commands/"))
          .map((t) => `${f} imports ${t}`),
      );
    expect(fromSrc).toEqual([]);
  });
});
