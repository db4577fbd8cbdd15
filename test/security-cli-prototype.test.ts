// Keys named after Object.prototype's members (constructor, toString, __proto__, ...) are unknown
// parameters and unknown keys, never a crash or a lookup that finds the prototype: a sweep over
// every operation, at the top level and nested, in JSON, YAML and shorthand; then end to end.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acceptsShorthand } from "../src/cli/args/examples.js";
import { buildInput, flagsFor, parseFlagValue } from "../src/cli/args/index.js";
import { loadIndex, loadOperation, type Operation, type Shape } from "../src/cognito/catalog.js";
import { UsageError } from "../src/kernel/errors.js";
import { ensureCatalog } from "./helpers/catalog.js";
import { runCli } from "./helpers/cli.js";
import { applyEnv, isolatedAwsEnv } from "./helpers/env.js";

ensureCatalog();

/** Every name an object inherits: constructor, toString, valueOf, hasOwnProperty, __proto__, ... */
const PROTO_NAMES = Object.getOwnPropertyNames(Object.prototype);

const operations: Operation[] = loadIndex().operations.map((o) => loadOperation(o.cliName)!);

/** What the call threw: a UsageError's message, or a description of anything else. */
function outcome(f: () => unknown): { usage: boolean; message: string } {
  try {
    f();
    return { usage: false, message: "no error" };
  } catch (err) {
    return { usage: err instanceof UsageError, message: (err as Error).message };
  }
}

/**
 * A JSON text putting `key` inside the first structure nested under a member of op's input (through
 * lists and maps), or undefined when the input has no nested structure.
 */
function nestedJson(op: Operation, key: string): string | undefined {
  const inner = (shape: Shape, depth: number): string | undefined => {
    if (depth > 4) return undefined;
    if (shape.type === "structure") return `{${JSON.stringify(key)}:1}`;
    if (shape.type === "list") {
      const item = inner(shape.member, depth + 1);
      return item && `[${item}]`;
    }
    if (shape.type === "map") {
      const value = inner(shape.value, depth + 1);
      return value && `{"k":${value}}`;
    }
    return undefined;
  };
  for (const [name, member] of Object.entries(op.input.members)) {
    const text = inner(member.shape, 0);
    if (text) return `{${JSON.stringify(name)}:${text}}`;
  }
  return undefined;
}

describe("prototype-named keys, swept over every operation", () => {
  it("covers the whole catalog and every inherited name", () => {
    expect(operations.length).toBeGreaterThanOrEqual(140);
    expect(PROTO_NAMES).toEqual(expect.arrayContaining(["constructor", "toString", "__proto__", "valueOf"]));
  });

  it.each(PROTO_NAMES)("--cli-input-json with %s at the top level is an unknown parameter", (name) => {
    const wrong: string[] = [];
    for (const op of operations) {
      // Built as text: an object literal's __proto__ would set the prototype, not a key.
      const json = `{${JSON.stringify(name)}:1}`;
      const got = outcome(() => buildInput(op, {}, { json }));
      if (!got.usage || !got.message.includes(`unknown parameter '${name}'`))
        wrong.push(`${op.cliName}: ${got.message}`);
    }
    expect(wrong).toEqual([]);
  });

  it.each(PROTO_NAMES)(
    "--cli-input-json with %s in a nested structure or list item is an unknown key",
    (name) => {
      const wrong: string[] = [];
      let tried = 0;
      for (const op of operations) {
        const json = nestedJson(op, name);
        if (!json) continue;
        tried++;
        const got = outcome(() => buildInput(op, {}, { json }));
        if (!got.usage || !got.message.includes(`unknown key '${name}'`))
          wrong.push(`${op.cliName} ${json}: ${got.message}`);
      }
      expect(tried).toBeGreaterThan(30);
      expect(wrong).toEqual([]);
    },
  );

  it("--cli-input-yaml with __proto__ (a YAML key, not a prototype) at the top level and nested", () => {
    const wrong: string[] = [];
    for (const op of operations) {
      const top = outcome(() => buildInput(op, {}, { yaml: "__proto__: 1\n" }));
      if (!top.usage || !top.message.includes("unknown parameter '__proto__'"))
        wrong.push(`${op.cliName}: ${top.message}`);
      // JSON is YAML: the nested JSON text read by the YAML parser.
      const json = nestedJson(op, "__proto__");
      if (!json) continue;
      const nested = outcome(() => buildInput(op, {}, { yaml: json }));
      if (!nested.usage || !nested.message.includes("unknown key '__proto__'"))
        wrong.push(`${op.cliName} (nested): ${nested.message}`);
    }
    expect(wrong).toEqual([]);
  });

  it.each(PROTO_NAMES)("shorthand %s=1 for every structure flag is an unknown key", (name) => {
    const wrong: string[] = [];
    let tried = 0;
    for (const op of operations) {
      for (const spec of flagsFor(op)) {
        const item = spec.shape.type === "list" ? spec.shape.member : spec.shape;
        if (item.type !== "structure" || !acceptsShorthand(item)) continue;
        tried++;
        const got = outcome(() =>
          parseFlagValue(spec, spec.shape.type === "list" ? [`${name}=1`] : `${name}=1`),
        );
        if (!got.usage || !got.message.includes(`unknown key '${name}'`))
          wrong.push(`${op.cliName} ${spec.flag}: ${got.message}`);
      }
    }
    expect(tried).toBeGreaterThan(30);
    expect(wrong).toEqual([]);
  });

  it("keeps prototype-named map keys as the user's own keys (JSON and shorthand)", () => {
    const op = loadOperation("admin-create-user")!;
    const spec = flagsFor(op).find((s) => s.member === "ClientMetadata")!;
    for (const raw of ['{"__proto__":"1","constructor":"2"}', "__proto__=1,constructor=2"]) {
      const value = parseFlagValue(spec, raw) as Record<string, unknown>;
      expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
      expect(Object.keys(value)).toEqual(["__proto__", "constructor"]);
      expect(Object.getOwnPropertyDescriptor(value, "__proto__")?.value).toBe("1");
    }
  });
});

