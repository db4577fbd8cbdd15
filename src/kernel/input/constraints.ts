// The service model's length and range constraints, checked on the typed input before any request
// (the AWS CLI's botocore validates the same bounds client-side, exit 252). The bounds live on the
// catalog's shapes (Smithy's @length / @range, read by scripts/gen-catalog.mjs from the vendored
// model); patterns are left to the service. A sensitive value is never echoed, nor its length.

import { type Bound, memberOf, type Shape, type StructureShape } from "../../cognito/catalog.js";
import { toFlagName } from "../../cognito/names.js";
import { UsageError } from "../errors.js";

/** A value longer than this is shown cut, with its length, so the message stays one line. */
const SHOWN_CHARS = 40;

function allowed(bound: Bound, unit: string): string {
  const u = unit ? ` ${unit}` : "";
  if (bound.min !== undefined && bound.max !== undefined) return `${bound.min} to ${bound.max}${u}`;
  if (bound.min !== undefined) return `at least ${bound.min}${u}`;
  return `at most ${bound.max}${u}`;
}

function showString(value: string, chars: number, sensitive: boolean): string {
  if (sensitive) return "the value (not shown: sensitive)";
  if (chars <= SHOWN_CHARS) return JSON.stringify(value);
  return `${JSON.stringify([...value].slice(0, SHOWN_CHARS).join(""))}... (${chars} characters)`;
}

/** What is wrong with a value of `size` against `bound`, or undefined when it fits. */
function lengthProblem(size: number, bound: Bound, shown: string, unit: string): string | undefined {
  if (bound.min !== undefined && size < bound.min)
    return `${shown} is shorter than the minimum length of ${bound.min} (allowed: ${allowed(bound, unit)}).`;
  if (bound.max !== undefined && size > bound.max)
    return `${shown} is longer than the maximum length of ${bound.max} (allowed: ${allowed(bound, unit)}).`;
  return undefined;
}

function countProblem(count: number, bound: Bound, what: string, unit: string): string | undefined {
  const shown = `${what} of ${count} ${count === 1 ? unit.replace(/s$/, "") : unit}`;
  if (bound.min !== undefined && count < bound.min)
    return `${shown} is below the minimum of ${bound.min} (allowed: ${allowed(bound, unit)}).`;
  if (bound.max !== undefined && count > bound.max)
    return `${shown} is above the maximum of ${bound.max} (allowed: ${allowed(bound, unit)}).`;
  return undefined;
}

function problemOf(value: unknown, shape: Shape, sensitive: boolean): string | undefined {
  if (shape.range && typeof value === "number") {
    const { min, max } = shape.range;
    const shown = sensitive ? "the value (not shown: sensitive)" : String(value);
    if (min !== undefined && value < min)
      return `${shown} is below the minimum of ${min} (allowed: ${allowed(shape.range, "")}).`;
    if (max !== undefined && value > max)
      return `${shown} is above the maximum of ${max} (allowed: ${allowed(shape.range, "")}).`;
    return undefined;
  }
  const bound = shape.length;
  if (!bound) return undefined;
  if (typeof value === "string") {
    // Smithy (and botocore) count a string's length in code points, not UTF-16 units.
    const chars = [...value].length;
    return lengthProblem(chars, bound, showString(value, chars, sensitive), "characters");
  }
  if (value instanceof Uint8Array) {
    const shown = sensitive ? "the value (not shown: sensitive)" : `${value.byteLength} bytes`;
    return lengthProblem(value.byteLength, bound, shown, "bytes");
  }
  if (Array.isArray(value)) return countProblem(value.length, bound, "a list", "items");
  if (shape.type === "map" && typeof value === "object" && value !== null)
    return countProblem(Object.keys(value).length, bound, "a map", "entries");
  return undefined;
}

/** Turns the path of the value at fault into the message's prefix (default: the path itself). */
type Locate = (where: string) => string;

function walk(value: unknown, shape: Shape, where: string, inSecret: boolean, locate: Locate): void {
  if (value === undefined || value === null) return;
  const sensitive = inSecret || Boolean(shape.sensitive);
  const problem = problemOf(value, shape, sensitive);
  if (problem) throw new UsageError(`${locate(where)}: ${problem}`);
  if (shape.type === "structure") {
    walkStructure(value as Record<string, unknown>, shape, (m) => `${where}.${m}`, sensitive, locate);
  } else if (shape.type === "list" && Array.isArray(value)) {
    for (const [i, item] of value.entries()) walk(item, shape.member, `${where}[${i}]`, sensitive, locate);
  } else if (shape.type === "map" && typeof value === "object") {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      // A key that is itself a secret is not put in the message either.
      walk(k, shape.key, `${where} (a key)`, sensitive, locate);
      walk(v, shape.value, sensitive ? `${where}{…}` : `${where}.${k}`, sensitive, locate);
    }
  }
}

function walkStructure(
  value: Record<string, unknown>,
  shape: StructureShape,
  where: (member: string) => string,
  inSecret: boolean,
  locate: Locate,
): void {
  for (const [name, v] of Object.entries(value)) {
    const member = memberOf(shape, name);
    if (member) walk(v, member.shape, where(name), inSecret, locate);
  }
}

/**
 * Throws a UsageError (exit 252) naming the flag (then the path inside it), the value and the bound
 * for the first member of `input` outside its model constraints.
 */
export function checkConstraints(
  input: Record<string, unknown>,
  shape: StructureShape,
  /**
   * For a file rather than flags (the stack file): members named `root.Member.Sub`, the message's
   * prefix from `locate` (its file:line:column).
   */
  at?: { root: string; locate: Locate },
): void {
  const name = at ? (member: string) => `${at.root}.${member}` : (member: string) => toFlagName(member);
  walkStructure(input, shape, name, false, at?.locate ?? ((where) => where));
}
