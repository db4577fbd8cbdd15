// Checks a request against the generated service model the way the service does: wrong JSON types
// are a SerializationException (the Coral messages SDKs have seen), broken constraints are collected
// into one InvalidParameterException "N validation errors detected: Value 'x' at 'member' failed to
// satisfy constraint: ..." exactly as Cognito words them. Sensitive values are never echoed.
// Hand-written because no library validates against a botocore model in JavaScript; it is small.
import { InvalidParameterException, SerializationException } from "./errors.js";
import type { InputModel, ShapeDef } from "./model/types.js";

const patternCache = new Map<string, RegExp | null>();

function compilePattern(p: string): RegExp | null {
  let re = patternCache.get(p);
  if (re !== undefined) return re;
  // The model's patterns are Java regexes matched against the whole value.
  const body = p.startsWith("^") ? p : `^(?:${p})$`;
  try {
    re = new RegExp(body, "su");
  } catch {
    try {
      re = new RegExp(body, "s");
    } catch {
      re = null; // a Java-only construct: skip the pattern rather than reject valid input
    }
  }
  patternCache.set(p, re);
  return re;
}

function jsonKind(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "list";
  return typeof v;
}

function typeMismatch(expected: ShapeDef["t"], v: unknown): never {
  const kind = jsonKind(v);
  if (expected === "structure" || expected === "map")
    throw new SerializationException("Expected map or null");
  if (expected === "list") throw new SerializationException("Expected list or null");
  if (kind === "object")
    throw new SerializationException("Start of structure or map found where not expected.");
  if (kind === "list") throw new SerializationException("Start of list found where not expected");
  const from = kind === "string" ? "STRING_VALUE" : kind === "number" ? "NUMBER_VALUE" : "BOOLEAN_VALUE";
  throw new SerializationException(`${from} can not be converted to ${TYPE_NAMES[expected] ?? expected}`);
}

const TYPE_NAMES: Partial<Record<ShapeDef["t"], string>> = {
  string: "a String",
  integer: "an Integer",
  long: "a Long",
  boolean: "a Boolean",
  timestamp: "a Date",
  blob: "a ByteBuffer",
  double: "a Double",
  float: "a Float",
};

const INT32 = { min: -(2 ** 31), max: 2 ** 31 - 1 };

/**
 * Whether a JSON number fits the Java type behind the member: Integer is int32, Long is held exactly
 * only up to 2^53 here (JSON.parse gives doubles), Double/Float must be finite (`1e400` parses to
 * Infinity). A fraction where an integer is expected is refused rather than truncated, so nothing
 * fractional ever reaches SQLite or a stored document.
 */
function representable(type: ShapeDef["t"], n: number): boolean {
  if (!Number.isFinite(n)) return false;
  if (type === "integer") return Number.isInteger(n) && n >= INT32.min && n <= INT32.max;
  if (type === "long") return Number.isSafeInteger(n);
  return true;
}

/** An own member of a request object: never something inherited such as `constructor`. */
function member(obj: Record<string, unknown>, name: string): unknown {
  return Object.hasOwn(obj, name) ? obj[name] : undefined;
}

export class RequestValidator {
  /** While true, messages name members without their values (see validateWithoutValues). */
  private withoutValues = false;

  constructor(private readonly model: InputModel) {}

  /** True when the service has this operation (whether or not the endpoint implements it). */
  hasOperation(name: string): boolean {
    return Object.hasOwn(this.model.operations, name);
  }

  operationNames(): string[] {
    return Object.keys(this.model.operations);
  }

  /**
   * Checks the input and returns it as the service reads it: members the model does not have are
   * dropped (Coral ignores unknown members, prototype names such as `constructor` included), so no
   * target ever stores or trips over them. Map keys are data and are all kept.
   */
  validate(operation: string, input: unknown): unknown {
    const shapeName = this.model.operations[operation];
    if (!shapeName) return input;
    if (jsonKind(input) !== "object") throw new SerializationException("Expected map or null");
    const errors: string[] = [];
    const read = this.check(shapeName, input, "", errors);
    if (errors.length > 0) throwInvalidParameters(errors);
    return read;
  }

  /**
   * validate() whose messages never quote a value ("Value at 'username' failed ..."): for checks
   * whose outcome is written where user data must not go (an import job's CloudWatch Logs lines).
   */
  validateWithoutValues(operation: string, input: unknown): unknown {
    this.withoutValues = true;
    try {
      return this.validate(operation, input);
    } finally {
      this.withoutValues = false;
    }
  }

