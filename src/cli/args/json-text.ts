// JSON.parse with a line:column for the error, since V8 reports only a character offset
// ("... in JSON at position 17"), and a person fixing a --cli-input-json file needs the line.

export class JsonTextError extends Error {
  constructor(
    readonly reason: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(line !== undefined ? `${reason} at line ${line}, column ${column}` : reason);
  }
}

export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === "\n") {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

export function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const message = (err as Error).message;
    // Drop V8's own location and its echo of the input (it may hold secrets); keep the reason.
    const reason =
      message
        .replace(/\s*\(line \d+ column \d+\)/, "")
        .replace(/, .* is not valid JSON$/s, "")
        .replace(/\s*in JSON at position \d+/, "")
        .replace(/^Unexpected end of JSON input$/, "Unexpected end of input")
        .trim() || "Invalid JSON";
    const pos = /at position (\d+)/.exec(message);
    const offset = pos
      ? Number(pos[1])
      : /^Unexpected token/.test(message)
        ? offendingTokenOffset(text)
        : undefined;
    if (offset !== undefined) {
      const { line, column } = lineColumn(text, offset);
      throw new JsonTextError(reason, line, column);
    }
    if (/end of (JSON )?input/i.test(message)) {
      const { line, column } = lineColumn(text, text.length);
      throw new JsonTextError("Unexpected end of input", line, column);
    }
    throw new JsonTextError(reason);
  }
}

/**
 * V8 gives no offset for "Unexpected token" errors. Every prefix that stops before the bad token
 * fails differently (end of input) or parses, and every prefix that includes it fails with
 * "Unexpected token", so a binary search over prefix lengths finds the token.
 */
function offendingTokenOffset(text: string): number | undefined {
  const failsOnToken = (len: number): boolean => {
    try {
      JSON.parse(text.slice(0, len));
      return false;
    } catch (e) {
      return /^Unexpected token/.test((e as Error).message);
    }
  };
  let lo = 1;
  let hi = text.length;
  if (!failsOnToken(hi)) return undefined;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (failsOnToken(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo - 1;
}

/** Whether a flag value is meant as JSON rather than shorthand (the AWS CLI's rule). */
export function looksLikeJson(value: string): boolean {
  const t = value.trimStart();
  return t.startsWith("{") || t.startsWith("[");
}
