// Fitting columns of text to a width, for every table cogctl prints (the AWS-CLI-style boxes of
// --output table, and the listing printers of the task commands). The rule, everywhere:
// - with no width (a pipe or a file) nothing is fitted: every column gets its natural width;
// - on a terminal, only free text gives way: it wraps onto more lines inside its cell. Identifiers,
//   usernames, emails, tokens, ARNs, codes and statuses are never cut nor wrapped;
// - when even that cannot fit, the caller gets `undefined` and chooses a narrower layout (the AWS
//   CLI's vertical key/value boxes) instead of cutting anything.
// Only the width arithmetic is ours: measuring display width (string-width) and word wrapping
// (wrap-ansi) come from the libraries.
import { loadStringWidth, loadWrapAnsi } from "./lazy-modules.js";

/**
 * How a cell may be broken onto several lines:
 * - "whole": never (identifiers, names, codes: anything without spaces);
 * - "words": only between words, each word kept whole (a display name, "Alice Smith");
 * - "anywhere": between words, and inside a word longer than the column (prose and timestamps).
 */
export type Breaking = "whole" | "words" | "anywhere";

export interface ColumnNeed {
  /** Display width of the widest line of the column's widest cell. */
  natural: number;
  /** The narrowest the column may be without breaking a cell against its Breaking. */
  min: number;
}

/** A prose or timestamp column never gets narrower than this (or its natural width, if less). */
export const FREE_TEXT_MIN_WIDTH = 10;

/**
 * Members whose values are prose or timestamps, by name: descriptions, messages (the verification
 * and invitation templates, error and status messages), reasons, subjects, and dates (every Cognito
 * timestamp member ends in Date; the task commands' own listings use Created). Judged by the name
 * because the value alone cannot tell a timestamp from an identifier: neither contains a space.
 */
const FREE_TEXT_NAME = /(description|message|reason|subject|date|created)$/i;
const WHITESPACE = /\s/;

/**
 * The Breaking of one value, from the member (column or key) it belongs to. A value of any other
 * member may only wrap between words when it contains whitespace: identifiers, usernames, emails,
 * tokens, ARNs, codes and statuses never do (Cognito forbids whitespace in all of them), so they
 * stay whole while a pool's "Production users" may take two lines.
 */
export function breakingFor(memberName: string | undefined, value: string): Breaking {
  if (memberName !== undefined && FREE_TEXT_NAME.test(memberName)) return "anywhere";
  return WHITESPACE.test(value) ? "words" : "whole";
}

const PLAIN_ASCII = /^[\x20-\x7e]*$/;
/** string-width builds its ANSI pattern on every call; a title like "ListUsers › Users" repeats per item. */
const measured = new Map<string, number>();
const MEASURED_LIMIT = 10_000;

/** Terminal display width; plain ASCII (nearly every cell) is measured without the library. */
export function displayWidth(text: string): number {
  if (PLAIN_ASCII.test(text)) return text.length;
  let width = measured.get(text);
  if (width === undefined) {
    width = loadStringWidth()(text);
    if (measured.size >= MEASURED_LIMIT) measured.clear();
    measured.set(text, width);
  }
  return width;
}

/** Display width of a cell's widest line. */
export function cellWidth(text: string): number {
  if (!text.includes("\n")) return displayWidth(text);
  return Math.max(...text.split("\n").map(displayWidth));
}

/** A column holding no cell yet. */
export const emptyColumn = (): ColumnNeed => ({ natural: 0, min: 0 });

/** Widens a column's need (in place: tables measure thousands of cells) to hold one more cell. */
export function addCell(column: ColumnNeed, text: string, breaking: Breaking): void {
  widenBy(column, text, cellWidth(text), breaking);
}

/** addCell for a value of a named member, its Breaking decided by breakingFor (only when it matters). */
export function addMemberCell(column: ColumnNeed, memberName: string | undefined, text: string): void {
  const natural = cellWidth(text);
  if (natural > column.natural) column.natural = natural;
  if (natural > column.min) widenBy(column, text, natural, breakingFor(memberName, text));
}

function widenBy(column: ColumnNeed, text: string, natural: number, breaking: Breaking): void {
  if (natural > column.natural) column.natural = natural;
  if (natural <= column.min) return;
  let min = natural;
  if (breaking === "anywhere") min = Math.min(natural, FREE_TEXT_MIN_WIDTH);
  else if (breaking === "words") {
    min = 0;
    for (const word of text.split(/\s+/)) min = Math.max(min, displayWidth(word));
  }
  if (min > column.min) column.min = min;
}

/**
 * Column widths (of the text, without borders or padding) summing to at most `available`, or
 * undefined when the columns cannot fit even at their minimum widths. Without `available` every
 * column keeps its natural width. Space is shared max-min fairly: the narrowest wrapping columns
 * keep their natural width, and the wide ones (long descriptions) are narrowed to a common level.
 */
export function fitColumns(
  columns: readonly ColumnNeed[],
  available: number | undefined,
): number[] | undefined {
  const naturals = columns.map((c) => c.natural);
  const total = (level: number) =>
    columns.reduce((sum, c) => sum + Math.max(c.min, Math.min(c.natural, level)), 0);
  if (available === undefined || total(Number.POSITIVE_INFINITY) <= available) return naturals;
  if (total(0) > available) return undefined;
  // The highest level at which every wrapping column can be capped: a binary search over widths.
  let low = 0;
  let high = Math.max(...naturals);
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (total(mid) <= available) low = mid;
    else high = mid - 1;
  }
  const widths = columns.map((c) => Math.max(c.min, Math.min(c.natural, low)));
  // Hand what the level left over to the columns still short of their natural width, one each.
  let spare = available - widths.reduce((a, b) => a + b, 0);
  for (let i = 0; i < widths.length && spare > 0; i++) {
    if (widths[i] < columns[i].natural) {
      widths[i]++;
      spare--;
    }
  }
  return widths;
}

/** The lines of a cell at `width`: between words first, inside a too-long word only if it must. */
export function wrapCell(text: string, width: number): string[] {
  if (!text.includes("\n") && displayWidth(text) <= width) return [text];
  const lines = text.split("\n");
  if (lines.every((line) => displayWidth(line) <= width)) return lines;
  const wrap = loadWrapAnsi();
  return lines.flatMap((line) =>
    displayWidth(line) <= width ? [line] : wrap(line, width, { hard: true, trim: true }).split("\n"),
  );
}
