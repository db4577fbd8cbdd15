// Tables for task commands, in the manner of gh's internal/tableprinter: explicit columns; on a
// terminal a header row and columns two spaces apart, fitted to the width by the one width rule of
// src/kernel/output/fit-columns.ts (free text wraps inside its cell, identifiers are never cut nor
// wrapped), times relative ("3 days ago"); in a pipe or file tab-separated lines, no header,
// nothing fitted, times in ISO 8601, no colour. Not the AWS-style `--output table`
// (src/kernel/output/format-table.ts): this one is for people at a terminal and for `cut -f` in pipes.
// cli-table3 lays the terminal tables out (borderless); see drawTable for its limit.

import type { IO } from "./io/io.js";
import {
  addCell,
  type Breaking,
  breakingFor,
  type ColumnNeed,
  cellWidth,
  displayWidth,
  FREE_TEXT_MIN_WIDTH,
  fitColumns,
  wrapCell,
} from "./output/fit-columns.js";
import { type ChalkInstance, loadChalk, loadCliTable3 } from "./output/lazy-modules.js";
import { formatTimestamp } from "./output/normalize.js";

/**
 * id: never cut (usernames, emails, statuses; one holding spaces, a pool name, may wrap between
 * its words); text: free text, wraps inside its cell; time: relative on a terminal, kept whole.
 */
export type ColumnKind = "id" | "text" | "time";
export type CellValue = string | number | boolean | Date | null | undefined;

export interface Column<Row> {
  header: string;
  value(row: Row): CellValue;
  kind?: ColumnKind;
  /**
   * On a terminal, the column may be left out when the table does not fit otherwise (a note on
   * stderr says so, and how to see it): e.g. users' generated UUID usernames, when the email beside
   * them names the user as well. Never left out in pipes or JSON.
   */
  optional?: boolean;
}

export interface TablePrinter<Row> {
  /** Adds a row: in a pipe written at the next flush(), on a terminal kept until render(). */
  add(row: Row): void;
  /** In a pipe, writes the rows added since the last flush (call it after each page). */
  flush(): void;
  /** On a terminal, prints the header and the buffered rows fitted to the width; in a pipe, flushes. */
  render(): void;
  /** Rows added so far. */
  readonly count: number;
}

/** Between columns on a terminal, as gh prints them. */
const GAP = 2;
/** In a pipe, rows are written at least this often even without flush(). */
const FLUSH_ROWS = 500;

/** The terminal width: COLUMNS when set (as gh and most CLIs honour it), else the stream's own. */
export function terminalWidth(io: IO): number {
  const fromEnv = Number.parseInt(io.env.COLUMNS ?? "", 10);
  return Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv : io.stdout.columns;
}

// Made on first use: building an Intl formatter loads ICU data, ~100 ms at start-up that every
// task command paid, while only a terminal ever shows a relative time.
let relative: Intl.RelativeTimeFormat | undefined;
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 86400],
  ["month", 30 * 86400],
  ["day", 86400],
  ["hour", 3600],
  ["minute", 60],
];

/** "3 days ago" / "in 2 hours": the largest unit that is at least one. */
export function relativeTime(when: Date, now: Date): string {
  const seconds = (when.getTime() - now.getTime()) / 1000;
  const abs = Math.abs(seconds);
  // Under a minute the exact seconds say nothing a person needs, and take table width.
  if (abs < 60) return "just now";
  for (const [unit, size] of UNITS) {
    if (abs >= size) {
      relative ??= new Intl.RelativeTimeFormat("en", { numeric: "always" });
      return relative.format(Math.trunc(seconds / size), unit);
    }
  }
  return "just now";
}

function toDate(value: CellValue): Date | undefined {
  if (value instanceof Date) return value;
  if (typeof value === "string" && /^\d{4}-\d\d-\d\dT/.test(value)) {
    const d = new Date(value);
    return Number.isNaN(d.getTime()) ? undefined : d;
  }
  if (typeof value === "number") return new Date(value * 1000);
  return undefined;
}

/** One cell as text; tabs and newlines would break both layouts, so they become spaces. */
function cellText(value: CellValue, kind: ColumnKind, tty: boolean, now: Date): string {
  if (value === null || value === undefined) return "";
  if (kind === "time") {
    const d = toDate(value);
    if (d) return tty ? relativeTime(d, now) : formatTimestamp(d);
  }
  const text = value instanceof Date ? formatTimestamp(value) : String(value);
  return text.replace(/[\t\r\n]+/g, " ");
}

