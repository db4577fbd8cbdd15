// Example values generated from a shape: the shorthand and JSON syntax shown in help and in error
// messages ("how to fix"), and the placeholder values of --generate-cli-skeleton.
import type { Shape } from "../../cognito/catalog.js";

const MAX_DEPTH = 8;

function scalarName(shape: Shape): string {
  if (shape.type === "string" && shape.enum) return shape.enum.join("|");
  return shape.type === "long" ? "long" : shape.type;
}

/** Shorthand for a value of this shape: Name=string,Value=string / string,string / {A=string}. */
export function shorthandValue(shape: Shape, depth = 0): string {
  if (depth > MAX_DEPTH) return "...";
  switch (shape.type) {
    case "structure":
      return Object.entries(shape.members)
        .map(([k, m]) => `${k}=${shorthandNested(m.shape, depth + 1)}`)
        .join(",");
    case "map":
      return `KeyName1=${shorthandNested(shape.value, depth + 1)},KeyName2=${shorthandNested(shape.value, depth + 1)}`;
    case "list":
      return isScalar(shape.member)
        ? `${scalarName(shape.member)},${scalarName(shape.member)}`
        : `${shorthandNested(shape.member, depth + 1)} ${shorthandNested(shape.member, depth + 1)}`;
    case "document":
      return "{...}";
    default:
      return scalarName(shape);
  }
}

/** A value nested inside shorthand: structures and maps in braces, lists in brackets. */
function shorthandNested(shape: Shape, depth: number): string {
  if (depth > MAX_DEPTH) return "...";
  switch (shape.type) {
    case "structure":
    case "map":
      return `{${shorthandValue(shape, depth)}}`;
    case "list":
      return isScalar(shape.member)
        ? `${scalarName(shape.member)},${scalarName(shape.member)}`
        : `[${shorthandNested(shape.member, depth + 1)},${shorthandNested(shape.member, depth + 1)}]`;
    default:
      return shorthandValue(shape, depth);
  }
}

export function isScalar(shape: Shape): boolean {
  return (
    shape.type !== "structure" && shape.type !== "map" && shape.type !== "list" && shape.type !== "document"
  );
}

/** Whether the AWS CLI accepts shorthand for this flag (structures, maps, lists of those). */
export function acceptsShorthand(shape: Shape): boolean {
  if (shape.type === "structure" || shape.type === "map") return true;
  return shape.type === "list" && (shape.member.type === "structure" || shape.member.type === "map");
}

/** Shorthand as typed after the flag (a list of structures is several space-separated values). */
export function shorthandExample(shape: Shape): string {
  if (shape.type === "list" && !isScalar(shape.member)) {
    const one = shorthandValue(shape.member);
    return `${one} ${one}`;
  }
  return shorthandValue(shape);
}

export type PlaceholderStyle = "help" | "skeleton";

/**
 * A sample value: "help" shows type names ("string", 0), "skeleton" the AWS CLI's input
 * placeholders ("" strings, 0 numbers, true booleans, "A|B" enums, epoch-zero timestamps).
 */
export function sampleValue(shape: Shape, style: PlaceholderStyle, depth = 0): unknown {
  if (depth > MAX_DEPTH) return {};
  switch (shape.type) {
    case "structure": {
      const out: Record<string, unknown> = {};
      for (const [k, m] of Object.entries(shape.members)) out[k] = sampleValue(m.shape, style, depth + 1);
      return out;
    }
    case "list":
      return [sampleValue(shape.member, style, depth + 1)];
    case "map":
      return { KeyName: sampleValue(shape.value, style, depth + 1) };
    case "string":
      if (shape.enum) return shape.enum.join("|");
      return style === "help" ? "string" : "";
    case "integer":
    case "long":
    case "double":
    case "float":
      return 0;
    case "boolean":
      return true;
    case "timestamp":
      return style === "help" ? "timestamp" : "1970-01-01T00:00:00";
    case "blob":
      return style === "help" ? "blob" : "";
    case "document":
      return {};
  }
}

/** JSON syntax for the flag, indented for help or compact for an error message. */
export function jsonExample(shape: Shape, indent = 2): string {
  return JSON.stringify(sampleValue(shape, "help"), null, indent);
}
