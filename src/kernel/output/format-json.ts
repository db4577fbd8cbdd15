// --output json as the AWS CLI prints it: Python's json.dump(indent=4, ensure_ascii=False) plus a
// newline, which JSON.stringify(value, null, 4) matches byte for byte (same separators, non-ASCII
// kept, same escapes). An empty result `{}` prints nothing, as the CLI does for operations without
// output; any other value, including null from a --query, is printed.
import type { ChalkInstance } from "./lazy-modules.js";

export function isEmptyResult(value: unknown): boolean {
  return (
    value !== null &&
    typeof value === "object" &&
    !Array.isArray(value) &&
    Object.keys(value as Record<string, unknown>).length === 0
  );
}

/** A bare scalar on one line (Python's json.dump without indent): used by yaml for --query scalars. */
export function formatJsonScalar(value: unknown): string {
  return `${value === undefined ? "null" : JSON.stringify(value)}\n`;
}

export function formatJson(value: unknown, chalk?: ChalkInstance): string {
  if (isEmptyResult(value)) return "";
  if (value === undefined) return "null\n";
  if (!chalk) return `${JSON.stringify(value, null, 4)}\n`;
  return `${colorJson(value, "", chalk)}\n`;
}

/**
 * JSON.stringify(value, null, 4) with subtle colour on keys and scalars. Written by hand because the
 * layout must stay identical to the uncoloured output; only ANSI codes are added around tokens.
 */
function colorJson(value: unknown, indent: string, chalk: ChalkInstance): string {
  if (value === null) return chalk.dim("null");
  if (typeof value === "string") return chalk.green(JSON.stringify(value));
  if (typeof value === "number") return chalk.yellow(JSON.stringify(value));
  if (typeof value === "boolean") return chalk.yellow(String(value));
  const inner = `${indent}    `;
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    return `[\n${value.map((item) => inner + colorJson(item, inner, chalk)).join(",\n")}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return "{}";
  const lines = entries.map(
    ([key, member]) => `${inner}${chalk.blue(JSON.stringify(key))}: ${colorJson(member, inner, chalk)}`,
  );
  return `{\n${lines.join(",\n")}\n${indent}}`;
}
