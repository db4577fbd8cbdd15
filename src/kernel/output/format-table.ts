// --output table: a readable rendering for people at a terminal, shaped like the AWS CLI's table
// output (awscli/formatter.py TableFormatter) but drawn with cli-table3:
// - the first box is titled with the operation name;
// - a structure's scalars are key/value rows, keys sorted;
// - a list of structures is one box with a column per scalar key (sorted union, '' where missing);
//   when its items have nested members, each item gets its own box followed by those members;
// - nested structures and lists become boxes titled with their key, indented under their parent;
//   a structure with no scalars of its own gets no box: its title prefixes its children's;
// - empty lists/structures are left out, and every box is narrowed to the terminal width, long
//   cells ending in "…".
import { type ChalkInstance, loadChalk, loadCliTable, loadCliTableStrlen } from "./lazy-modules.js";
import { pythonStr } from "./python-str.js";

export interface TableOptions {
  color: boolean;
  /** Terminal width in columns. */
  columns: number;
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
}

const INDENT = 2;
/** cli-table3 widths include one space of padding each side; 3 leaves room for "…". */
const MIN_COLUMN_WIDTH = 3;

export function formatTable(value: unknown, opts: TableOptions): string {
  const sections: Section[] = [];
  collect(value, opts.title, 0, sections);
  if (sections.length === 0) return "";
  const style = opts.color ? loadChalk() : undefined;
  return `${sections.map((section) => renderSection(section, opts.columns, style)).join("\n")}\n`;
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
  const keys = Object.keys(dict).sort();
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
  const header = new Set<string>();
  const nested = new Set<string>();
  for (const item of items) {
    if (!isDict(item)) continue;
    for (const [key, member] of Object.entries(item)) {
      if (isScalar(member)) header.add(key);
      else if (!isEmpty(member)) nested.add(key);
    }
  }
  const columns = [...header].sort();
  const nestedKeys = [...nested].sort();
  const row = (item: Dict) => columns.map((key) => (Object.hasOwn(item, key) ? pythonStr(item[key]) : ""));
  const dicts = items.filter(isDict);
  const others = items.filter((item) => !isDict(item));
  if (nestedKeys.length === 0) {
    out.push({ depth, title, header: columns, rows: dicts.map(row), keyed: false });
  } else {
    // Items with nested members: one box per item, so each item's sub-boxes sit right under it.
    for (const item of dicts) {
      out.push({ depth, title, header: columns, rows: columns.length > 0 ? [row(item)] : [], keyed: false });
      for (const key of nestedKeys) collect(item[key], key, depth + 1, out);
    }
  }
  if (others.length > 0) collectList(others, undefined, depth, out);
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

function renderSection(section: Section, terminalColumns: number, chalk: ChalkInstance | undefined): string {
  const Table = loadCliTable();
  const strlen = loadCliTableStrlen();
  const columnCount = Math.max(1, section.header?.length ?? 0, ...section.rows.map((row) => row.length));
  const bodyRows: string[][] = [...(section.header ? [section.header] : []), ...section.rows].map((row) =>
    Array.from({ length: columnCount }, (_, i) => row[i] ?? ""),
  );

  const widths = Array.from({ length: columnCount }, (_, i) =>
    Math.max(MIN_COLUMN_WIDTH, ...bodyRows.map((row) => strlen(row[i]) + 2)),
  );
  if (section.title !== undefined) {
    // The title spans every column (and the borders between them): widen the last column if needed.
    const spanned = widths.reduce((a, b) => a + b, 0) + columnCount - 1;
    widths[columnCount - 1] += Math.max(0, strlen(section.title) + 2 - spanned);
  }
  const indent = section.depth * INDENT;
  fitToWidth(widths, terminalColumns - indent);

  const table = new Table({
    colWidths: widths,
    truncate: "…",
    wordWrap: false,
    style: { head: [], border: [] },
  });
  if (section.title !== undefined) {
    const title = chalk ? chalk.bold(section.title) : section.title;
    table.push([{ content: title, colSpan: columnCount, hAlign: "center" }]);
  }
  const label = (text: string) => (chalk ? chalk.cyan(text) : text);
  const firstDataRow = section.header ? 1 : 0;
  bodyRows.forEach((row, index) => {
    if (index < firstDataRow) {
      table.push(row.map((cell) => ({ content: label(cell), hAlign: "center" as const })));
      return;
    }
    const cells = section.keyed ? [label(row[0]), ...row.slice(1)] : row;
    // Rules only under the title and the header, as the AWS CLI draws them: cli-table3 draws one
    // above every row, so later rows blank theirs out and the empty lines are dropped below.
    const chars = index > firstDataRow ? NO_RULE : undefined;
    table.push(cells.map((content) => ({ content, chars })));
  });
  const pad = " ".repeat(indent);
  return table
    .toString()
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => pad + line)
    .join("\n");
}

const NO_RULE = { mid: "", "left-mid": "", "mid-mid": "", "right-mid": "" };

/** Narrows the widest columns one step at a time until the box (cells + borders) fits the terminal. */
function fitToWidth(widths: number[], available: number): void {
  const borders = widths.length + 1;
  let total = widths.reduce((a, b) => a + b, 0) + borders;
  while (total > available) {
    let widest = 0;
    for (let i = 1; i < widths.length; i++) if (widths[i] > widths[widest]) widest = i;
    if (widths[widest] <= MIN_COLUMN_WIDTH) return;
    widths[widest]--;
    total--;
  }
}
