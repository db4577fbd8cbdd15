// The operation catalog: what scripts/gen-catalog.mjs extracted from the pinned SDK (shapes,
// required members, enums, docs, paginators). Read lazily and synchronously: the index for
// `cogctl --help`, one small file per operation for the one command being run.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export { toCliName, toFlagName } from "./names.js";

export type ScalarType =
  | "integer"
  | "long"
  | "double"
  | "float"
  | "boolean"
  | "timestamp"
  | "blob"
  | "document";

/**
 * A constraint from the service model, as Smithy's @length (strings: characters, blobs: bytes,
 * lists: items, maps: entries) or @range (numbers). Either end may be open.
 */
export interface Bound {
  min?: number;
  max?: number;
}

interface Constrained {
  sensitive?: boolean;
  /** @length: on strings, blobs, lists and maps. */
  length?: Bound;
  /** @range: on numbers. */
  range?: Bound;
}

export type Shape =
  | ({ type: "string"; enum?: string[] } & Constrained)
  | ({ type: ScalarType } & Constrained)
  | StructureShape
  | ({ type: "list"; member: Shape } & Constrained)
  | ({ type: "map"; key: Shape; value: Shape } & Constrained);

export interface StructureShape {
  type: "structure";
  name: string;
  members: Record<string, Member>;
  required: string[];
  sensitive?: boolean;
  length?: undefined;
  range?: undefined;
}

export interface Member {
  shape: Shape;
  doc?: string;
}

/**
 * The member a user-supplied key names, or undefined. Own properties only: `members[key]` would
 * answer `constructor`, `toString` or `__proto__` from Object.prototype, and those are unknown
 * parameters, not members.
 */
export function memberOf(shape: StructureShape, key: string): Member | undefined {
  return Object.hasOwn(shape.members, key) ? shape.members[key] : undefined;
}

export interface Paginator {
  inputToken: string;
  outputToken: string;
  limitKey?: string;
  resultKeys: string[];
}

export interface Operation {
  name: string;
  cliName: string;
  summary: string;
  doc: string;
  group: string;
  input: StructureShape;
  output: StructureShape;
  paginator?: Paginator;
}

export interface CatalogIndex {
  sdkVersion: string;
  operations: { name: string; cliName: string; summary: string; group: string }[];
  /** Group names in display order (every operation's group is one of them). */
  groups?: string[];
  /** Where length/range constraints came from, and what of the SDK that model does not know. */
  constraints?: { model: string; newerThanModel: string[] };
}

let catalogDirCache: string | undefined;

/**
 * dist/catalog under the package root. The root is the nearest folder above this file with a
 * package.json: src/api (vitest, tsx) and dist/src/api (built) both resolve to it.
 */
export function catalogDir(): string {
  if (catalogDirCache) return catalogDirCache;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, "package.json"))) break;
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error(`cannot find the cogctl package root above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
  catalogDirCache = join(dir, "dist", "catalog");
  return catalogDirCache;
}

function readJson<T>(path: string): T {
  try {
    return JSON.parse(readFileSync(path, "utf8")) as T;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT") {
      throw new Error(`the operation catalog is missing (${path}); run \`npm run build\` to generate it`);
    }
    throw err;
  }
}

let indexCache: CatalogIndex | undefined;

export function loadIndex(): CatalogIndex {
  indexCache ??= readJson<CatalogIndex>(join(catalogDir(), "index.json"));
  return indexCache;
}

const opCache = new Map<string, Operation>();

/** The operation by its CLI name (admin-create-user), or undefined when there is none. */
export function loadOperation(cliName: string): Operation | undefined {
  const cached = opCache.get(cliName);
  if (cached) return cached;
  // Only names in the index are read, so a cliName can never point outside the catalog folder.
  if (!loadIndex().operations.some((o) => o.cliName === cliName)) return undefined;
  const op = readJson<Operation>(join(catalogDir(), "ops", `${cliName}.json`));
  opCache.set(cliName, op);
  return op;
}