  private check(shapeName: string, v: unknown, path: string, errors: string[]): unknown {
    const shape = this.model.shapes[shapeName];
    if (!shape || v === null || v === undefined) return v;
    switch (shape.t) {
      case "structure": {
        if (shape.d) return v;
        if (jsonKind(v) !== "object") typeMismatch(shape.t, v);
        const obj = v as Record<string, unknown>;
        for (const req of shape.r ?? []) {
          if (member(obj, req) === undefined || member(obj, req) === null)
            errors.push(mustNotBeNull(join(path, req)));
        }
        const read: Record<string, unknown> = {};
        for (const [name, memberShape] of Object.entries(shape.m ?? {})) {
          const value = member(obj, name);
          if (value !== undefined) read[name] = this.check(memberShape, value, join(path, name), errors);
        }
        return read;
      }
      case "list": {
        if (!Array.isArray(v)) typeMismatch(shape.t, v);
        this.lengthChecks(shape, v as unknown[], (v as unknown[]).length, path, errors);
        return (v as unknown[]).map((item, i) =>
          this.check(shape.mem as string, item, `${path}.${i + 1}.member`, errors),
        );
      }
      case "map": {
        if (jsonKind(v) !== "object") typeMismatch(shape.t, v);
        const entries = Object.entries(v as Record<string, unknown>);
        this.lengthChecks(shape, v, entries.length, path, errors);
        // fromEntries defines own properties: a key "__proto__" stays a key, not a prototype.
        return Object.fromEntries(
          entries.map(([k, val]) => {
            this.check(shape.k as string, k, `${path}.key`, errors);
            return [k, this.check(shape.v as string, val, `${path}.${k}`, errors)];
          }),
        );
      }
      case "string": {
        if (typeof v !== "string") typeMismatch(shape.t, v);
        const s = v as string;
        this.lengthChecks(shape, s, [...s].length, path, errors);
        if (shape.e && !shape.e.includes(s)) {
          errors.push(
            `${valueAt(shape, s, path, this.withoutValues)} failed to satisfy constraint: Member must satisfy enum value set: [${shape.e.join(", ")}]`,
          );
        }
        if (shape.p) {
          const re = compilePattern(shape.p);
          if (re && !re.test(s)) {
            errors.push(
              `${valueAt(shape, s, path, this.withoutValues)} failed to satisfy constraint: Member must satisfy regular expression pattern: ${shape.p}`,
            );
          }
        }
        return v;
      }
      case "integer":
      case "long":
      case "double":
      case "float": {
        if (typeof v !== "number") typeMismatch(shape.t, v);
        const n = v as number;
        if (!representable(shape.t, n))
          throw new SerializationException(`NUMBER_VALUE can not be converted to ${TYPE_NAMES[shape.t]}`);
        rangeChecks(shape, n, path, errors);
        return v;
      }
      case "boolean":
        if (typeof v !== "boolean") typeMismatch(shape.t, v);
        return v;
      case "timestamp":
        if (typeof v !== "number" && typeof v !== "string") typeMismatch(shape.t, v);
        return v;
      case "blob":
        if (typeof v !== "string") typeMismatch(shape.t, v);
        return v;
    }
  }

  private lengthChecks(shape: ShapeDef, v: unknown, len: number, path: string, errors: string[]): void {
    if (shape.min !== undefined && len < shape.min) {
      errors.push(
        `${valueAt(shape, v, path, this.withoutValues)} failed to satisfy constraint: Member must have length greater than or equal to ${shape.min}`,
      );
    }
    if (shape.max !== undefined && len > shape.max) {
      errors.push(
        `${valueAt(shape, v, path, this.withoutValues)} failed to satisfy constraint: Member must have length less than or equal to ${shape.max}`,
      );
    }
  }
}

function mustNotBeNull(path: string): string {
  return `Value null at '${path}' failed to satisfy constraint: Member must not be null`;
}

function rangeChecks(shape: ShapeDef, n: number, path: string, errors: string[]): void {
  if (shape.min !== undefined && n < shape.min) {
    errors.push(
      `${valueAt(shape, n, path)} failed to satisfy constraint: Member must have value greater than or equal to ${shape.min}`,
    );
  }
  if (shape.max !== undefined && n > shape.max) {
    errors.push(
      `${valueAt(shape, n, path)} failed to satisfy constraint: Member must have value less than or equal to ${shape.max}`,
    );
  }
}

function throwInvalidParameters(errors: string[]): never {
  const n = errors.length;
  throw new InvalidParameterException(
    `${n} validation error${n === 1 ? "" : "s"} detected: ${errors.join("; ")}`,
  );
}

/**
 * A rule the service applies to a member that the generated model cannot state: the pinned SDK's
 * schemas carry no bounds, and the vendored model does not know the member yet (see the header of
 * model/input-model.ts). The target checks it with the router's own wording; once a newer vendored
 * model has the bound, the router refuses the value first and this check never fires.
 * `memberPath` is the member's path in the request, e.g. "TokenSession.MaxPerUser".
 */
export function checkServiceRule(
  value: unknown,
  memberPath: string,
  rule: { required?: true; min?: number; max?: number },
): void {
  const path = memberPath.split(".").reduce(join, "");
  const errors: string[] = [];
  if (value === undefined || value === null) {
    if (rule.required) errors.push(mustNotBeNull(path));
  } else if (typeof value === "number") {
    rangeChecks({ t: "long", min: rule.min, max: rule.max }, value, path, errors);
  }
  if (errors.length > 0) throwInvalidParameters(errors);
}

/** The service names members in error messages with a lower-case first letter. */
function join(path: string, member: string): string {
  const m = member.charAt(0).toLowerCase() + member.slice(1);
  return path ? `${path}.${m}` : m;
}

function valueAt(shape: ShapeDef, v: unknown, path: string, withoutValue = false): string {
  if (shape.s || withoutValue) return `Value at '${path}'`;
  if (typeof v === "string") return `Value '${v}' at '${path}'`;
  if (typeof v === "number") return `Value '${v}' at '${path}'`;
  return `Value '${JSON.stringify(v)}' at '${path}'`;
}
