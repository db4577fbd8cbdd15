// Request checks for the CloudWatch Logs operations, worded as CloudWatch Logs words them
// ("1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: ..."). Hand-written:
// the generated request model (../../model/) covers the Cognito service only, and these four
// operations need a handful of members.
import { CognitoError, InvalidParameterException, ResourceNotFoundException } from "../../errors.js";
import type { LogGroupRow } from "../../services/cloudwatch-logs.js";
import type { LocalServices } from "../../services/index.js";

export type Input = Record<string, unknown>;

interface StringRule {
  min?: number;
  max?: number;
  pattern?: RegExp;
  patternText?: string;
}

/** Collects constraint violations of one request; throws them together, as the service does. */
export class Checks {
  private readonly errors: string[] = [];

  constructor(private readonly input: Input) {}

  string(name: string, rule: StringRule = {}): string | undefined {
    const v = this.input[name];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== "string") throw serialization(v, "a String");
    const len = [...v].length;
    if (rule.min !== undefined && len < rule.min)
      this.errors.push(
        `Value '${v}' at '${name}' failed to satisfy constraint: Member must have length greater than or equal to ${rule.min}`,
      );
    if (rule.max !== undefined && len > rule.max)
      this.errors.push(
        `Value '${v}' at '${name}' failed to satisfy constraint: Member must have length less than or equal to ${rule.max}`,
      );
    if (rule.pattern && !rule.pattern.test(v))
      this.errors.push(
        `Value '${v}' at '${name}' failed to satisfy constraint: Member must satisfy regular expression pattern: ${rule.patternText}`,
      );
    return v;
  }

  integer(name: string, min: number, max: number): number | undefined {
    const v = this.input[name];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== "number" || !Number.isSafeInteger(v)) throw serialization(v, "an Integer");
    if (v < min)
      this.errors.push(
        `Value '${v}' at '${name}' failed to satisfy constraint: Member must have value greater than or equal to ${min}`,
      );
    if (v > max)
      this.errors.push(
        `Value '${v}' at '${name}' failed to satisfy constraint: Member must have value less than or equal to ${max}`,
      );
    return v;
  }

  timestamp(name: string): number | undefined {
    const v = this.input[name];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== "number" || !Number.isSafeInteger(v)) throw serialization(v, "a Long");
    if (v < 0)
      this.errors.push(
        `Value '${v}' at '${name}' failed to satisfy constraint: Member must have value greater than or equal to 0`,
      );
    return v;
  }

  boolean(name: string): boolean | undefined {
    const v = this.input[name];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== "boolean") throw serialization(v, "a Boolean");
    return v;
  }

  strings(name: string, maxItems: number, rule: StringRule): string[] | undefined {
    const v = this.input[name];
    if (v === undefined || v === null) return undefined;
    if (!Array.isArray(v)) throw new CognitoError("SerializationException", "Expected list or null");
    if (v.length < 1 || v.length > maxItems)
      this.errors.push(
        `Value '[${v.join(", ")}]' at '${name}' failed to satisfy constraint: Member must have length ${v.length < 1 ? "greater than or equal to 1" : `less than or equal to ${maxItems}`}`,
      );
    return v.map((item, i) => {
      if (typeof item !== "string") throw serialization(item, "a String");
      if (rule.pattern && !rule.pattern.test(item))
        this.errors.push(
          `Value '${item}' at '${name}.${i + 1}.member' failed to satisfy constraint: Member must satisfy regular expression pattern: ${rule.patternText}`,
        );
      return item;
    });
  }

  required(name: string): void {
    if (this.input[name] === undefined || this.input[name] === null)
      this.errors.push(`Value null at '${name}' failed to satisfy constraint: Member must not be null`);
  }

  /** Throws InvalidParameterException when anything was found. */
  done(): void {
    const n = this.errors.length;
    if (n > 0)
      throw new InvalidParameterException(
        `${n} validation error${n === 1 ? "" : "s"} detected: ${this.errors.join("; ")}`,
      );
  }
}

function serialization(v: unknown, type: string): CognitoError {
  const kind =
    typeof v === "string" ? "STRING_VALUE" : typeof v === "number" ? "NUMBER_VALUE" : "BOOLEAN_VALUE";
  return new CognitoError("SerializationException", `${kind} can not be converted to ${type}`);
}

export const LOG_GROUP_NAME = {
  min: 1,
  max: 512,
  pattern: /^[.\-_/#A-Za-z0-9]+$/,
  patternText: "[\\.\\-_/#A-Za-z0-9]+",
};
export const LOG_GROUP_IDENTIFIER = {
  min: 1,
  max: 2048,
  pattern: /^[\w#+=/:,.@-]*$/,
  patternText: "[\\w#+=/:,.@-]*",
};
export const LOG_STREAM_NAME = { min: 1, max: 512, pattern: /^[^:*]*$/, patternText: "[^:*]*" };
export const NEXT_TOKEN = { min: 1 };

/** logGroupName or logGroupIdentifier (a name or an ARN), exactly one. */
export function readLogGroup(checks: Checks): () => string {
  const name = checks.string("logGroupName", LOG_GROUP_NAME);
  const identifier = checks.string("logGroupIdentifier", LOG_GROUP_IDENTIFIER);
  return () => {
    if (name !== undefined && identifier !== undefined)
      throw new InvalidParameterException(
        "LogGroup name and LogGroup ARN are mutually exclusive parameters.",
      );
    if (name === undefined && identifier === undefined)
      throw new InvalidParameterException("Either logGroupName or logGroupIdentifier must be specified.");
    if (name !== undefined) return name;
    // arn:aws:logs:REGION:ACCOUNT:log-group:NAME (a trailing :* allowed) or a plain name.
    const m = /^arn:[^:]+:logs:[^:]*:[^:]*:log-group:([^:]+)(?::\*)?$/.exec(identifier as string);
    return m ? m[1] : (identifier as string);
  };
}

/** The group, or CloudWatch Logs' ResourceNotFoundException. */
export function existingGroup(services: LocalServices, name: string): LogGroupRow {
  const group = services.logs.group(name);
  if (!group) throw new ResourceNotFoundException("The specified log group does not exist.");
  return group;
}

/** Opaque pagination tokens: base64url JSON, refused as CloudWatch Logs refuses a bad one. */
export function encodeToken(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

export function decodeToken<T>(token: string, valid: (v: unknown) => v is T): T {
  try {
    const v = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as unknown;
    if (valid(v)) return v;
  } catch {
    // fall through
  }
  throw new InvalidParameterException("The specified nextToken is invalid.");
}
