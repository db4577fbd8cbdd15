// --output table: a readable rendering for people at a terminal, shaped like the AWS CLI's table
// output (awscli/formatter.py TableFormatter):
// - the first box is titled with the operation name;
// - a structure's scalars are key/value rows, in the order of the result's keys: the SDK
//   deserializes members in model order, so that is the model's order (the AWS CLI sorts);
// - a list of structures is one box with a column per scalar key (the union of the items' keys, as
//   the AWS CLI takes it, in model order rather than sorted; '' where missing); when its items
//   have nested members, each item gets its own box followed by those members;
// - nested structures and lists become boxes titled with their key, indented under their parent;
//   a structure with no scalars of its own gets no box: its title prefixes its children's;
// - empty lists/structures are left out.
// No value is ever cut: in a pipe or a file boxes take their natural width; on a terminal only free
// text wraps (fit-columns.ts), and a box that still cannot fit turns into the AWS CLI's vertical
// key/value layout, one block per item; then a value too wide to sit beside its key gets a line of
// its own across the box. A value wider than the whole terminal is printed whole.
//
// The boxes are drawn here rather than by cli-table3: it lays out every cell through generic
// span/wrap machinery, about 0.9 s for 2,000 users (4,000 boxes), where these few lines of
// string joining take a few milliseconds; and fitting must follow rules of its own anyway.
import {
  addCell,
  addMemberCell,
  breakingFor,
  type ColumnNeed,
  cellWidth,
  displayWidth,
  emptyColumn,
  FREE_TEXT_MIN_WIDTH,
  fitColumns,
  wrapCell,
} from "./fit-columns.js";
import { type ChalkInstance, loadChalk } from "./lazy-modules.js";
import { pythonStr } from "./python-str.js";

export interface TableOptions {
  color: boolean;
  /** The width to fit (a terminal's); undefined in a pipe or file, where nothing is narrowed. */
  columns: number | undefined;
  /** The operation name, shown as the first box's title. */
  title?: string;
}

type Dict = Record<string, unknown>;

interface Section {
  depth: number;
  title?: string;
  /** Column names of a list of structures. */
  header?: string[];
  rows: string[][];
  /** Key/value rows: the first column holds keys. */
  keyed: boolean;
  /** The boxes of one list's items (one box each) share their column widths, as one table would. */
  family?: Family;
}

interface Family {
  /** Every item's row. */
  rows: string[][];
  /** The layout chosen for all of them (measured over every row once, not once per item). */
  plan?: Plan;
}

/** How a section is drawn: as rows under its header, or as the vertical layout; and the column widths. */
interface Plan {
  vertical: boolean;
  widths: number[];
  /** Rows whose value cannot sit beside its key take a line of their own (spanningLayout). */
  spanning?: boolean;
  /** The box's rules, drawn once for every box of a family. */
  rules?: Rules;
}

interface Rules {
  top: string;
  between: string;
  bottom: string;
  /** The top of a titled box and the rule under its title. */
  titleTop: string;
  underTitle: string;
  titleOnlyBottom: string;
}

const INDENT = 2;

export function formatTable(value: unknown, opts: TableOptions): string {
  const sections: Section[] = [];
  collect(value, opts.title, 0, sections);
  if (sections.length === 0) return "";
  const style = opts.color ? loadChalk() : undefined;
  // Every box's lines go into one list, joined once: 2,000 users make some 40,000 lines.
  const lines: string[] = [];
  for (const section of sections) renderSection(section, opts.columns, style, lines);
  return `${lines.join("\n")}\n`;
}

function isDict(value: unknown): value is Dict {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function isScalar(value: unknown): boolean {
  return value === null || typeof value !== "object";
}

function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (Array.isArray(value)) return value.length === 0;
  return isDict(value) && Object.keys(value).length === 0;
}

function collect(value: unknown, title: string | undefined, depth: number, out: Section[]): void {
  if (isEmpty(value)) return;
  if (Array.isArray(value)) {
    if (value.some(isDict)) collectListOfDicts(value, title, depth, out);
    else collectList(value, title, depth, out);
  } else if (isDict(value)) {
    collectDict(value, title, depth, out);
  } else {
    out.push({ depth, title, rows: [[pythonStr(value)]], keyed: false });
  }
}

