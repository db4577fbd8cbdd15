// Reads an import file line by line from a byte offset, with each line's byte range, so an import job
// can commit "the next row starts at byte N, line L" with the users of a chunk and resume there after
// a crash. Cognito's CSV has no quoting (a comma in a value is `\,`, §8b), so a line is a row.
// Hand-written rather than csv-parse or readline: neither reports where in the file a record ends,
// which is the resume cursor; and an over-long line is skipped to its end without being held.
import { createReadStream } from "node:fs";

export interface FileLine {
  /** 1-based line number in the file. */
  line: number;
  /** The line without its LF / CRLF; undefined when it was too long to hold (see maxBytes). */
  text?: string;
  /** Byte offset just after this line's newline: where the next line starts. */
  end: number;
  /** The bytes are not valid UTF-8. */
  invalidUtf8?: boolean;
}

const NEWLINE = 0x0a;

/**
 * Lines from `start` (a line's first byte), numbered from `firstLine`. A line longer than `maxBytes`
 * comes back without text (its length alone is the problem): memory stays bounded by maxBytes plus
 * one read buffer whatever the file holds.
 */
export async function* fileLines(
  path: string,
  opts: { start: number; firstLine: number; maxBytes: number },
): AsyncGenerator<FileLine> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let overlong = false;
  let offset = opts.start;
  let line = opts.firstLine;
  const finish = (end: number): FileLine => {
    const out: FileLine = { line, end };
    if (!overlong) {
      let bytes = pending.length === 1 ? pending[0] : Buffer.concat(pending, pendingBytes);
      if (bytes.length && bytes[bytes.length - 1] === 0x0d) bytes = bytes.subarray(0, bytes.length - 1);
      try {
        out.text = decoder.decode(bytes);
      } catch {
        out.invalidUtf8 = true;
      }
    }
    pending = [];
    pendingBytes = 0;
    overlong = false;
    line++;
    return out;
  };
  const keep = (part: Buffer) => {
    if (overlong || part.length === 0) return;
    if (pendingBytes + part.length > opts.maxBytes) {
      overlong = true;
      pending = [];
      pendingBytes = 0;
      return;
    }
    // A copy: the stream's buffer is reused for the next read.
    pending.push(Buffer.from(part));
    pendingBytes += part.length;
  };
  const stream = createReadStream(path, { start: opts.start, highWaterMark: 256 * 1024 });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let from = 0;
    for (;;) {
      const nl = chunk.indexOf(NEWLINE, from);
      if (nl < 0) {
        keep(chunk.subarray(from));
        offset += chunk.length - from;
        break;
      }
      keep(chunk.subarray(from, nl));
      offset += nl + 1 - from;
      from = nl + 1;
      yield finish(offset);
    }
  }
  if (pendingBytes > 0 || overlong) yield finish(offset);
}
