// Tables for task commands, in the manner of gh's internal/tableprinter: explicit columns; on a
// terminal a header row, fitted to the width by shrinking only free-text columns (identifiers are
// never cut), times relative ("3 days ago"); in a pipe or file tab-separated lines, no header,
// nothing truncated, times in ISO 8601, no colour. Not the AWS-style `--output table`
// (src/kernel/output/format-table.ts): this one is for people at a terminal and for `cut -f` in pipes.
import { Chalk, type ChalkInstance } from "chalk";
import type { IO } from "./io/io.js";
import { formatTimestamp } from "./output/normalize.js";

/** id: never truncated (usernames, emails, statuses); text: may shrink with "…"; time: relative on a terminal. */
export type ColumnKind = "id" | "text" | "time";
export type CellValue = string | number | boolean | Date | null | undefined;

export interface Column<Row> {
  header: string;
  value(row: Row): CellValue;
  kind?: ColumnKind;
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

const SEPARATOR = "  ";
/** In a pipe, rows are written at least this often even without flush(). */
const FLUSH_ROWS = 500;
const ELLIPSIS = "…";
/** A free-text column is never shrunk below this (plus the ellipsis), so it stays recognisable. */
const MIN_TEXT_WIDTH = 6;

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

// Display width counted in code points: the values here (names, emails, statuses, dates) are
// rarely wide East Asian text, and the one width library in node_modules is only a transitive
// dependency of cli-table3.
const width = (s: string) => [...s].length;

function truncate(s: string, max: number): string {
  if (width(s) <= max) return s;
  return max <= 1 ? ELLIPSIS : `${[...s].slice(0, max - 1).join("")}${ELLIPSIS}`;
}

/**
 * Column widths fitted to `available`: ids and times keep theirs, text columns share the rest.
 * Undefined when even that is too wide (records are then laid out vertically).
 */
export function fitWidths(natural: number[], kinds: ColumnKind[], available: number): number[] | undefined {
  const total = natural.reduce((a, b) => a + b, 0) + SEPARATOR.length * Math.max(0, natural.length - 1);
  if (total <= available) return natural;
  const widths = [...natural];
  const text = kinds.map((k, i) => (k === "text" ? i : -1)).filter((i) => i >= 0);
  const fixed = total - text.reduce((sum, i) => sum + natural[i], 0);
  let room = Math.max(0, available - fixed);
  // Narrow text columns keep their width; wide ones split what is left evenly (gh's approach).
  const pending = [...text].sort((a, b) => natural[a] - natural[b]);
  while (pending.length > 0) {
    const share = Math.floor(room / pending.length);
    const i = pending[0];
    if (natural[i] <= share) {
      widths[i] = natural[i];
      room -= natural[i];
      pending.shift();
      continue;
    }
    for (const j of pending) widths[j] = Math.max(Math.min(natural[j], MIN_TEXT_WIDTH + 1), share);
    break;
  }
  const fitted = widths.reduce((a, b) => a + b, 0) + SEPARATOR.length * (widths.length - 1);
  return fitted <= available ? widths : undefined;
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
      const headers = columns.map((c) => c.header.toUpperCase());
      const natural = headers.map((h, i) => Math.max(width(h), ...buffered.map((r) => width(r[i]))));
      const available = terminalWidth(io);
      const widths = fitWidths(natural, kinds, available);
      const chalk = io.color ? new Chalk({ level: 1 }) : undefined;
      if (!widths) {
        // Identifiers alone are wider than the terminal: one "label: value" block per row (as the
        // AWS CLI's table falls back to a vertical layout), so nothing is cut and nothing wraps.
        const labels = columns.map((c) => c.header);
        io.stdout.write(buffered.map((row) => fieldLines(labels, row, kinds, available, chalk)).join("\n"));
        buffered.length = 0;
        return;
      }
      const line = (row: string[], style?: (s: string) => string) =>
        `${row
          .map((cell, i) => {
            const text = truncate(cell, widths[i]);
            const padded = i === row.length - 1 ? text : text.padEnd(widths[i] + (text.length - width(text)));
            return style ? style(padded) : padded;
          })
          .join(SEPARATOR)
          .trimEnd()}\n`;
      let out = line(headers, chalk ? (s) => chalk.bold(s) : undefined);
      for (const row of buffered) out += line(row);
      io.stdout.write(out);
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
  const chalk = io.color ? new Chalk({ level: 1 }) : undefined;
  const labels = fields.map((f) => f.label);
  io.stdout.write(
    fieldLines(
      labels,
      fields.map(text),
      labels.map(() => "id"),
      terminalWidth(io),
      chalk,
    ),
  );
}

/** Aligned "label:  value" lines; text values are cut to the width, the others stay whole. */
function fieldLines(
  labels: string[],
  values: string[],
  kinds: ColumnKind[],
  available: number,
  chalk: ChalkInstance | undefined,
): string {
  const labelWidth = Math.max(...labels.map((l) => width(l))) + 3;
  const room = Math.max(MIN_TEXT_WIDTH + 1, available - labelWidth);
  return `${labels
    .map((l, i) => {
      const label = `${l}:`.padEnd(labelWidth);
      const value = kinds[i] === "text" ? truncate(values[i], room) : values[i];
      return `${chalk ? chalk.bold(label) : label}${value}`.trimEnd();
    })
    .join("\n")}\n`;
}
