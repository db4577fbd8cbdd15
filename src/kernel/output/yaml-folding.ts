// Strings in `--output yaml` written exactly as AWS CLI v2's emitter (ruamel.yaml / libyaml, which
// share PyYAML's algorithm) writes them, so the output stays byte-compatible for scripts and diffs.
// The `yaml` package differs in two ways it has no options for: it folds long lines before they
// pass 80 columns (the CLI breaks at the first single space after column 80), and it picks
// single or double quotes by its own rules. So the package renders the document with folding off
// and with placeholders for the strings that could differ (spaces, line breaks, characters that
// need escapes); it still decides whether a string may be plain (implicit types, indicators), and
// this module writes those strings back with PyYAML's quoting choice and folding.
// Keys are left to the package (Cognito's keys are short names).

import type * as YamlModule from "yaml";
import type { ToStringOptions } from "yaml";

/** The emitter's best_width. */
const WIDTH = 80;
const OPEN = "\uE000";
const CLOSE = "\uE001";
const PLACEHOLDER = /\uE000(\d+)\uE001/g;

export function stringifyFoldedLikeAwsCli(
  yaml: typeof YamlModule,
  value: unknown,
  options: ToStringOptions & YamlModule.DocumentOptions & YamlModule.SchemaOptions,
): string {
  const unfolded = { ...options, lineWidth: 0 };
  // Private-use characters mark the placeholders; data that already holds them is rendered as is.
  if (JSON.stringify(value).includes(OPEN)) return yaml.stringify(value, unfolded);

  const strings: string[] = [];
  const withPlaceholders = replaceFoldable(value, strings);
  const rendered = yaml.stringify(withPlaceholders, unfolded);
  const plainByPackage = packageAllowsPlain(yaml, strings, unfolded);
  const styles = strings.map((text, i) => styleOf(text, plainByPackage[i]));

  return rendered
    .split("\n")
    .map((line) =>
      line.replace(PLACEHOLDER, (_match, index: string, offset: number) => {
        const text = strings[Number(index)];
        const style = styles[Number(index)];
        const column = [...line.slice(0, offset)].length;
        const indent = continuationIndent(line.slice(0, offset));
        if (style === "plain") return foldPlain(text, column, indent);
        if (style === "single") return foldSingleQuoted(text, column, indent);
        return foldDoubleQuoted(text, column, indent);
      }),
    )
    .join("\n");
}