/** How a cell of each kind may break (fit-columns.ts): ids only between words, times never. */
function breakingOf(kind: ColumnKind, text: string): Breaking {
  if (kind === "text") return "anywhere";
  if (kind === "time") return "whole";
  return breakingFor(undefined, text);
}

/**
 * A header is a label, not a value: rather than let a long one ("CUSTOM:TEAM" over a column of
 * "blue", "red") push the whole table into blocks, it may break after its punctuation.
 */
const headerParts = (header: string) => header.match(/[^:/_.-]+[:/_.-]*|[:/_.-]+/g) ?? [header];

/** The header's lines at `width`: its parts (headerParts) packed greedily, whole when it fits. */
function headerLines(header: string, width: number): string[] {
  if (displayWidth(header) <= width) return [header];
  const lines: string[] = [];
  for (const part of headerParts(header)) {
    const last = lines.length - 1;
    if (last >= 0 && displayWidth(lines[last] + part) <= width) lines[last] += part;
    else lines.push(part);
  }
  return lines;
}

/**
 * Tables of up to this many rows are laid out by cli-table3; longer ones by drawRows, which gives
 * the same text. cli-table3's cost grows with the square of the row count (filling in missing
 * cells compares every cell with all the rows above it) and each cell costs some 50 µs besides
 * (string-width compiles its ANSI pattern on every measurement, options are merged per cell):
 * 2,000 rows of `users list`'s 5 columns took 0.9 to 1.2 s of CPU in a warm process (still 0.5 s
 * in chunks of 10 rows), where the budget for a listing is 0.25 s; 200 rows take about 45 ms. The
 * whole printer renders 2,000 rows in about 55 ms warm, 70 ms cold (bench/table-render.mjs).
 */
export const CLI_TABLE3_MAX_ROWS = 200;

/** cli-table3 without any border: columns separated by the right padding alone. */
const BORDERLESS = Object.fromEntries(
  [
    "top",
    "top-mid",
    "top-left",
    "top-right",
    "bottom",
    "bottom-mid",
    "bottom-left",
    "bottom-right",
    "left",
    "left-mid",
    "mid",
    "mid-mid",
    "right",
    "right-mid",
    "middle",
  ].map((name) => [name, ""]),
);

/**
 * The lines of a table whose cells are already fitted to `widths` (a cell's lines joined by "\n",
 * none wider than its column): each column padded to its width plus the gap, lines trimmed at
 * the end. `engine` chooses who lays it out; by default cli-table3 up to CLI_TABLE3_MAX_ROWS.
 */
export function drawTable(
  rows: string[][],
  widths: number[],
  engine: "cli-table3" | "direct" = rows.length <= CLI_TABLE3_MAX_ROWS ? "cli-table3" : "direct",
): string {
  if (rows.length === 0) return "";
  if (engine === "direct") return drawRows(rows, widths);
  const Table = loadCliTable3();
  const table = new Table({
    chars: BORDERLESS,
    colWidths: widths.map((w) => w + GAP),
    style: { "padding-left": 0, "padding-right": GAP, head: [], border: [], compact: true },
  });
  table.push(...rows);
  return `${table
    .toString()
    .split("\n")
    .map((line) => line.trimEnd())
    .join("\n")}\n`;
}

/** cli-table3's borderless layout, written out for tables too long for it (CLI_TABLE3_MAX_ROWS). */
function drawRows(rows: string[][], widths: number[]): string {
  const out: string[] = [];
  const pad = (text: string, width: number) => text + " ".repeat(Math.max(0, width - displayWidth(text)));
  for (const row of rows) {
    const cells = row.map((cell) => cell.split("\n"));
    const height = Math.max(...cells.map((lines) => lines.length));
    for (let k = 0; k < height; k++)
      out.push(
        cells
          .map((lines, i) => pad(lines[k] ?? "", widths[i] + GAP))
          .join("")
          .trimEnd(),
      );
  }
  return `${out.join("\n")}\n`;
}