function collectDict(dict: Dict, title: string | undefined, depth: number, out: Section[]): void {
  const keys = Object.keys(dict);
  const scalarKeys = keys.filter((key) => isScalar(dict[key]));
  const nestedKeys = keys.filter((key) => !isScalar(dict[key]) && !isEmpty(dict[key]));
  if (scalarKeys.length === 0) {
    // Nothing of its own to show: rather than an empty box, carry the title into the children's
    // ("ListUsers › Users"), so the operation name still heads the output.
    for (const key of nestedKeys)
      collect(dict[key], title === undefined ? key : `${title} › ${key}`, depth, out);
    return;
  }
  out.push({ depth, title, rows: scalarKeys.map((key) => [key, pythonStr(dict[key])]), keyed: true });
  for (const key of nestedKeys) collect(dict[key], key, depth + 1, out);
}

function collectListOfDicts(
  items: unknown[],
  title: string | undefined,
  depth: number,
  out: Section[],
): void {
  const dicts = items.filter(isDict);
  const columns = unionOfKeys(dicts, (member) => isScalar(member));
  const nestedKeys = unionOfKeys(dicts, (member) => !isScalar(member) && !isEmpty(member));
  const row = (item: Dict) => columns.map((key) => (Object.hasOwn(item, key) ? pythonStr(item[key]) : ""));
  const others = items.filter((item) => !isDict(item));
  if (nestedKeys.length === 0) {
    out.push({ depth, title, header: columns, rows: dicts.map(row), keyed: false });
  } else {
    // Items with nested members: one box per item, so each item's sub-boxes sit right under it.
    const family: Family = { rows: dicts.map(row) };
    for (const [index, item] of dicts.entries()) {
      const rows = columns.length > 0 ? [family.rows[index]] : [];
      out.push({ depth, title, header: columns, rows, keyed: false, family });
      for (const key of nestedKeys) collect(item[key], key, depth + 1, out);
    }
  }
  if (others.length > 0) collectList(others, undefined, depth, out);
}

/**
 * The keys of all items (those whose values pass `keep`) in the items' own order: a key first seen
 * in a later item goes right after the key it follows there, so items that each miss different
 * optional members still give the model's order.
 */
function unionOfKeys(dicts: Dict[], keep: (member: unknown) => boolean): string[] {
  const order: string[] = [];
  const seen = new Set<string>();
  for (const dict of dicts) {
    let after = -1;
    for (const key of Object.keys(dict)) {
      if (!keep(dict[key])) continue;
      if (seen.has(key)) {
        after = order.indexOf(key);
        continue;
      }
      seen.add(key);
      order.splice(after + 1, 0, key);
      after += 1;
    }
  }
  return order;
}

function collectList(items: unknown[], title: string | undefined, depth: number, out: Section[]): void {
  const rows: string[][] = [];
  const nested: unknown[] = [];
  for (const item of items) {
    if (isScalar(item)) rows.push([pythonStr(item)]);
    else if (Array.isArray(item) && item.every(isScalar)) rows.push(item.map(pythonStr));
    else nested.push(item);
  }
  if (rows.length > 0 || title !== undefined) out.push({ depth, title, rows, keyed: false });
  for (const item of nested) collect(item, undefined, depth + 1, out);
}

/** A box as drawn: an optional title and header row, then groups of rows with a rule between groups. */
interface Box {
  title?: string;
  header?: string[];
  groups: string[][][];
  /** The first cell of each row is a member name: styled as a label, and it names the value beside it. */
  keyed: boolean;
}

