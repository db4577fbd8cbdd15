// Every operation of the catalog, through the real program (in process): bad command lines fail
// with exit 252 and a message naming the flag, before any request and without a stack trace; the
// input skeleton is valid JSON whose keys are the operation's members; help renders; every length
// and range bound of the model, at any depth, is enforced with the flag, the value and the bound.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { flagsFor } from "../src/cli/args/index.js";
import { type Bound, loadIndex, loadOperation, type Shape, toFlagName } from "../src/cognito/catalog.js";
import { runCli } from "./helpers/cli.js";
import { isolatedAwsEnv } from "./helpers/env.js";

// An endpoint nothing listens on: a request that slipped through would fail with 255, not 252.
// No stored sign-in sessions either (operations taking an AccessToken would use one).
const configDir = mkdtempSync(join(tmpdir(), "cogctl-no-sessions-"));
const env = isolatedAwsEnv({
  AWS_ENDPOINT_URL: "http://127.0.0.1:9",
  AWS_MAX_ATTEMPTS: "1",
  COGCTL_CONFIG_DIR: configDir,
});
afterAll(() => rmSync(configDir, { recursive: true, force: true }));
const ops = loadIndex().operations.map((o) => loadOperation(o.cliName)!);
const STACK = /\n\s+at .+:\d+:\d+/;

