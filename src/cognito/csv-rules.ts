// Cognito's CSV dialect for user import files (COGNITO-FACTS §8, §8b), in one place for the CLI's
// checks before an upload and the embedded endpoint's import job alike, so "too long", "BOM" and
// "escaped comma" mean the same thing on both sides of the wire.

/** Cognito's limits for one import file. */
export const CSV_LIMITS = {
  /** 100 MB. */
  maxFileBytes: 100 * 1024 * 1024,
  /** Users (data rows) in one file. */
  maxUsers: 500_000,
  /** Characters of one row, as it stands in the file (see rowCharacters). */
  maxRowCharacters: 16_000,
} as const;

/** True when the bytes begin with a UTF-8 byte order mark, which Cognito rejects. */
export function startsWithUtf8Bom(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

/**
 * A row's length: the Unicode characters (code points) of its line in the file, the line ending
 * (LF or CRLF) left out, escapes counted as written. Counted on the raw line, never on parsed values,
 * so the CLI can measure it while streaming and the endpoint measures the very same thing.
 */
export function rowCharacters(line: string): number {
  let end = line.length;
  if (line.charCodeAt(end - 1) === 10) end--;
  if (line.charCodeAt(end - 1) === 13) end--;
  return codePoints(line, 0, end);
}

/** Code points in text[start, end): UTF-16 units less the second half of each surrogate pair. */
export function codePoints(text: string, start: number, end: number): number {
  const segment = text.slice(start, end);
  const lowSurrogates = segment.match(/[\uDC00-\uDFFF]/g)?.length ?? 0;
  return end - start - lowSurrogates;
}

// `\,` is a comma inside a value (Cognito's CSV has no quoting). CSV parsers know only quoting, so
// escaped commas are swapped for a private-use character before parsing and restored in each value.
export const ESCAPED_COMMA_STAND_IN = "\uE000";

/** Hides every `\,` from a CSV parser. */
export function protectEscapedCommas(text: string): string {
  return text.replaceAll("\\,", ESCAPED_COMMA_STAND_IN);
}

/** A parsed value with its escaped commas back as commas. */
export function restoreEscapedCommas(value: string): string {
  return value.replaceAll(ESCAPED_COMMA_STAND_IN, ",");
}

/** A value written in Cognito's dialect: commas escaped as `\,` (there is no quoting). */
export function escapeValue(value: string): string {
  return value.replaceAll(",", "\\,");
}

/**
 * Columns an import file may carry beyond GetCSVHeader's: cogctl's own (`cogctl:reason` in a rejects
 * file) and the `cognito:` extras that `users export --groups` writes (`cognito:groups`, ...). The
 * reader accepts them, the job path strips them before upload, and the API path applies the ones it
 * knows (groups, enabled state).
 */
export const REJECTS_REASON_COLUMN = "cogctl:reason";
