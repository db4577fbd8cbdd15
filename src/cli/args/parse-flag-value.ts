// One flag's raw value (as commander hands it over) → the typed value for the SDK input, with the
// AWS CLI's rules (argprocess.py): JSON when it starts with { or [, shorthand otherwise for
// structures and maps, several values for lists, file:// and fileb:// everywhere.

import type { Shape } from "../../cognito/catalog.js";
import { UsageError } from "../../kernel/errors.js";
import { type CoerceContext, coerce } from "../../kernel/input/coerce.js";
import { acceptsShorthand, isScalar, jsonExample, shorthandExample } from "./examples.js";
import type { FlagSpec } from "./flags.js";
import { JsonTextError, looksLikeJson, parseJsonText } from "./json-text.js";
import { expandParamFile, expandParamText } from "./param-file.js";
import { parseShorthand, ShorthandSyntaxError } from "./shorthand.js";

const MAX_EXAMPLE = 160;

function clip(s: string): string {
  return s.length > MAX_EXAMPLE ? `${s.slice(0, MAX_EXAMPLE - 3)}...` : s;
}

/** "How to fix" text: the syntax this flag accepts. */
function syntaxHint(spec: FlagSpec): string {
  const json = clip(JSON.stringify(JSON.parse(jsonExample(spec.shape, 0))));
  if (!acceptsShorthand(spec.shape)) return `Expected JSON like ${json}.`;
  return `Expected shorthand like ${clip(shorthandExample(spec.shape))} or JSON like ${json}.`;
}

function jsonValue(text: string, spec: FlagSpec): unknown {
  try {
    return parseJsonText(text);
  } catch (err) {
    if (!(err instanceof JsonTextError)) throw err;
    throw new UsageError(
      `Error parsing parameter '${spec.flag}': Invalid JSON: ${err.message}. ${syntaxHint(spec)}`,
    );
  }
}

function shorthandValue(text: string, spec: FlagSpec): unknown {
  try {
    return parseShorthand(text);
  } catch (err) {
    if (!(err instanceof ShorthandSyntaxError)) throw err;
    const column = err.index + 1;
    // Echo the input with a caret under the problem, unless the value is a secret.
    const shown = spec.sensitive
      ? ` at column ${column} (input not shown: the value is sensitive)`
      : ` for input:\n  ${text}\n  ${" ".repeat(err.index)}^ (column ${column})`;
    throw new UsageError(
      `Error parsing parameter '${spec.flag}': ${err.detail}${shown}\n${syntaxHint(spec)}`,
    );
  }
}

/** A complex (structure, map, document, list element) value given as one string. */
function complexValue(text: string, shape: Shape, spec: FlagSpec, path: string): unknown {
  const ctx: CoerceContext = { flag: spec.flag, source: "json" };
  if (shape.type === "document") return jsonValue(text, spec);
  if (looksLikeJson(text) || !acceptsShorthand(shape)) return coerce(jsonValue(text, spec), shape, path, ctx);
  return coerce(shorthandValue(text, spec), shape, path, { ...ctx, source: "shorthand" });
}

function asText(v: string | Uint8Array): string {
  return typeof v === "string" ? v : Buffer.from(v).toString("utf8");
}

export function parseFlagValue(spec: FlagSpec, raw: string | string[] | boolean): unknown {
  const { shape } = spec;
  if (typeof raw === "boolean") {
    if (shape.type !== "boolean")
      throw new UsageError(`Error parsing parameter '${spec.flag}': expected a value.`);
    return raw;
  }
  const ctx: CoerceContext = { flag: spec.flag, source: "shorthand" };
  if (shape.type === "list") {
    const expand = shape.member.type === "blob" ? expandParamFile : expandParamText;
    const values = (Array.isArray(raw) ? raw : [raw]).map((v) => expand(v, spec.flag));
    if (values.length === 0) {
      throw new UsageError(
        `Error parsing parameter '${spec.flag}': expected at least one value. ${syntaxHint(spec)}`,
      );
    }
    // A whole list as one JSON array: --user-attributes '[{"Name":"email","Value":"a@b.c"}]'.
    if (values.length === 1 && typeof values[0] === "string" && values[0].trimStart().startsWith("[")) {
      return coerce(jsonValue(values[0], spec), shape, spec.member, { ...ctx, source: "json" });
    }
    return values.map((v, i) => {
      if (isScalar(shape.member)) {
        if (shape.member.type === "blob" && v instanceof Uint8Array) return v;
        return coerce(asText(v), shape.member, `${spec.member}[${i}]`, ctx, spec.sensitive);
      }
      return complexValue(asText(v), shape.member, spec, `${spec.member}[${i}]`);
    });
  }
  if (Array.isArray(raw)) {
    if (raw.length !== 1) {
      throw new UsageError(
        `Error parsing parameter '${spec.flag}': expected one value, got ${raw.length}. Quote a value that contains spaces.`,
      );
    }
    raw = raw[0]!;
  }
  if (shape.type === "blob") return coerce(expandParamFile(raw, spec.flag), shape, "", ctx, spec.sensitive);
  const text = expandParamText(raw, spec.flag);
  if (!isScalar(shape)) return complexValue(text, shape, spec, spec.member);
  // Scalars typed from text; a file:// value keeps its text exactly (a trailing newline is part of
  // the file, as in the AWS CLI), except for numbers, booleans and timestamps, where it is trimmed.
  return coerce(shape.type === "string" ? text : text.trim(), shape, "", ctx, spec.sensitive);
}