describe("every operation", () => {
  it("rejects an unknown flag with 252 and no stack trace", async () => {
    for (const op of ops) {
      const r = await runCli([op.cliName, "--no-such-flag", "x"], { env });
      expect({ op: op.cliName, code: r.code }).toEqual({ op: op.cliName, code: 252 });
      expect(r.stderr).toMatch(/unknown option '--no-such-flag'/);
      expect(r.stderr).not.toMatch(STACK);
    }
  });

  it("names every missing required member's flag, with 252", async () => {
    for (const op of ops.filter((o) => o.input.required.length > 0)) {
      const r = await runCli([op.cliName], { env });
      expect({ op: op.cliName, code: r.code }).toEqual({ op: op.cliName, code: 252 });
      const required = flagsFor(op).filter((f) => f.required && f.member !== "AccessToken");
      for (const f of required) expect(r.stderr, op.cliName).toContain(f.flag);
    }
  });

  it("says which flag holds malformed JSON, with 252", async () => {
    for (const op of ops) {
      const complex = flagsFor(op).find((f) => f.kind === "complex");
      if (!complex) continue;
      const r = await runCli([op.cliName, complex.flag, '{"unterminated": '], { env });
      expect({ op: op.cliName, code: r.code }).toEqual({ op: op.cliName, code: 252 });
      expect(r.stderr, op.cliName).toContain(complex.flag);
      expect(r.stderr).not.toMatch(STACK);
    }
  });

  it("prints an input skeleton whose keys are exactly the members, and help", async () => {
    for (const op of ops) {
      const r = await runCli([op.cliName, "--generate-cli-skeleton"], { env });
      expect(r.code, op.cliName).toBe(0);
      expect(Object.keys(JSON.parse(r.stdout)).sort(), op.cliName).toEqual(
        Object.keys(op.input.members).sort(),
      );
      const help = await runCli([op.cliName, "--help"], { env });
      expect(help.code, op.cliName).toBe(0);
      expect(help.stdout, op.cliName).toContain(op.cliName);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Constraint sweep, generated from the catalog: for each bound on each member (nested ones
// included), one --cli-input-json whose required members are valid and whose one value is just
// outside the bound.

/** A value that satisfies the shape's own bounds and its required members. */
function validValue(shape: Shape): unknown {
  switch (shape.type) {
    case "string":
      return shape.enum ? shape.enum[0] : "a".repeat(Math.max(shape.length?.min ?? 1, 1));
    case "integer":
    case "long":
    case "double":
    case "float":
      return shape.range?.min ?? Math.min(1, shape.range?.max ?? 1);
    case "boolean":
      return true;
    case "timestamp":
      return "2024-01-01T00:00:00Z";
    case "blob":
      return Buffer.alloc(Math.max(shape.length?.min ?? 1, 1), 1).toString("base64");
    case "document":
      return {};
    case "list":
      return Array.from({ length: Math.max(shape.length?.min ?? 1, 1) }, () => validValue(shape.member));
    case "map": {
      const out: Record<string, unknown> = {};
      for (let i = 0; i < Math.max(shape.length?.min ?? 1, 1); i++) {
        const key = validValue(shape.key) as string;
        out[i === 0 ? key : `${key}${i}`] = validValue(shape.value);
      }
      return out;
    }
    case "structure": {
      const out: Record<string, unknown> = {};
      for (const name of shape.required) out[name] = validValue(shape.members[name]!.shape);
      return out;
    }
  }
}

/** Values just outside the bound, with the bound they break ("min 1", "max 60"). */
function outside(shape: Shape): { value: unknown; bound: string }[] {
  const out: { value: unknown; bound: string }[] = [];
  const each = (b: Bound | undefined, make: (n: number) => unknown) => {
    if (b?.min !== undefined && b.min > 0)
      out.push({ value: make(b.min - 1), bound: `minimum length of ${b.min}` });
    if (b?.max !== undefined) out.push({ value: make(b.max + 1), bound: `maximum length of ${b.max}` });
  };
  if (shape.range) {
    const { min, max } = shape.range;
    // Beyond a safe integer the value is refused as a malformed number first (another test).
    if (min !== undefined && Number.isSafeInteger(min - 1))
      out.push({ value: min - 1, bound: `minimum of ${min}` });
    if (max !== undefined && Number.isSafeInteger(max + 1))
      out.push({ value: max + 1, bound: `maximum of ${max}` });
  }
  if (shape.length && shape.type === "string" && !shape.enum) each(shape.length, (n) => "b".repeat(n));
  if (shape.length && shape.type === "blob") each(shape.length, (n) => Buffer.alloc(n, 2).toString("base64"));
  if (shape.length && (shape.type === "list" || shape.type === "map")) {
    const item = (i: number) => {
      const v = validValue(shape.type === "list" ? shape.member : shape.value);
      return { i, v };
    };
    const make = (n: number) => {
      if (shape.type === "list") return Array.from({ length: n }, (_, i) => item(i).v);
      const base = validValue(shape.key) as string;
      return Object.fromEntries(Array.from({ length: n }, (_, i) => [`${base}${i}`, item(i).v]));
    };
    const b = shape.length;
    if (b.min !== undefined && b.min > 0) out.push({ value: make(b.min - 1), bound: `minimum of ${b.min}` });
    if (b.max !== undefined) out.push({ value: make(b.max + 1), bound: `maximum of ${b.max}` });
  }
  return out;
}

interface Site {
  op: string;
  /** What the message must start with: --flag, then the path inside it. */
  where: string;
  input: Record<string, unknown>;
  bound: string;
  sensitive: boolean;
  value: unknown;
}

/**
 * Every bound reachable from the input structure. `wrap` rebuilds the whole input around a value
 * put at the current place (the containers above it filled with valid values).
 */
function sites(
  op: string,
  shape: Shape,
  where: string,
  wrap: (v: unknown) => Record<string, unknown>,
  secret: boolean,
  out: Site[],
): void {
  const sensitive = secret || Boolean(shape.sensitive);
  for (const { value, bound } of outside(shape))
    out.push({ op, where, input: wrap(value), bound, sensitive, value });
  if (shape.type === "structure") {
    for (const [name, member] of Object.entries(shape.members)) {
      const inner = where === "" ? toFlagName(name) : `${where}.${name}`;
      sites(
        op,
        member.shape,
        inner,
        (v) => wrap({ ...(validValue(shape) as object), [name]: v }),
        sensitive,
        out,
      );
    }
  } else if (shape.type === "list") {
    sites(op, shape.member, `${where}[0]`, (v) => wrap([v]), sensitive, out);
  } else if (shape.type === "map") {
    const key = validValue(shape.key) as string;
    sites(
      op,
      shape.value,
      sensitive ? `${where}{…}` : `${where}.${key}`,
      (v) => wrap({ [key]: v }),
      sensitive,
      out,
    );
  }
}

const allSites: Site[] = [];
for (const op of ops) sites(op.cliName, op.input, "", (v) => v as Record<string, unknown>, false, allSites);

describe("every length and range bound of every operation", () => {
  it("covers the bounds of many operations (which ones: test/api-constraints.test.ts)", () => {
    expect(new Set(allSites.map((s) => s.op)).size).toBeGreaterThan(100);
    expect(allSites.length).toBeGreaterThan(500);
  });

  it("refuses each value just outside its bound, naming the flag, the bound and (unless secret) the value, with 252", async () => {
    for (const site of allSites) {
      const r = await runCli([site.op, "--cli-input-json", JSON.stringify(site.input)], { env });
      const label = `${site.op} ${site.where} ${site.bound}`;
      expect({ label, code: r.code }).toEqual({ label, code: 252 });
      const message = r.stderr.trim().replace(/^cogctl: error: /, "");
      expect(message.startsWith(`${site.where}: `), `${label}: ${message}`).toBe(true);
      expect(message, label).toContain(site.bound);
      if (site.sensitive) {
        expect(message, label).toContain("not shown: sensitive");
        if (typeof site.value === "string" && site.value !== "")
          expect(message, label).not.toContain(site.value);
      } else if (typeof site.value === "number") {
        expect(message, label).toContain(`${site.value} is `);
      }
    }
  });
});