function renderSection(
  section: Section,
  width: number | undefined,
  chalk: ChalkInstance | undefined,
  lines: string[],
): void {
  const indent = section.depth * INDENT;
  const header = section.header && section.header.length > 0 ? section.header : undefined;
  const boxOf = (rows: string[][], vertical: boolean): Box =>
    vertical
      ? // The AWS CLI's vertical layout: each item becomes key/value rows of its own.
        {
          title: section.title,
          groups: rows.map((row) => header?.map((name, i) => [name, row[i] ?? ""]) ?? []),
          keyed: true,
        }
      : { title: section.title, header, groups: [rows], keyed: section.keyed };
  const plan = section.family?.plan ?? choosePlan(section.family?.rows ?? section.rows);
  if (section.family) section.family.plan = plan;
  draw(boxOf(section.rows, plan.vertical), plan, " ".repeat(indent), chalk, lines);

  function choosePlan(rows: string[][]): Plan {
    const available = width === undefined ? undefined : width - indent;
    const canTurn = header !== undefined && rows.length > 0;
    const flat = boxOf(rows, false);
    const values = measure(flat, false);
    const flatNeeds = header ? values.map((need, i) => withCell(need, header[i] ?? "")) : values;
    // Turned vertical, the keys are the header's names and every value shares one column, each
    // still judged by its member's name: so the needs follow from the same measurement.
    const turnedNeeds = (): ColumnNeed[] => [
      (header ?? []).reduce(withCell, emptyColumn()),
      values.reduce((all, need) => ({
        natural: Math.max(all.natural, need.natural),
        min: Math.max(all.min, need.min),
      })),
    ];
    const tryLayout = (vertical: boolean, needs: ColumnNeed[], minimum = false): Plan | undefined => {
      const widths = fitBox(boxOf([], vertical), needs, available, minimum);
      return widths && { vertical, widths };
    };
    const lastNeeds = canTurn ? turnedNeeds() : flatNeeds;
    return (
      tryLayout(false, flatNeeds) ??
      (canTurn ? tryLayout(true, lastNeeds) : undefined) ??
      (flat.keyed || canTurn ? spanningLayout(lastNeeds, available, canTurn) : undefined) ??
      // Nothing narrower exists: a value wider than the terminal is printed whole, never cut.
      (tryLayout(canTurn, lastNeeds, true) as Plan)
    );
  }
}

const withCell = (need: ColumnNeed, name: string): ColumnNeed => {
  const widened = { ...need };
  addCell(widened, name, "whole");
  return widened;
};

/**
 * The last layout that still fits, for key/value boxes: a value too wide to sit beside its key
 * (an ARN at 80 columns) takes lines of its own across the whole box, under its key (see draw).
 * Undefined when even that cannot fit.
 */
function spanningLayout(
  needs: ColumnNeed[],
  available: number | undefined,
  vertical: boolean,
): Plan | undefined {
  if (available === undefined || needs.length !== 2) return undefined;
  const budget = available - frame(2);
  const valueWidth = budget - needs[0].natural;
  const spanned = budget + 3;
  if (valueWidth < FREE_TEXT_MIN_WIDTH || needs[1].min > spanned) return undefined;
  return { vertical, widths: [needs[0].natural, valueWidth], spanning: true };
}

/** Left and right border plus one space of padding on each side of every cell. */
const frame = (columnCount: number) => 3 * columnCount + 1;

/**
 * What each column of the box needs: its natural width, and the least it can take without cutting;
 * with or without the header's names (the values' needs alone serve the vertical layout too).
 */
function measure(box: Box, withHeader = true): ColumnNeed[] {
  let count = Math.max(1, box.header?.length ?? 0);
  for (const group of box.groups) for (const row of group) count = Math.max(count, row.length);
  const needs: ColumnNeed[] = [];
  for (let i = 0; i < count; i++) needs.push(emptyColumn());
  if (withHeader && box.header)
    for (let i = 0; i < box.header.length; i++) addCell(needs[i], box.header[i], "whole");
  for (const group of box.groups) {
    for (const row of group) {
      for (let i = 0; i < count; i++) {
        const text = row[i] ?? "";
        if (box.keyed && i === 0) addCell(needs[i], text, "whole");
        else addMemberCell(needs[i], box.keyed ? row[0] : box.header?.[i], text);
      }
    }
  }
  return needs;
}

/**
 * Text widths of the box's columns within `available` (undefined: natural widths), or undefined
 * when they cannot fit; `minimum` asks for the narrowest widths whatever the width.
 */
function fitBox(
  box: Box,
  needs: ColumnNeed[],
  available: number | undefined,
  minimum = false,
): number[] | undefined {
  const count = needs.length;
  const budget = available === undefined ? undefined : available - frame(count);
  const widths = minimum ? needs.map((need) => need.min) : fitColumns(needs, budget);
  if (widths === undefined || box.title === undefined) return widths;
  // The title spans every column (and the borders between them): widen the last column for it as
  // far as the width allows; a title longer still wraps.
  const spanned = widths.reduce((a, b) => a + b, 0) + 3 * (count - 1);
  const room = budget === undefined ? Number.POSITIVE_INFINITY : budget + 3 * (count - 1) - spanned;
  widths[count - 1] += Math.max(0, Math.min(displayWidth(box.title) - spanned, room));
  return widths;
}

