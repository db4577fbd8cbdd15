// Types a parsed value (from JSON, shorthand or --cli-input-*) against the model shape: numbers,
// booleans, timestamps, blobs, enums, unknown keys and nested required members, with a message
// that names the flag, the key path and the fix. Values of sensitive shapes are never echoed.

import { memberOf, type Shape, type StructureShape } from "../../cognito/catalog.js";
import { UsageError } from "../errors.js";
import { didYouMean } from "./did-you-mean.js";

/** Shorthand gives strings that need typing; JSON and YAML must already carry the right types. */
export type ValueSource = "json" | "shorthand";

export interface CoerceContext {
  /** What the user typed: "--user-attributes" or "--cli-input-json". */
  flag: string;
  source: ValueSource;
  /**
   * Where a key path is, for messages about files with positions (the stack file's
   * `file:line:column: pools.demo.Policies`); unset, the message names the flag and the path.
   */
  where?: (path: string) => string;
}

function typeLabel(shape: Shape): string {
  switch (shape.type) {
    case "structure":
      return "a structure (JSON object)";
    case "map":
      return "a map (JSON object)";
    case "list":
      return "a list (JSON array)";
    case "integer":
    case "long":
      return "an integer";
    case "double":
    case "float":
      return "a number";
    case "boolean":
      return "true or false";
    case "timestamp":
      return "a timestamp (ISO 8601 such as 2024-01-31T12:00:00Z, or epoch seconds)";
    case "blob":
      return "base64 text (or fileb://path for raw bytes)";
    case "document":
      return "a JSON value";
    default:
      return "a string";
  }
}

function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (value instanceof Uint8Array) return "bytes";
  if (typeof value === "object") return "an object";
  return `${typeof value === "string" ? "the string" : `the ${typeof value}`}`;
}

export function fail(ctx: CoerceContext, path: string, message: string): never {
  if (ctx.where) throw new UsageError(`${ctx.where(path)}: ${message}`);
  const where = path ? ` at ${path}` : "";
  throw new UsageError(`Error parsing parameter '${ctx.flag}'${where}: ${message}`);
}

function wrongType(
  value: unknown,
  shape: Shape,
  path: string,
  ctx: CoerceContext,
  sensitive: boolean,
): never {
  const shown =
    !sensitive && (typeof value === "string" || typeof value === "number") ? ` ${JSON.stringify(value)}` : "";
  fail(ctx, path, `expected ${typeLabel(shape)}, got ${describeValue(value)}${shown}.`);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return (
    typeof v === "object" &&
    v !== null &&
    !Array.isArray(v) &&
    !(v instanceof Uint8Array) &&
    !(v instanceof Date)
  );
}

const ISO_8601 = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

