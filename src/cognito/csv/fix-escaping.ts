// `users validate --fix-escaping`: a copy of an import file in Cognito's dialect when it was written
// with RFC 4180 quoting (the common export mistake: `"Smith, John"`, which Cognito reads as two
// columns). Quoted values lose their quotes, their commas become `\,` and a doubled `""` becomes `"`;
// a UTF-8 byte order mark is dropped. Everything else is copied byte for byte (invalid UTF-8
// included, for the validation of the copy to point at).
//
// By hand rather than csv-parse: the input mixes two dialects (`\,` outside quotes is Cognito's and
// must stay), unbalanced quotes must be copied as they are rather than be a parse error, and the
// bytes must pass through untouched; csv-parse also streams at ~10,000 rows/s (see parser.ts).
import { startsWithUtf8Bom } from "../csv-rules.js";

export interface FixEscapingStats {
  lines: number;
  /** Lines that were rewritten. */
  changedLines: number;
  /** Quoted values unquoted. */
  values: number;
  bomRemoved: boolean;
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const BACKSLASH = 0x5c;
const LF = 0x0a;
const CR = 0x0d;
const MAX_LINE_BYTES = 1024 * 1024;
const isBlank = (b: number) => b === 0x20 || b === 0x09;

/** One line (without its line ending) in Cognito's dialect, and how many values were unquoted. */
export function fixLine(line: Buffer): { line: Buffer; values: number } {
  if (!line.includes(QUOTE)) return { line, values: 0 };
  const out: number[] = [];
  let values = 0;
  let i = 0;
  const n = line.length;
  // One field per turn: from i up to its separating comma (which is copied too).
  while (i <= n) {
    let q = i;
    while (q < n && isBlank(line[q])) q++;
    let closed = -1;
    if (q < n && line[q] === QUOTE) {
      for (let k = q + 1; k < n; k++) {
        if (line[k] !== QUOTE) continue;
        if (line[k + 1] === QUOTE) {
          k++;
          continue;
        }
        closed = k;
        break;
      }
    }
    let end: number;
    if (closed >= 0) {
      values++;
      for (let k = q + 1; k < closed; k++) {
        const b = line[k];
        if (b === QUOTE)
          k++; // `""` is one quote: before the closing quote every quote is doubled
        else if (b === COMMA && line[k - 1] !== BACKSLASH) out.push(BACKSLASH);
        out.push(b);
      }
      end = closed + 1;
      while (end < n && line[end] !== COMMA) out.push(line[end++]);
    } else {
      end = i;
      while (end < n && !(line[end] === COMMA && (end === 0 || line[end - 1] !== BACKSLASH)))
        out.push(line[end++]);
    }
    if (end >= n) break;
    out.push(COMMA);
    i = end + 1;
    if (i === n) break;
  }
  return values ? { line: Buffer.from(out), values } : { line, values: 0 };
}

/** The fixed copy, in chunks, as the source streams in; stats are final when the iteration ends. */
export async function* fixEscaping(
  source: AsyncIterable<Uint8Array | string>,
  stats: FixEscapingStats = { lines: 0, changedLines: 0, values: 0, bomRemoved: false },
): AsyncGenerator<Buffer, FixEscapingStats, undefined> {
  let pending = Buffer.alloc(0);
  let first = true;
  const fixLines = (bytes: Buffer, final: boolean): Buffer => {
    const parts: Buffer[] = [];
    let from = 0;
    while (from < bytes.length) {
      let nl = bytes.indexOf(LF, from);
      if (nl < 0) {
        if (!final) break;
        nl = bytes.length;
      }
      let end = nl;
      if (end > from && bytes[end - 1] === CR) end--;
      const fixed = fixLine(bytes.subarray(from, end));
      stats.lines++;
      if (fixed.values) {
        stats.changedLines++;
        stats.values += fixed.values;
        parts.push(fixed.line, bytes.subarray(end, Math.min(nl + 1, bytes.length)));
      } else parts.push(bytes.subarray(from, Math.min(nl + 1, bytes.length)));
      from = nl + 1;
    }
    pending = Buffer.from(bytes.subarray(Math.min(from, bytes.length)));
    // A "line" with no end in sight is not a users file: passed on unfixed, for validation to refuse.
    if (pending.length > MAX_LINE_BYTES) {
      parts.push(pending);
      pending = Buffer.alloc(0);
    }
    return Buffer.concat(parts);
  };
  for await (const chunk of source) {
    let bytes = Buffer.concat([pending, typeof chunk === "string" ? Buffer.from(chunk) : chunk]);
    if (first) {
      if (bytes.length < 3) {
        pending = bytes;
        continue;
      }
      first = false;
      if (startsWithUtf8Bom(bytes)) {
        stats.bomRemoved = true;
        bytes = bytes.subarray(3);
      }
    }
    const out = fixLines(bytes, false);
    if (out.length) yield out;
  }
  if (first && startsWithUtf8Bom(pending)) {
    stats.bomRemoved = true;
    pending = pending.subarray(3);
  }
  const out = fixLines(pending, true);
  if (out.length) yield out;
  return stats;
}
