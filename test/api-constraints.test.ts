// The model's length and range bounds: the catalog carries exactly the bounds of the vendored
// model (checked against the model file itself, not against a hand-made list), and the checker's
// messages name the flag, the value and the bound, never a secret.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { buildInput } from "../src/cli/args/index.js";
import { loadIndex, loadOperation, type Operation, type Shape } from "../src/cognito/catalog.js";
import { UsageError } from "../src/kernel/errors.js";
import { checkConstraints } from "../src/kernel/input/constraints.js";
import { ensureCatalog } from "./helpers/catalog.js";
import { ROOT } from "./helpers/cli.js";

interface ModelShape {
  type: string;
  min?: number;
  max?: number;
  members?: Record<string, { shape: string }>;
  member?: { shape: string };
  key?: { shape: string };
  value?: { shape: string };
}
interface Model {
  operations: Record<string, { input?: { shape: string } }>;
  shapes: Record<string, ModelShape>;
}

let model: Model;
let ops: Operation[];
beforeAll(() => {
  ensureCatalog();
  model = JSON.parse(
    gunzipSync(readFileSync(join(ROOT, "vendor", "cognito-idp-2016-04-18.service-2.json.gz"))).toString(
      "utf8",
    ),
  );
  ops = loadIndex().operations.map((o) => loadOperation(o.cliName)!);
});

/** path → "min..max" for every bounded place the model reaches from an input shape. */
function modelBounds(name: string, path: string, out: Map<string, string>, known: (p: string) => boolean) {
  const s = model.shapes[name]!;
  if (s.min !== undefined || s.max !== undefined) out.set(path, `${s.min ?? ""}..${s.max ?? ""}`);
  for (const [m, ref] of Object.entries(s.members ?? {})) {
    if (known(`${path}.${m}`)) modelBounds(ref.shape, `${path}.${m}`, out, known);
  }
  if (s.member) modelBounds(s.member.shape, `${path}[]`, out, known);
  if (s.key) modelBounds(s.key.shape, `${path}{key}`, out, known);
  if (s.value) modelBounds(s.value.shape, `${path}{value}`, out, known);
}

function catalogBounds(shape: Shape, path: string, out: Map<string, string>, paths: Set<string>) {
  paths.add(path);
  const b = shape.length ?? shape.range;
  if (b) out.set(path, `${b.min ?? ""}..${b.max ?? ""}`);
  if (shape.type === "structure")
    for (const [m, member] of Object.entries(shape.members))
      catalogBounds(member.shape, `${path}.${m}`, out, paths);
  if (shape.type === "list") catalogBounds(shape.member, `${path}[]`, out, paths);
  if (shape.type === "map") {
    catalogBounds(shape.key, `${path}{key}`, out, paths);
    catalogBounds(shape.value, `${path}{value}`, out, paths);
  }
}

/** Whether a catalog path is at or under a member the vendored model does not know. */
function underNewer(path: string): boolean {
  return loadIndex().constraints!.newerThanModel.some(
    (n) => path === n || [".", "[", "{"].some((sep) => path.startsWith(`${n}${sep}`)),
  );
}

describe("the catalog's bounds", () => {
  it("are exactly the vendored model's, at every depth, for every operation the model knows", () => {
    let compared = 0;
    for (const op of ops) {
      const modelOp = model.operations[op.name];
      if (!modelOp?.input) continue;
      const fromCatalog = new Map<string, string>();
      const paths = new Set<string>();
      catalogBounds(op.input, op.name, fromCatalog, paths);
      const fromModel = new Map<string, string>();
      // Members the SDK lacks cannot be in the catalog; those the model lacks are listed apart (their
      // bounds, taken by member name, are checked in model-agreement.test.ts).
      modelBounds(modelOp.input.shape, op.name, fromModel, (p) => paths.has(p));
      for (const path of fromCatalog.keys()) if (underNewer(path)) fromCatalog.delete(path);
      expect(Object.fromEntries(fromCatalog), op.name).toEqual(Object.fromEntries(fromModel));
      compared += fromModel.size;
    }
    expect(compared).toBeGreaterThan(500);
  });

  it("lists every SDK operation and member the vendored model does not know, and nothing else", () => {
    const listed = new Set(loadIndex().constraints!.newerThanModel);
    for (const op of ops) {
      const modelOp = model.operations[op.name];
      expect(listed.has(op.name), op.name).toBe(!modelOp);
      if (!modelOp?.input) continue;
      const input = model.shapes[modelOp.input.shape]!;
      for (const member of Object.keys(op.input.members)) {
        const path = `${op.name}.${member}`;
        expect(listed.has(path), path).toBe(!input.members?.[member]);
      }
    }
  });
});