export function parseTimestamp(value: string | number): Date | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? new Date(value * 1000) : undefined;
  const t = value.trim();
  if (/^-?\d+(\.\d+)?$/.test(t)) return new Date(Number(t) * 1000);
  const m = ISO_8601.exec(t);
  if (!m) return undefined;
  // A time without a zone is read as UTC (not the machine's zone) so a script means the same
  // instant wherever it runs.
  const withZone = m[1] || t.length === 10 ? t : `${t}Z`;
  const d = new Date(withZone.replace(" ", "T"));
  return Number.isNaN(d.getTime()) ? undefined : d;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function coerce(
  value: unknown,
  shape: Shape,
  path: string,
  ctx: CoerceContext,
  inSecret = false,
): unknown {
  const sensitive = inSecret || Boolean(shape.sensitive);
  switch (shape.type) {
    case "structure":
      return coerceStructure(value, shape, path, ctx, sensitive, true);
    case "list": {
      // Shorthand `Key=a` for a list means a one-element list, as in the AWS CLI.
      const items = Array.isArray(value)
        ? value
        : ctx.source === "shorthand" && !isPlainObject(value)
          ? [value]
          : undefined;
      if (!items) wrongType(value, shape, path, ctx, sensitive);
      return items.map((v, i) => coerce(v, shape.member, `${path}[${i}]`, ctx, sensitive));
    }
    case "map": {
      if (!isPlainObject(value)) wrongType(value, shape, path, ctx, sensitive);
      // Map keys are the user's own (ClientMetadata, tags) and may be any string, `__proto__`
      // included: fromEntries defines them as own properties where `out[k] = v` would set the
      // prototype instead.
      return Object.fromEntries(
        Object.entries(value).map(([k, v]) => {
          coerce(k, shape.key, path, ctx, sensitive);
          return [k, coerce(v, shape.value, path ? `${path}.${k}` : k, ctx, sensitive)];
        }),
      );
    }
    case "string": {
      if (typeof value !== "string") wrongType(value, shape, path, ctx, sensitive);
      if (shape.enum && !shape.enum.includes(value)) {
        fail(
          ctx,
          path,
          `invalid value${sensitive ? "" : ` '${value}'`}.${sensitive ? "" : didYouMean(value, shape.enum)} Valid values: ${shape.enum.join(", ")}.`,
        );
      }
      return value;
    }
    case "integer":
    case "long": {
      const n =
        typeof value === "number"
          ? value
          : ctx.source === "shorthand" && typeof value === "string" && /^\s*-?\d+\s*$/.test(value)
            ? Number(value)
            : Number.NaN;
      if (!Number.isSafeInteger(n)) wrongType(value, shape, path, ctx, sensitive);
      return n;
    }
    case "double":
    case "float": {
      const n =
        typeof value === "number"
          ? value
          : ctx.source === "shorthand" && typeof value === "string" && value.trim() !== ""
            ? Number(value)
            : Number.NaN;
      if (!Number.isFinite(n)) wrongType(value, shape, path, ctx, sensitive);
      return n;
    }
    case "boolean": {
      if (typeof value === "boolean") return value;
      if (ctx.source === "shorthand" && typeof value === "string" && /^(true|false)$/i.test(value.trim())) {
        return value.trim().toLowerCase() === "true";
      }
      wrongType(value, shape, path, ctx, sensitive);
      break;
    }
    case "timestamp": {
      if (value instanceof Date) return value;
      const d = typeof value === "string" || typeof value === "number" ? parseTimestamp(value) : undefined;
      if (!d) wrongType(value, shape, path, ctx, sensitive);
      return d;
    }
    case "blob": {
      if (value instanceof Uint8Array) return value;
      if (typeof value !== "string") wrongType(value, shape, path, ctx, sensitive);
      const compact = value.replace(/\s+/g, "");
      if (!BASE64.test(compact)) {
        fail(
          ctx,
          path,
          "expected base64 text. Give the bytes base64-encoded, or use fileb://path to read a file as is.",
        );
      }
      return new Uint8Array(Buffer.from(compact, "base64"));
    }
    case "document":
      return value;
  }
  return value;
}

/**
 * A structure: unknown keys are errors naming the valid ones; nested required members are checked
 * here (top-level ones are checked by buildInput, which can name their flags).
 */
export function coerceStructure(
  value: unknown,
  shape: StructureShape,
  path: string,
  ctx: CoerceContext,
  inSecret: boolean,
  checkRequired: boolean,
): Record<string, unknown> {
  if (!isPlainObject(value)) wrongType(value, shape, path, ctx, inSecret);
  const names = Object.keys(shape.members);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const member = memberOf(shape, k);
    if (!member) {
      fail(ctx, path, `unknown key '${k}'.${didYouMean(k, names)} Valid keys: ${names.join(", ")}.`);
    }
    if (v === null && ctx.source === "json") continue; // JSON null means "not set", as botocore treats it
    out[k] = coerce(v, member.shape, path ? `${path}.${k}` : k, ctx, inSecret);
  }
  if (checkRequired) {
    const missing = shape.required.filter((k) => out[k] === undefined);
    if (missing.length > 0) {
      fail(
        ctx,
        path,
        `missing required key${missing.length > 1 ? "s" : ""} ${missing.map((k) => `'${k}'`).join(", ")} (${shape.name} requires ${shape.required.join(", ")}).`,
      );
    }
  }
  return out;
}
