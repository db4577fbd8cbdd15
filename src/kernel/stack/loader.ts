// Reads a stack file (YAML, or JSON, which YAML 1.2 reads too) into pools of checked members. Every
// node keeps its position, so each problem is reported as `file:line:column: path: what (fix)`;
// `${VAR}` is replaced from the environment (a missing variable is an error, never an empty
// string); members are checked with the argument parser's own rules (types, enums, required
// members, length and range bounds) against the operations' input shapes (kinds.ts).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, resolve } from "node:path";
import type { Shape, StructureShape } from "../../cognito/catalog.js";
import { UsageError } from "../errors.js";
import { coerce, coerceStructure } from "../input/coerce.js";
import { checkConstraints } from "../input/constraints.js";
import { didYouMean } from "../input/did-you-mean.js";
import { fileShape, KINDS, type KindName, NESTED, operation as requireOperation } from "./kinds.js";

export type Members = Record<string, unknown>;

export interface UserSpec {
  attributes: Record<string, string>;
  groups?: string[];
  enabled?: boolean;
  /** The permanent password, read from its variable or file (never printed). */
  password?: string;
}

export interface PoolSpec {
  name: string;
  /** CreateUserPool's members, PoolName left out (it is the key). */
  settings: Members;
  /** Each nested block; a map absent from the file is undefined (nothing of that kind is managed). */
  resourceServers?: Record<string, Members>;
  identityProviders?: Record<string, Members>;
  clients?: Record<string, Members>;
  domain?: Members;
  groups?: Record<string, Members>;
  mfa?: Members;
  uiCustomization?: Members;
  users?: Record<string, UserSpec>;
}

export interface Stack {
  path: string;
  pools: PoolSpec[];
}

const requireLazy = createRequire(import.meta.url);

/** The maps of a pool keyed by name, and the single blocks. */
const MAP_KEYS = new Set(["resourceServers", "identityProviders", "clients", "groups", "users"]);
const NESTED_KEYS = NESTED.map((k) => KINDS[k].key as string);
const TOP_KEYS = ["pools", "insecure", "$schema"];

const str: Shape = { type: "string" };
/** A test user: not an API shape, checked with the same machinery. */
export const USER_SHAPE: StructureShape = {
  type: "structure",
  name: "StackUser",
  members: {
    attributes: {
      shape: {
        type: "map",
        key: { type: "string", length: { min: 1, max: 32 } },
        value: { type: "string", length: { max: 2048 } },
      },
      doc: "User attributes by name (email, custom:team ...).",
    },
    groups: {
      shape: { type: "list", member: str },
      doc: "The groups the user belongs to (the file's groups or existing ones).",
    },
    enabled: { shape: { type: "boolean" }, doc: "false: the user is disabled." },
    password: {
      shape: { type: "structure", name: "StackPassword", members: {}, required: [] },
      doc: "The permanent password: {env: VAR} or {file: PATH}; a string only with insecure: true.",
    },
  },
  required: [],
};

interface Position {
  line: number;
  col: number;
}

interface Located {
  value: unknown;
  positions: Map<string, Position>;
  /** Where each map key is written: unknown keys are reported there, not at their values. */
  keys: Map<string, Position>;
}

/** `file:line:column: path` for the nearest located node at or above `path`. */
function locator(file: string, positions: Map<string, Position>) {
  return (path: string): string => {
    let p = path;
    for (;;) {
      const at = positions.get(p);
      if (at) return `${file}:${at.line}:${at.col}: ${path || "(top)"}`;
      if (p === "") return `${file}: ${path}`;
      const cut = Math.max(p.lastIndexOf("."), p.lastIndexOf("["));
      p = cut < 0 ? "" : p.slice(0, cut);
    }
  };
}

const ENV_REF = /\$\$|\$\{([^}]*)\}/g;