export function createTablePrinter<Row>(
  io: IO,
  columns: Column<Row>[],
  opts: { now?: Date } = {},
): TablePrinter<Row> {
  const tty = io.stdout.isTTY;
  const now = opts.now ?? new Date();
  const kinds = columns.map((c) => c.kind ?? "id");
  const buffered: string[][] = [];
  // One write per page instead of one per row: per-row writes to a pipe cost more than the rest.
  let pending = "";
  let pendingRows = 0;
  let count = 0;
  const cells = (row: Row) => columns.map((c, i) => cellText(c.value(row), kinds[i], tty, now));
  return {
    get count() {
      return count;
    },
    add(row) {
      count++;
      if (tty) {
        buffered.push(cells(row));
        return;
      }
      pending += `${cells(row).join("\t")}\n`;
      if (++pendingRows >= FLUSH_ROWS) this.flush();
    },
    flush() {
      if (pending !== "") io.stdout.write(pending);
      pending = "";
      pendingRows = 0;
    },
    render() {
      if (!tty) {
        this.flush();
        return;
      }
      const available = terminalWidth(io);
      const needs: ColumnNeed[] = columns.map((c) => {
        const header = c.header.toUpperCase();
        return { natural: displayWidth(header), min: Math.max(...headerParts(header).map(displayWidth)) };
      });
      for (const row of buffered)
        for (let i = 0; i < row.length; i++) addCell(needs[i], row[i], breakingOf(kinds[i], row[i]));
      const fitShown = (shown: number[]) =>
        fitColumns(
          shown.map((i) => needs[i]),
          available - GAP * (shown.length - 1),
        );
      const chalk = io.color ? loadChalk() : undefined;
      // Optional columns go, last first, only as far as needed for the rest to fit.
      let shown = columns.map((_, i) => i);
      let widths = fitShown(shown);
      for (let i = columns.length - 1; !widths && i >= 0; i--) {
        if (!columns[i].optional) continue;
        shown = shown.filter((s) => s !== i);
        widths = fitShown(shown);
      }
      if (!widths) {
        // Identifiers alone are wider than the terminal: one "label: value" block per row (as the
        // AWS CLI's table falls back to a vertical layout), so nothing is cut.
        const labels = columns.map((c) => c.header);
        io.stdout.write(fieldLines(labels, buffered, kinds, available, chalk));
        buffered.length = 0;
        return;
      }
      const left = columns.filter((_, i) => !shown.includes(i)).map((c) => c.header);
      if (left.length > 0)
        io.stderr.write(
          `(${left.join(", ")} left out to fit ${available} columns; COLUMNS=… or --output json shows ${left.length === 1 ? "it" : "them"})\n`,
        );
      const headers = shown.map((i) => columns[i].header.toUpperCase());
      const fitted = widths;
      const header = headers.map((h, i) => {
        const text = headerLines(h, fitted[i]).join("\n");
        return chalk ? chalk.bold(text) : text;
      });
      const body = buffered.map((row) => shown.map((c, i) => wrapCell(row[c], fitted[i]).join("\n")));
      io.stdout.write(drawTable([header, ...body], fitted));
      buffered.length = 0;
    },
  };
}

export interface Field {
  label: string;
  value: CellValue | string[];
  kind?: ColumnKind;
}

/**
 * One record (`users show`): aligned "Label  value" lines on a terminal, `label<TAB>value` lines
 * in a pipe (lists joined by commas there, so each field stays one line).
 */
export function printFields(io: IO, fields: Field[], opts: { now?: Date } = {}): void {
  const tty = io.stdout.isTTY;
  const now = opts.now ?? new Date();
  const text = (f: Field) =>
    Array.isArray(f.value) ? f.value.join(", ") : cellText(f.value, f.kind ?? "id", tty, now);
  if (!tty) {
    io.stdout.write(fields.map((f) => `${f.label}\t${text(f)}\n`).join(""));
    return;
  }
  const chalk = io.color ? loadChalk() : undefined;
  io.stdout.write(
    fieldLines(
      fields.map((f) => f.label),
      [fields.map(text)],
      fields.map(() => "id"),
      terminalWidth(io),
      chalk,
    ),
  );
}

/**
 * Records as blocks of aligned "label:  value" lines, a blank line between blocks: free text
 * wraps to the width beside its label, every other value stays whole (past the width if it must).
 */
function fieldLines(
  labels: string[],
  records: string[][],
  kinds: ColumnKind[],
  available: number,
  chalk: ChalkInstance | undefined,
): string {
  const keys = labels.map((l) => `${l}:`);
  const keyWidth = Math.max(...keys.map(displayWidth));
  const room = Math.max(FREE_TEXT_MIN_WIDTH, available - keyWidth - GAP);
  const styledKeys = chalk ? keys.map((k) => chalk.bold(k)) : keys;
  let valueWidth = room;
  const rows: string[][] = [];
  for (const [index, record] of records.entries()) {
    if (index > 0) rows.push(["", ""]);
    for (let i = 0; i < keys.length; i++) {
      const value = kinds[i] === "text" ? wrapCell(record[i], room).join("\n") : record[i];
      valueWidth = Math.max(valueWidth, cellWidth(value));
      rows.push([styledKeys[i], value]);
    }
  }
  return drawTable(rows, [keyWidth, valueWidth]);
}