/** Strings whose rendering may differ from the package's: spaces, breaks, quotes or escapes. */
function isFoldable(text: string): boolean {
  return /[ '\n\u0085\u2028\u2029]/.test(text) || [...text].some(isSpecial);
}

/** Outside PyYAML's printable set (with allow_unicode), so only writable double-quoted and escaped. */
function isSpecial(ch: string): boolean {
  const code = ch.codePointAt(0)!;
  if (ch === "\n" || (code >= 0x20 && code <= 0x7e)) return false;
  const printable =
    code === 0x85 ||
    (code >= 0xa0 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff);
  return !printable || code === 0xfeff;
}

function replaceFoldable(value: unknown, strings: string[]): unknown {
  if (typeof value === "string") {
    if (!isFoldable(value)) return value;
    strings.push(value);
    return `${OPEN}${strings.length - 1}${CLOSE}`;
  }
  if (Array.isArray(value)) return value.map((item) => replaceFoldable(item, strings));
  if (value !== null && typeof value === "object") {
    // fromEntries keeps a `__proto__` key a key (assignment would set the prototype).
    return Object.fromEntries(
      Object.entries(value).map(([key, member]) => [key, replaceFoldable(member, strings)]),
    );
  }
  return value;
}

type Style = "plain" | "single" | "double";

/**
 * PyYAML's choose_scalar_style for a mapping value. Whether plain is possible at all (implicit
 * types such as "123" or "true", indicators such as ": " or a leading "-") is the package's call;
 * PyYAML also refuses plain for special characters, line breaks and leading or trailing spaces,
 * and refuses single quotes for special characters and for a space next to a line break.
 */
function styleOf(text: string, plainByPackage: boolean): Style {
  const chars = [...text];
  const special = chars.some(isSpecial);
  let spaceNextToBreak = false;
  for (let i = 1; i < chars.length; i++) {
    const pair = [chars[i - 1], chars[i]];
    if (pair.includes(" ") && pair.some((ch) => BREAKS.includes(ch))) spaceNextToBreak = true;
  }
  const plainAllowed =
    plainByPackage &&
    !special &&
    !chars.some((ch) => BREAKS.includes(ch)) &&
    chars[0] !== " " &&
    chars[chars.length - 1] !== " ";
  if (plainAllowed) return "plain";
  if (!special && !spaceNextToBreak) return "single";
  return "double";
}

/**
 * Whether the package writes each string plain, asked in one call (one call per string is slow
 * for thousands of users): as items of one block sequence, where every item starts a line with
 * "- " and continuation lines of quoted strings are indented or empty.
 */
function packageAllowsPlain(yaml: typeof YamlModule, strings: string[], options: ToStringOptions): boolean[] {
  if (strings.length === 0) return [];
  const items = yaml
    .stringify(strings, options)
    .split("\n")
    .filter((line) => line.startsWith("- "));
  if (items.length !== strings.length) {
    // Not expected; stay correct by asking string by string.
    return strings.map((text) => {
      const rendered = yaml.stringify({ k: text }, options).slice("k: ".length);
      return !rendered.startsWith("'") && !rendered.startsWith('"');
    });
  }
  return items.map((line) => !line.startsWith("- '") && !line.startsWith('- "'));
}

/**
 * The emitter indents continuation lines two columns past the start of the node holding the
 * string: the key of a mapping value, or the dash of a sequence item.
 */
function continuationIndent(prefix: string): number {
  const chars = [...prefix];
  let column = 0;
  while (chars[column] === " ") column++;
  let lastDash = -1;
  while (chars[column] === "-" && chars[column + 1] === " ") {
    lastDash = column;
    column += 2;
  }
  const isSequenceItem = column === chars.length;
  return (isSequenceItem ? lastDash : column) + 2;
}

const BREAKS = "\n\u0085\u2028\u2029";

/** PyYAML's write_plain: a single space is replaced by a line break once the column is past 80. */
function foldPlain(text: string, startColumn: number, indent: number): string {
  const chars = [...text];
  let out = "";
  let column = startColumn;
  let start = 0;
  let spaces = false;
  for (let end = 0; end <= chars.length; end++) {
    const ch = chars[end];
    if (spaces) {
      if (ch !== " ") {
        if (start + 1 === end && column > WIDTH) {
          out += `\n${" ".repeat(indent)}`;
          column = indent;
        } else {
          out += chars.slice(start, end).join("");
          column += end - start;
        }
        start = end;
      }
    } else if (ch === undefined || ch === " ") {
      out += chars.slice(start, end).join("");
      column += end - start;
      start = end;
    }
    spaces = ch === " ";
  }
  return out;
}

/**
 * PyYAML's write_single_quoted: quotes doubled, a line break written as an empty line, and single
 * spaces (not the first or last character) replaced by a break once the column is past 80.
 */
function foldSingleQuoted(text: string, startColumn: number, indent: number): string {
  const chars = [...text];
  let out = "'";
  let column = startColumn + 1;
  let start = 0;
  let spaces = false;
  let breaks = false;
  const newLine = () => {
    out += `\n${" ".repeat(indent)}`;
    column = indent;
  };
  for (let end = 0; end <= chars.length; end++) {
    const ch = chars[end];
    if (spaces) {
      if (ch !== " ") {
        if (start + 1 === end && column > WIDTH && start !== 0 && end !== chars.length) {
          newLine();
        } else {
          out += chars.slice(start, end).join("");
          column += end - start;
        }
        start = end;
      }
    } else if (breaks) {
      if (ch === undefined || !BREAKS.includes(ch)) {
        // One break more than the text holds: a single line break reads back as a space otherwise.
        if (chars[start] === "\n") out += "\n";
        for (const br of chars.slice(start, end)) out += br === "\n" ? "\n" : br;
        out += " ".repeat(indent);
        column = indent;
        start = end;
      }
    } else if (ch === undefined || ch === " " || ch === "'" || BREAKS.includes(ch)) {
      if (start < end) {
        out += chars.slice(start, end).join("");
        column += end - start;
        start = end;
      }
    }
    if (ch === "'") {
      out += "''";
      column += 2;
      start = end + 1;
    }
    if (ch !== undefined) {
      spaces = ch === " ";
      breaks = BREAKS.includes(ch);
    }
  }
  return `${out}'`;
}

const ESCAPES: Record<string, string> = {
  "\0": "0",
  "\x07": "a",
  "\b": "b",
  "\t": "t",
  "\n": "n",
  "\v": "v",
  "\f": "f",
  "\r": "r",
  "\x1b": "e",
  '"': '"',
  "\\": "\\",
  "\u0085": "N",
  "\u00a0": "_",
  "\u2028": "L",
  "\u2029": "P",
};

/** Written as is inside double quotes (PyYAML: printable ASCII and BMP Unicode, minus a few). */
function isDoubleQuotedLiteral(ch: string): boolean {
  if ('"\\\u0085\u2028\u2029\ufeff'.includes(ch)) return false;
  const code = ch.codePointAt(0)!;
  return (
    (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd)
  );
}

function escapeForDoubleQuotes(ch: string): string {
  if (ESCAPES[ch] !== undefined) return `\\${ESCAPES[ch]}`;
  const code = ch.codePointAt(0)!;
  const hex = code.toString(16).toUpperCase();
  if (code <= 0xff) return `\\x${hex.padStart(2, "0")}`;
  if (code <= 0xffff) return `\\u${hex.padStart(4, "0")}`;
  return `\\U${hex.padStart(8, "0")}`;
}

/**
 * PyYAML's write_double_quoted: escapes, and a fold ("\\" at the end of the line, the next line
 * starting with "\\ " when it begins with a space) at a space or after an escape once the column
 * would pass 80.
 */
function foldDoubleQuoted(text: string, startColumn: number, indent: number): string {
  const chars = [...text];
  let out = '"';
  let column = startColumn + 1;
  let start = 0;
  for (let end = 0; end <= chars.length; end++) {
    const ch = chars[end];
    if (ch === undefined || !isDoubleQuotedLiteral(ch)) {
      if (start < end) {
        out += chars.slice(start, end).join("");
        column += end - start;
        start = end;
      }
      if (ch !== undefined) {
        const data = escapeForDoubleQuotes(ch);
        out += data;
        column += data.length;
        start = end + 1;
      }
    }
    if (end > 0 && end < chars.length - 1 && (ch === " " || start >= end) && column + (end - start) > WIDTH) {
      out += `${chars.slice(start, end).join("")}\\`;
      if (start < end) start = end;
      out += `\n${" ".repeat(indent)}`;
      column = indent;
      if (chars[start] === " ") {
        out += "\\";
        column += 1;
      }
    }
  }
  return `${out}"`;
}
