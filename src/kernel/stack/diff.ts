// Comparing what the file says with what the service reports. The file's members are laid over the
// current ones (maps merged key by key, anything else replaced), so a member the file does not
// mention keeps its current value: that overlay is both the comparison and the full input an
// Update* operation needs (they reset what they are not given).

export type Members = Record<string, unknown>;

export interface Change {
  /** The member's path under the resource: `Policies.PasswordPolicy.MinimumLength`. */
  path: string;
  from: unknown;
  to: unknown;
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return (
    typeof v === "object" &&
    v !== null &&
    !Array.isArray(v) &&
    !(v instanceof Date) &&
    !(v instanceof Uint8Array)
  );
}

function isEmpty(v: unknown): boolean {
  return (
    v === undefined ||
    v === null ||
    (Array.isArray(v) && v.length === 0) ||
    (isPlainObject(v) && Object.values(v).every(isEmpty))
  );
}

const scalar = (v: unknown) => typeof v === "string" || typeof v === "number" || typeof v === "boolean";

/**
 * Equal as settings: an absent member, null, [] and {} are the same (services leave empty ones out);
 * lists of plain values are sets (Cognito does not keep their order); numbers written as strings
 * (StringAttributeConstraints' "2048") equal the number.
 */
export function same(a: unknown, b: unknown): boolean {
  if (isEmpty(a) && isEmpty(b)) return true;
  if (a instanceof Date || b instanceof Date)
    return new Date(a as Date).getTime() === new Date(b as Date).getTime();
  if (a instanceof Uint8Array || b instanceof Uint8Array)
    return Buffer.from(a as Uint8Array).equals(Buffer.from(b as Uint8Array));
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return false;
    if (a.every(scalar) && b.every(scalar)) {
      const sa = a.map(String).sort();
      const sb = b.map(String).sort();
      return sa.every((v, i) => v === sb[i]);
    }
    return a.every((v, i) => same(v, b[i]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) if (!same(a[k], b[k])) return false;
    return true;
  }
  if (scalar(a) && scalar(b) && typeof a !== typeof b) return String(a) === String(b);
  return a === b;
}

/** `file` laid over `current`: structures merged member by member, anything else replaced. */
export function overlay(current: unknown, file: unknown): unknown {
  if (file === undefined) return current;
  if (isPlainObject(current) && isPlainObject(file)) {
    const out: Record<string, unknown> = { ...current };
    for (const [k, v] of Object.entries(file)) out[k] = overlay(current[k], v);
    return out;
  }
  return file;
}

/** The leaf members that differ between `from` and `to`, with their paths. */
export function changes(from: unknown, to: unknown, path = ""): Change[] {
  if (same(from, to)) return [];
  if (isPlainObject(from) && isPlainObject(to)) {
    const out: Change[] = [];
    for (const k of new Set([...Object.keys(from), ...Object.keys(to)]))
      out.push(...changes(from[k], to[k], path ? `${path}.${k}` : k));
    return out;
  }
  return [{ path, from, to }];
}

/** Only `keys` of `from`, those that are set. */
export function pick(from: Members, keys: Iterable<string>): Members {
  const out: Members = {};
  for (const k of keys) if (from[k] !== undefined && from[k] !== null) out[k] = from[k];
  return out;
}