function rulesFor(widths: number[], indent: string): Rules {
  const bars = widths.map((w) => "─".repeat(w + 2));
  const rule = (left: string, middle: string, right: string) => indent + left + bars.join(middle) + right;
  const across = "─".repeat(widths.reduce((a, b) => a + b, 0) + 3 * (widths.length - 1) + 2);
  return {
    top: rule("┌", "┬", "┐"),
    between: rule("├", "┼", "┤"),
    bottom: rule("└", "┴", "┘"),
    titleTop: `${indent}┌${across}┐`,
    underTitle: rule("├", "┬", "┤"),
    titleOnlyBottom: `${indent}└${across}┘`,
  };
}

function draw(box: Box, plan: Plan, indent: string, chalk: ChalkInstance | undefined, lines: string[]): void {
  const { widths } = plan;
  plan.rules ??= rulesFor(widths, indent);
  const rules = plan.rules;
  const inner = widths.reduce((a, b) => a + b, 0) + 3 * (widths.length - 1);
  const hasBody = box.header !== undefined || box.groups.some((group) => group.length > 0);
  const label = chalk ? (text: string) => chalk.cyan(text) : undefined;
  const pushRow = (cells: string[], center: boolean, styled: "all" | "first" | "none") => {
    const style = (i: number) => (styled === "all" || (styled === "first" && i === 0) ? label : undefined);
    // Parts joined once: a flat string per line, where `+=` would keep a tree of pieces alive
    // (and copied by every garbage collection) until the whole table is joined.
    const parts = [indent, "│"];
    let height = 1;
    for (let i = 0; i < widths.length; i++) {
      const text = cells[i] ?? "";
      const textWidth = text.includes("\n") ? Number.POSITIVE_INFINITY : displayWidth(text);
      if (textWidth > widths[i]) height = Math.max(height, wrapCell(text, widths[i]).length);
      else parts.push(" ", align(text, widths[i], center, style(i), textWidth), " │");
    }
    if (height === 1) {
      lines.push(parts.join(""));
      return;
    }
    // A wrapped cell: the row takes as many lines as its tallest cell.
    const cellLines = widths.map((w, i) => wrapCell(cells[i] ?? "", w));
    for (let k = 0; k < height; k++) {
      const parts = widths.map((w, i) => ` ${align(cellLines[i][k] ?? "", w, center, style(i))} `);
      lines.push(`${indent}│${parts.join("│")}│`);
    }
  };
  if (box.title !== undefined) {
    lines.push(rules.titleTop);
    const bold = chalk ? (text: string) => chalk.bold(text) : undefined;
    for (const line of wrapCell(box.title, inner))
      lines.push(`${indent}│ ${align(line, inner, true, bold)} │`);
    lines.push(hasBody ? rules.underTitle : rules.titleOnlyBottom);
  } else {
    lines.push(rules.top);
  }
  if (box.header) {
    pushRow(box.header, true, "all");
    lines.push(rules.between);
  }
  const spans = (row: string[]) => {
    if (!plan.spanning || cellWidth(row[1] ?? "") <= widths[1]) return false;
    const value = emptyColumn();
    addCell(value, row[1] ?? "", breakingFor(row[0], row[1] ?? ""));
    return value.min > widths[1];
  };
  box.groups.forEach((group, index) => {
    if (index > 0) lines.push(rules.between);
    for (const row of group) {
      if (!spans(row)) {
        pushRow(row, false, box.keyed ? "first" : "none");
        continue;
      }
      // Its key on a row of its own, then the value across the box (spanningLayout).
      pushRow([row[0], ""], false, "first");
      for (const line of wrapCell(row[1], inner)) lines.push(`${indent}│ ${align(line, inner, false)} │`);
    }
  });
  if (hasBody) lines.push(rules.bottom);
}

const SPACES: string[] = [];
const spaces = (n: number) => {
  SPACES[n] ??= " ".repeat(n);
  return SPACES[n];
};

/** Pads a line to `width` display columns, left-aligned or centred, styling only the text itself. */
function align(
  text: string,
  width: number,
  center: boolean,
  style?: (text: string) => string,
  textWidth = displayWidth(text),
): string {
  const space = Math.max(0, width - textWidth);
  const left = center ? Math.floor(space / 2) : 0;
  const styled = style && text !== "" ? style(text) : text;
  return left === 0 && space === 0 ? styled : spaces(left) + styled + spaces(space - left);
}