describe("prototype-named keys end to end (the CLI with --local)", () => {
  let dir: string;
  let restore: () => void;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "cogctl-sec-proto-"));
    restore = applyEnv(
      isolatedAwsEnv({ COGCTL_DATA_DIR: join(dir, "data"), COGCTL_CONFIG_DIR: join(dir, "cfg") }),
    );
  });
  afterAll(() => {
    restore();
    rmSync(dir, { recursive: true, force: true });
  });
  const cli = (argv: string[]) => runCli(["--local", ...argv]);

  it.each([
    ["--cli-input-json", '{"MaxResults":1,"constructor":1}', "constructor"],
    ["--cli-input-json", '{"MaxResults":1,"toString":1}', "toString"],
    ["--cli-input-json", '{"MaxResults":1,"__proto__":{"MaxResults":2}}', "__proto__"],
    ["--cli-input-yaml", "MaxResults: 1\n__proto__: 1\n", "__proto__"],
  ])("list-user-pools %s %j exits 252 naming the key", async (flag, value, key) => {
    const r = await cli(["list-user-pools", flag, value]);
    expect(r.code).toBe(252);
    expect(r.stderr).toContain(`unknown parameter '${key}'`);
    expect(r.stderr).not.toMatch(/Cannot read properties/);
  });

  it("a prototype name in a list item or in shorthand exits 252 naming the key", async () => {
    for (const value of ['[{"Name":"email","constructor":"x"}]', "Name=email,constructor=x"]) {
      const r = await cli([
        "admin-create-user",
        "--user-pool-id",
        "us-east-1_x",
        "--username",
        "u",
        "--user-attributes",
        value,
      ]);
      expect(r.code).toBe(252);
      expect(r.stderr).toContain("unknown key 'constructor'");
    }
  });

  it("a prototype name as a command is an unknown command", async () => {
    for (const word of ["constructor", "__proto__", "toString"]) {
      const r = await runCli([word]);
      expect(r.code).toBe(252);
      expect(r.stderr).toContain(`Unknown command '${word}'`);
    }
  });

  it("--query with a prototype name finds nothing, like any missing key", async () => {
    await cli(["create-user-pool", "--pool-name", "proto"]);
    for (const query of ["constructor", "toString", "__proto__", "UserPools[0].constructor"]) {
      const r = await cli(["list-user-pools", "--max-results", "5", "--query", query]);
      expect(r).toMatchObject({ code: 0, stdout: "null\n" });
    }
    const names = await cli([
      "list-user-pools",
      "--max-results",
      "5",
      "--query",
      "UserPools[].Name",
      "--output",
      "text",
    ]);
    expect(names.stdout).toBe("proto\n");
  });

  it("prints prototype-named map keys from a response in every format, and --query finds them", async () => {
    const created = await cli([
      "create-user-pool",
      "--pool-name",
      "tags",
      "--user-pool-tags",
      '{"__proto__":"x","constructor":"y","toString":"z"}',
      "--query",
      "UserPool.Id",
      "--output",
      "text",
    ]);
    const pool = created.stdout.trim();
    const show = (output: string, query = "UserPool.UserPoolTags") =>
      cli(["describe-user-pool", "--user-pool-id", pool, "--query", query, "--output", output]);
    expect(JSON.parse((await show("json")).stdout)).toEqual(
      JSON.parse('{"__proto__":"x","constructor":"y","toString":"z"}'),
    );
    expect((await show("yaml")).stdout).toBe("__proto__: x\nconstructor: y\ntoString: z\n");
    expect((await show("text")).stdout).toBe("x\ty\tz\n");
    expect((await show("table")).stdout).toMatch(
      /__proto__ +│ x .*\n.*constructor +│ y .*\n.*toString +│ z /s,
    );
    expect((await show("json", "UserPool.UserPoolTags.constructor")).stdout).toBe('"y"\n');
    expect((await show("json", 'UserPool.UserPoolTags."__proto__"')).stdout).toBe('"x"\n');
  });

  it("sends prototype-named map keys as given", async () => {
    const r = await cli([
      "--debug",
      "admin-create-user",
      "--user-pool-id",
      "us-east-1_nopool",
      "--username",
      "u",
      "--client-metadata",
      '{"__proto__":"1","constructor":"2"}',
    ]);
    expect(r.stderr).toContain('"ClientMetadata":{"__proto__":"1","constructor":"2"}');
  });
});