/** Parses the text and builds plain values, recording each node's position and substituting ${VAR}. */
function parse(file: string, text: string, env: Readonly<Record<string, string | undefined>>): Located {
  const YAML = requireLazy("yaml") as typeof import("yaml");
  const lineCounter = new YAML.LineCounter();
  const doc = YAML.parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const pos = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, col };
  };
  const first = doc.errors[0];
  if (first) {
    const { line, col } = pos(first.pos[0]);
    throw new UsageError(`${file}:${line}:${col}: invalid YAML: ${first.message.split("\n")[0]}.`);
  }
  const positions = new Map<string, Position>();
  const keys = new Map<string, Position>();
  const build = (node: unknown, path: string): unknown => {
    if (YAML.isAlias(node)) return build(node.resolve(doc), path);
    const range = (node as { range?: [number, number, number] } | null)?.range;
    if (range) positions.set(path, pos(range[0]));
    if (YAML.isMap(node)) {
      const out: Record<string, unknown> = {};
      for (const pair of node.items) {
        const key = YAML.isScalar(pair.key) ? pair.key.value : pair.key;
        if (typeof key !== "string" && typeof key !== "number") {
          const at = pos((pair.key as { range?: number[] })?.range?.[0] ?? 0);
          throw new UsageError(`${file}:${at.line}:${at.col}: ${path}: keys must be plain names.`);
        }
        const k = String(key);
        const child = path ? `${path}.${k}` : k;
        const keyRange = (pair.key as { range?: number[] }).range;
        if (keyRange) {
          positions.set(child, pos(keyRange[0]));
          keys.set(child, pos(keyRange[0]));
        }
        Object.defineProperty(out, k, {
          value: build(pair.value, child),
          enumerable: true,
          writable: true,
          configurable: true,
        });
        // A value's own position is where problems with it are; a key without a value keeps the key's.
        const valueRange = (pair.value as { range?: number[] } | null)?.range;
        if (valueRange) positions.set(child, pos(valueRange[0]));
      }
      return out;
    }
    if (YAML.isSeq(node)) return node.items.map((item, i) => build(item, `${path}[${i}]`));
    if (YAML.isScalar(node)) {
      const v = node.value;
      if (typeof v !== "string" || !v.includes("$")) return v;
      const start = range?.[0] ?? 0;
      return v.replace(ENV_REF, (match: string, name: string | undefined) => {
        if (match === "$$") return "$";
        const value = name !== undefined && /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? env[name] : undefined;
        if (value !== undefined) return value;
        const offset = text.indexOf(match, start);
        const at = pos(offset >= 0 ? offset : start);
        if (name === undefined || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
          throw new UsageError(
            `${file}:${at.line}:${at.col}: ${path}: '${match}' is not a variable reference (use \${NAME}; $$ for a literal $).`,
          );
        throw new UsageError(
          `${file}:${at.line}:${at.col}: ${path}: the environment variable ${name} is not set. Set it, or write $\${${name}} for the text itself.`,
        );
      });
    }
    return null;
  };
  return { value: build(doc.contents, ""), positions, keys };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return (
    typeof v === "object" &&
    v !== null &&
    !Array.isArray(v) &&
    !(v instanceof Date) &&
    !(v instanceof Uint8Array)
  );
}

