// The CLI catalog (dist/catalog) and the endpoint's request model (src/local/model/input-model.ts)
// are built in one walk by scripts/gen-catalog.mjs: here both are read back and compared place by
// place, for every operation, so neither can drift from the other.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { loadIndex, loadOperation, type Operation, type Shape } from "../src/cognito/catalog.js";
import { inputModel } from "../src/local/model/input-model.js";
import type { ShapeDef } from "../src/local/model/types.js";
import { ensureCatalog } from "./helpers/catalog.js";
import { ROOT } from "./helpers/cli.js";

let ops: Operation[];
let newer: string[];
let model: { shapes: Record<string, { type: string; min?: number; max?: number; enum?: string[] }> };
beforeAll(() => {
  ensureCatalog();
  ops = loadIndex().operations.map((o) => loadOperation(o.cliName)!);
  newer = loadIndex().constraints!.newerThanModel;
  model = JSON.parse(
    gunzipSync(readFileSync(join(ROOT, "vendor", "cognito-idp-2016-04-18.service-2.json.gz"))).toString(
      "utf8",
    ),
  );
});

// The validator's kinds for each catalog kind.
const KINDS: Record<string, ShapeDef["t"][]> = {
  structure: ["structure"],
  document: ["structure"],
  list: ["list"],
  map: ["map"],
  string: ["string"],
  blob: ["blob"],
  boolean: ["boolean"],
  timestamp: ["timestamp"],
  integer: ["integer", "long"],
  long: ["integer", "long"],
  double: ["double", "float"],
  float: ["double", "float"],
};

const sorted = (values?: string[]) => (values ? [...values].sort() : undefined);

/** Compares one place of both models and returns how many places were compared under it. */
function compare(cat: Shape, name: string, path: string): number {
  const def = inputModel.shapes[name];
  expect(def, `${path}: no shape ${name} in the endpoint's model`).toBeDefined();
  if (!def) return 0;
  expect(KINDS[cat.type], `${path}: kind`).toContain(def.t);
  expect(Boolean(def.d), `${path}: document`).toBe(cat.type === "document");
  expect(Boolean(def.s), `${path}: sensitive`).toBe(Boolean(cat.sensitive));
  const bound = "length" in cat ? cat.length : "range" in cat ? cat.range : undefined;
  expect({ min: def.min, max: def.max }, `${path}: bounds`).toEqual({ min: bound?.min, max: bound?.max });
  expect(sorted(def.e), `${path}: enum`).toEqual(sorted("enum" in cat ? cat.enum : undefined));
  let places = 1;
  if (cat.type === "structure") {
    expect(Object.keys(def.m ?? {}).sort(), `${path}: members`).toEqual(Object.keys(cat.members).sort());
    expect(sorted(def.r ?? []), `${path}: required`).toEqual(sorted(cat.required));
    for (const [member, ref] of Object.entries(cat.members))
      places += compare(ref.shape, def.m![member]!, `${path}.${member}`);
  } else if (cat.type === "list") {
    places += compare(cat.member, def.mem!, `${path}[]`);
  } else if (cat.type === "map") {
    places += compare(cat.key, def.k!, `${path}{key}`) + compare(cat.value, def.v!, `${path}{value}`);
  }
  return places;
}

/** Every place of a catalog shape: path → shape. */
function places(shape: Shape, path: string, out: Map<string, Shape>): Map<string, Shape> {
  out.set(path, shape);
  if (shape.type === "structure")
    for (const [m, ref] of Object.entries(shape.members)) places(ref.shape, `${path}.${m}`, out);
  if (shape.type === "list") places(shape.member, `${path}[]`, out);
  if (shape.type === "map") {
    places(shape.key, `${path}{key}`, out);
    places(shape.value, `${path}{value}`, out);
  }
  return out;
}

describe("the endpoint's request model and the CLI catalog", () => {
  it("have the same operations", () => {
    expect(Object.keys(inputModel.operations).sort()).toEqual(ops.map((o) => o.name).sort());
    expect(ops.length).toBe(140);
  });

  it("agree on every member, required member, enum, bound and sensitive trait of every operation", () => {
    let compared = 0;
    for (const op of ops) {
      const shapeName = inputModel.operations[op.name];
      if (shapeName === null) {
        expect(Object.keys(op.input.members), op.name).toEqual([]);
        continue;
      }
      compared += compare(op.input, shapeName!, op.name);
    }
    // Every place of the 140 request shapes, not a sample.
    expect(compared).toBeGreaterThan(1000);
  });

  it("give a member the vendored model does not know only the bounds of the model's <Name>Type", () => {
    let bounded = 0;
    for (const op of ops) {
      for (const [path, shape] of places(op.input, op.name, new Map())) {
        const underNewer = newer.some((n) => path === n || path.startsWith(`${n}.`));
        const bound = "length" in shape ? shape.length : "range" in shape ? shape.range : undefined;
        if (!underNewer || !bound) continue;
        const member = path.slice(path.lastIndexOf(".") + 1);
        const own = model.shapes[`${member}Type`];
        expect(own, `${path} has bounds but the model has no ${member}Type`).toBeDefined();
        expect(bound, path).toEqual({
          ...(own?.min !== undefined ? { min: own.min } : {}),
          ...(own?.max !== undefined ? { max: own.max } : {}),
        });
        bounded++;
      }
    }
    // 15 places with botocore 1.43.67: enough that the check is not vacuous.
    expect(bounded).toBeGreaterThan(10);
  });

  it("name the formerly hand-written operations' shapes after the model's types or their place", () => {
    const op = inputModel.shapes[inputModel.operations.AdminRevokeUserSession!]!;
    expect(op.m).toEqual({
      UserPoolId: "UserPoolIdType",
      Username: "UsernameType",
      SessionId: "AdminRevokeUserSessionRequest.SessionId",
      RevokeAssociatedSessions: "AdminRevokeUserSessionRequest.RevokeAssociatedSessions",
    });
    // No bound the model does not state: MaxPerUser is newer than the vendored model.
    const tokenSession =
      inputModel.shapes[inputModel.shapes.SetUserPoolSessionConfigurationRequest!.m!.TokenSession!]!;
    expect(inputModel.shapes[tokenSession.m!.MaxPerUser!]).toEqual({ t: "long" });
  });
});