function refusal(op: string, input: Record<string, unknown>): string {
  const operation = loadOperation(op)!;
  try {
    checkConstraints(input, operation.input);
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return (err as Error).message;
  }
  throw new Error(`expected ${op} ${JSON.stringify(input)} to be refused`);
}

describe("checkConstraints", () => {
  it("names the flag, the value and the bound", () => {
    expect(refusal("list-user-pools", { MaxResults: 0 })).toBe(
      "--max-results: 0 is below the minimum of 1 (allowed: 1 to 60).",
    );
    expect(refusal("list-users", { UserPoolId: "" })).toBe(
      '--user-pool-id: "" is shorter than the minimum length of 1 (allowed: 1 to 55 characters).',
    );
  });

  it("names the path inside a structure or list", () => {
    const message = refusal("admin-create-user", {
      UserPoolId: "us-east-1_abc",
      Username: "u",
      UserAttributes: [{ Name: "email", Value: "a@b.c" }, { Name: "" }],
    });
    expect(message).toMatch(/^--user-attributes\[1\]\.Name: "" is shorter than the minimum length of 1/);
  });

  it("counts characters, not UTF-16 units", () => {
    const id = loadOperation("list-users")!.input.members.UserPoolId!.shape.length!.max!;
    // Astral characters are two UTF-16 units each: a length check on .length would refuse this.
    const fits = "😀".repeat(id);
    expect(() => checkConstraints({ UserPoolId: fits }, loadOperation("list-users")!.input)).not.toThrow();
    expect(refusal("list-users", { UserPoolId: `${fits}😀` })).toContain(`(${id + 1} characters)`);
  });

  it("cuts a long value to one line and says how long it is", () => {
    const message = refusal("list-users", { UserPoolId: "x".repeat(300) });
    expect(message).toContain("(300 characters)");
    expect(message).not.toContain("x".repeat(41));
  });

  it("never shows a sensitive value, nor its length", () => {
    const secret = "s3cr3t-".repeat(40);
    const message = refusal("admin-get-user", { UserPoolId: "us-east-1_abc", Username: secret });
    expect(message).toMatch(
      /^--username: the value \(not shown: sensitive\) is longer than the maximum length/,
    );
    expect(message).not.toContain("s3cr3t");
    expect(message).not.toContain(String(secret.length));
  });

  it("checks list lengths", () => {
    const op = ops.find((o) =>
      Object.values(o.input.members).some((m) => m.shape.type === "list" && m.shape.length?.max),
    )!;
    const [name, member] = Object.entries(op.input.members).find(
      ([, m]) => m.shape.type === "list" && m.shape.length?.max,
    )!;
    const max = member.shape.length!.max!;
    expect(() => checkConstraints({ [name]: Array(max + 1).fill("a") }, op.input)).toThrow(
      `a list of ${max + 1} items is above the maximum of ${max}`,
    );
  });

  it("is what buildInput runs last, on flags and --cli-input-json alike", () => {
    const op = loadOperation("list-user-pools")!;
    expect(() => buildInput(op, { MaxResults: "61" })).toThrow(
      "--max-results: 61 is above the maximum of 60",
    );
    expect(() => buildInput(op, {}, { json: '{"MaxResults": 0}' })).toThrow("--max-results: 0 is below");
    expect(buildInput(op, { MaxResults: "60" })).toEqual({ MaxResults: 60 });
  });
});
