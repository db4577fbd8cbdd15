// One flag per input member, named and typed as the AWS CLI does (argprocess.py): the kind tells
// the command builder how commander should take the value.
import type { Operation, Shape } from "../../cognito/catalog.js";
import { toFlagName } from "../../cognito/names.js";
import { isScalar } from "./examples.js";

export type FlagKind = "string" | "number" | "boolean" | "string-list" | "complex" | "timestamp" | "blob";

export interface FlagSpec {
  /** "--user-pool-id" */
  flag: string;
  /** "UserPoolId" */
  member: string;
  shape: Shape;
  required: boolean;
  doc?: string;
  kind: FlagKind;
  /**
   * Takes several space-separated values (`--attributes-to-get email name`,
   * `--user-attributes Name=a,Value=b Name=c,Value=d`): every list-typed member.
   */
  variadic: boolean;
  /** The model marks the value sensitive (passwords, tokens, secrets): never echo or log it. */
  sensitive: boolean;
}

export function flagKind(shape: Shape): FlagKind {
  switch (shape.type) {
    case "string":
      return "string";
    case "integer":
    case "long":
    case "double":
    case "float":
      return "number";
    case "boolean":
      return "boolean";
    case "timestamp":
      return "timestamp";
    case "blob":
      return "blob";
    case "list":
      return isScalar(shape.member) ? "string-list" : "complex";
    default:
      return "complex";
  }
}

function containsSensitive(shape: Shape, depth = 0): boolean {
  if (shape.sensitive) return true;
  if (depth > 2) return false;
  if (shape.type === "list") return containsSensitive(shape.member, depth + 1);
  if (shape.type === "map") return containsSensitive(shape.value, depth + 1);
  return false;
}

const cache = new WeakMap<Operation, FlagSpec[]>();

export function flagsFor(op: Operation): FlagSpec[] {
  const cached = cache.get(op);
  if (cached) return cached;
  const specs = Object.entries(op.input.members).map(([member, m]): FlagSpec => {
    const spec: FlagSpec = {
      flag: toFlagName(member),
      member,
      shape: m.shape,
      required: op.input.required.includes(member),
      kind: flagKind(m.shape),
      variadic: m.shape.type === "list",
      sensitive: containsSensitive(m.shape),
    };
    if (m.doc) spec.doc = m.doc;
    return spec;
  });
  cache.set(op, specs);
  return specs;
}
