// --output text with the AWS CLI's semantics (awscli/text.py), byte for byte, because scripts
// parse it with cut/awk/read:
// - a dict prints its scalar values on one tab-separated line, keys sorted, prefixed by the
//   upper-cased key it sits under (no prefix at the top level); then each non-scalar member,
//   keys sorted, with its key as the new prefix;
// - the dicts of a list share the sorted union of their scalar keys ('' where one is missing);
// - a list of scalars prints `PREFIX\tvalue` per item under a key, or one tab-joined line when bare;
// - scalars are spelled as Python's str() (True, False, None, 1e-05);
// - empty lists and dicts print nothing.
import { pythonStr } from "./python-str.js";

type Dict = Record<string, unknown>;

export function formatText(value: unknown): string {
  const lines: string[] = [];
  writeValue(value, lines, undefined, undefined);
  return lines.map((line) => `${line}\n`).join("");
}

function isDict(value: unknown): value is Dict {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function isContainer(value: unknown): boolean {
  return value !== null && typeof value === "object";
}

/** Python sorts str keys by code point; JavaScript's default sort compares UTF-16 units. */
function byCodePoint(a: string, b: string): number {
  const left = [...a];
  const right = [...b];
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const diff = left[i].codePointAt(0)! - right[i].codePointAt(0)!;
    if (diff !== 0) return diff;
  }
  return left.length - right.length;
}

function writeValue(
  value: unknown,
  lines: string[],
  identifier: string | undefined,
  scalarKeys: string[] | undefined,
) {
  if (Array.isArray(value)) writeList(value, lines, identifier);
  else if (isDict(value)) writeDict(value, lines, identifier, scalarKeys);
  else lines.push(pythonStr(value));
}

function writeList(items: unknown[], lines: string[], identifier: string | undefined) {
  if (items.length === 0) return;
  if (items.some(isDict)) {
    const keys = sharedScalarKeys(items);
    for (const item of items) writeValue(item, lines, identifier, keys);
  } else if (items.some(Array.isArray)) {
    const scalars = items.filter((item) => !isContainer(item));
    if (scalars.length > 0) writeScalarList(scalars, lines, identifier);
    for (const item of items) if (isContainer(item)) writeValue(item, lines, identifier, undefined);
  } else {
    writeScalarList(items, lines, identifier);
  }
}

function writeScalarList(items: unknown[], lines: string[], identifier: string | undefined) {
  if (identifier === undefined) lines.push(items.map(pythonStr).join("\t"));
  else for (const item of items) lines.push(`${identifier.toUpperCase()}\t${pythonStr(item)}`);
}

function writeDict(
  dict: Dict,
  lines: string[],
  identifier: string | undefined,
  scalarKeys: string[] | undefined,
) {
  const scalars: string[] = [];
  const nested: Array<[string, unknown]> = [];
  if (scalarKeys === undefined) {
    for (const key of Object.keys(dict).sort(byCodePoint)) {
      if (isContainer(dict[key])) nested.push([key, dict[key]]);
      else scalars.push(pythonStr(dict[key]));
    }
  } else {
    // Inside a list: every shared scalar key gets a column, even when this dict lacks it or
    // (rarely) holds a container there, which Python then prints with str().
    for (const key of scalarKeys) scalars.push(Object.hasOwn(dict, key) ? pythonStr(dict[key]) : "");
    const shared = new Set(scalarKeys);
    for (const key of Object.keys(dict).sort(byCodePoint))
      if (!shared.has(key)) nested.push([key, dict[key]]);
  }
  if (scalars.length > 0) {
    if (identifier !== undefined) scalars.unshift(identifier.toUpperCase());
    lines.push(scalars.join("\t"));
  }
  for (const [key, member] of nested) writeValue(member, lines, key, undefined);
}

function sharedScalarKeys(items: unknown[]): string[] {
  const keys = new Set<string>();
  for (const item of items) {
    if (!isDict(item)) continue;
    for (const [key, member] of Object.entries(item)) if (!isContainer(member)) keys.add(key);
  }
  return [...keys].sort(byCodePoint);
}