/** Reads and checks a stack file; every problem is a UsageError (exit 252) naming file:line:column. */
export function loadStack(
  file: string,
  env: Readonly<Record<string, string | undefined>>,
  read: (path: string) => string = (p) => readFileSync(p, "utf8"),
): Stack {
  let text: string;
  try {
    text = read(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(
      `Cannot read the stack file ${file}: ${code === "ENOENT" ? "no such file" : ((err as Error).message ?? code)}. Check the path given to -f.`,
    );
  }
  return stackFromText(file, text, env);
}

export function stackFromText(
  file: string,
  text: string,
  env: Readonly<Record<string, string | undefined>>,
): Stack {
  const { value, positions, keys } = parse(file, text, env);
  const where = locator(file, positions);
  const bad = (path: string, message: string): never => {
    throw new UsageError(`${where(path)}: ${message}`);
  };
  const atKey = locator(file, keys);
  const badKey = (path: string, message: string): never => {
    throw new UsageError(`${keys.has(path) ? atKey(path) : where(path)}: ${message}`);
  };
  if (!isObject(value)) bad("", "a stack file is a map with `pools:` (pool name → its settings).");
  const top = value as Record<string, unknown>;
  for (const k of Object.keys(top)) {
    if (!TOP_KEYS.includes(k))
      badKey(k, `unknown key '${k}'.${didYouMean(k, TOP_KEYS)} Valid keys: ${TOP_KEYS.join(", ")}.`);
  }
  if (top.insecure !== undefined && typeof top.insecure !== "boolean")
    bad("insecure", "expected true or false.");
  const insecure = top.insecure === true;
  if (!isObject(top.pools)) bad("pools", "`pools:` must be a map of pool name → settings.");
  const dir = dirname(resolve(file));
  const pools: PoolSpec[] = [];
  for (const [name, raw] of Object.entries(top.pools as Record<string, unknown>)) {
    pools.push(poolSpec(name, raw ?? {}, `pools.${name}`, { where, bad, badKey, env, insecure, dir }));
  }
  return { path: file, pools };
}

interface LoadCtx {
  where: (path: string) => string;
  bad: (path: string, message: string) => never;
  badKey: (path: string, message: string) => never;
  env: Readonly<Record<string, string | undefined>>;
  insecure: boolean;
  dir: string;
}

/** Checks one resource's members against its kind's shape, with the key member filled in. */
function checked(kindName: KindName, raw: unknown, path: string, lc: LoadCtx, key?: string): Members {
  const kind = KINDS[kindName];
  const shape = fileShape(kind);
  if (raw === null || raw === undefined) raw = {};
  if (!isObject(raw)) lc.bad(path, `expected a map of ${operationName(kind.create)} members.`);
  for (const [member, why] of Object.entries(kind.refused ?? {})) {
    if (Object.hasOwn(raw as object, member))
      lc.badKey(`${path}.${member}`, `${member} is not accepted here: ${why}.`);
  }
  if (kind.keyMember && Object.hasOwn(raw as object, kind.keyMember))
    lc.badKey(`${path}.${kind.keyMember}`, `${kind.keyMember} is the map key (${key}); leave it out.`);
  const ctx = { flag: lc.where(path), source: "json" as const, where: lc.where };
  const out = coerceStructure(raw, shape, path, ctx, false, true);
  checkConstraints(out, shape, { root: path, locate: lc.where });
  if (kind.keyMember && key !== undefined) {
    const keyShape = fileShapeKey(kindName);
    if (keyShape) {
      coerce(key, keyShape, path, ctx);
      checkConstraints(
        { [kind.keyMember]: key },
        { ...shape, members: { [kind.keyMember]: { shape: keyShape } } },
        {
          root: path.slice(0, path.lastIndexOf(".")),
          locate: (p) => `${lc.where(path)} (${p.slice(p.lastIndexOf(".") + 1)} = the key)`,
        },
      );
    }
  }
  return out;
}

function fileShapeKey(kindName: KindName): Shape | undefined {
  const kind = KINDS[kindName];
  if (!kind.keyMember) return undefined;
  // The full input still has the key member; fileShape left it out.
  return operationInput(kind.create).members[kind.keyMember]?.shape;
}

function operationInput(cliName: string): StructureShape {
  return requireOperation(cliName).input;
}

function operationName(cliName: string): string {
  return requireOperation(cliName).name;
}

function poolSpec(name: string, raw: unknown, path: string, lc: LoadCtx): PoolSpec {
  if (!isObject(raw)) lc.bad(path, "expected a map of CreateUserPool members and the pool's nested blocks.");
  const settingsRaw: Record<string, unknown> = {};
  const nested: Record<string, unknown> = {};
  const members = Object.keys(fileShape(KINDS.pool).members);
  for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
    if (NESTED_KEYS.includes(k)) nested[k] = v;
    else if (members.includes(k) || k === "PoolName") settingsRaw[k] = v;
    else
      lc.badKey(
        `${path}.${k}`,
        `unknown key '${k}'.${didYouMean(k, [...members, ...NESTED_KEYS])} A pool holds CreateUserPool members (${members.join(", ")}) and ${NESTED_KEYS.join(", ")}.`,
      );
  }
  const spec: PoolSpec = { name, settings: checked("pool", settingsRaw, path, lc, name) };
  for (const kindName of NESTED) {
    const kind = KINDS[kindName];
    const key = kind.key as string;
    if (!Object.hasOwn(nested, key)) continue;
    const value = nested[key] ?? {};
    const at = `${path}.${key}`;
    if (!MAP_KEYS.has(key)) {
      (spec as unknown as Record<string, unknown>)[key] = checked(kindName, value, at, lc);
      continue;
    }
    if (!isObject(value)) lc.bad(at, `expected a map of ${kind.label} name → its settings.`);
    const items: Record<string, unknown> = {};
    for (const [itemName, itemRaw] of Object.entries(value as Record<string, unknown>)) {
      items[itemName] =
        kindName === "user"
          ? userSpec(itemRaw ?? {}, `${at}.${itemName}`, lc)
          : checked(kindName, itemRaw, `${at}.${itemName}`, lc, itemName);
    }
    (spec as unknown as Record<string, unknown>)[key] = items;
  }
  if (spec.domain && spec.domain.Domain === undefined)
    lc.bad(`${path}.domain`, "give the domain's Domain (a prefix, or a custom domain name).");
  return spec;
}

function userSpec(raw: unknown, path: string, lc: LoadCtx): UserSpec {
  if (!isObject(raw)) lc.bad(path, "expected a map with attributes, groups, enabled, password.");
  const { password, ...rest } = raw as Record<string, unknown>;
  const ctx = { flag: lc.where(path), source: "json" as const, where: lc.where };
  const out = coerceStructure(rest, USER_SHAPE, path, ctx, false, true) as Partial<UserSpec>;
  checkConstraints(out as Members, USER_SHAPE, { root: path, locate: lc.where });
  const user: UserSpec = { attributes: out.attributes ?? {}, groups: out.groups, enabled: out.enabled };
  if (password !== undefined) user.password = readPassword(password, `${path}.password`, lc);
  return user;
}

function readPassword(raw: unknown, path: string, lc: LoadCtx): string {
  if (typeof raw === "string") {
    if (!lc.insecure)
      lc.bad(
        path,
        "a password written in the file is refused: give {env: VAR} or {file: PATH}, or put `insecure: true` at the top of a file that only holds test passwords.",
      );
    return raw;
  }
  if (
    !isObject(raw) ||
    Object.keys(raw).length !== 1 ||
    !(typeof raw.env === "string" || typeof raw.file === "string")
  )
    lc.bad(path, "expected {env: VAR} or {file: PATH} (one of them).");
  const spec = raw as { env?: string; file?: string };
  if (spec.env !== undefined) {
    const value = lc.env[spec.env];
    if (value === undefined) lc.bad(`${path}.env`, `the environment variable ${spec.env} is not set.`);
    return value as string;
  }
  const file = resolve(lc.dir, spec.file as string);
  try {
    // One trailing newline is the editor's, not the password's.
    return readFileSync(file, "utf8").replace(/\r?\n$/, "");
  } catch (err) {
    return lc.bad(
      `${path}.file`,
      `cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}.`,
    );
  }
}
