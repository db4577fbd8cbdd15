// Reads the files (and standard input) a user points cogctl at, with a ceiling: `file:///dev/zero`,
// a runaway pipe or a multi-gigabyte file must fail at once with a clear message instead of
// reading until the machine runs out of memory. Reads stop at limit + 1 bytes whatever the size
// claims (character devices, /proc files and pipes report 0), so only the ceiling is ever held.
// A FIFO with no writer still blocks in open() until one appears: that wait is the user's choice.
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { open } from "node:fs/promises";

const MiB = 1024 * 1024;

/**
 * file://, fileb://, --cli-input-json/--cli-input-yaml file://. The largest input Cognito can
 * take is CreateManagedLoginBranding with 40 assets of 1,000,000 bytes each (AssetBytesType,
 * AssetListType in the service model): 53 MB once base64-encoded in JSON. 64 MiB holds that, so
 * no valid input is refused, while anything endless stops after 64 MiB.
 */
export const PARAM_FILE_LIMIT = 64 * MiB;

/**
 * Passwords, client secrets and TOTP secrets (--password-file, --password-stdin, ...): Cognito's
 * longest is a 256-character password, so 64 KiB is generous and still stops a stray `yes |`.
 */
export const SECRET_INPUT_LIMIT = 64 * 1024;

const CHUNK = 64 * 1024;

/** The input was longer than its limit. `code` lets describeFileError word it with the others. */
export class InputTooLargeError extends Error {
  readonly code = "ETOOLARGE";
  constructor(readonly limit: number) {
    super(`larger than ${formatSize(limit)}`);
  }
}

/** The bytes are not UTF-8 text where text was expected. */
export class NotUtf8Error extends Error {
  readonly code = "ENOTUTF8";
  constructor() {
    super("not UTF-8 text");
  }
}

export function formatSize(bytes: number): string {
  if (bytes % MiB === 0) return `${bytes / MiB} MiB`;
  if (bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}

/** The bytes read so far, and the next buffer to read into: never more than limit + 1 in all. */
class CappedBytes {
  private readonly chunks: Buffer[] = [];
  private total = 0;
  constructor(private readonly limit: number) {}

  /** Refuses a regular file whose size already says it is too large, before reading a byte. */
  checkSize(stat: { isFile(): boolean; isDirectory(): boolean; size: number }): void {
    if (stat.isDirectory()) throw Object.assign(new Error("EISDIR"), { code: "EISDIR" });
    if (stat.isFile() && stat.size > this.limit) throw new InputTooLargeError(this.limit);
  }

  nextBuffer(): Buffer {
    return Buffer.allocUnsafe(Math.min(CHUNK, this.limit + 1 - this.total));
  }

  /** Keeps n bytes of a buffer; false at the end of the input. */
  add(buffer: Buffer, n: number): boolean {
    if (n === 0) return false;
    this.chunks.push(n === buffer.length ? buffer : buffer.subarray(0, n));
    this.total += n;
    if (this.total > this.limit) throw new InputTooLargeError(this.limit);
    return true;
  }

  bytes(): Buffer {
    return Buffer.concat(this.chunks, this.total);
  }
}

/** Synchronous, for argument parsing (which is synchronous): at most limit bytes, or it throws. */
export function readFileCappedSync(path: string, limit: number): Buffer {
  const fd = openSync(path, "r");
  try {
    const read = new CappedBytes(limit);
    read.checkSize(fstatSync(fd));
    for (;;) {
      const buffer = read.nextBuffer();
      if (!read.add(buffer, readSync(fd, buffer, 0, buffer.length, null))) return read.bytes();
    }
  } finally {
    closeSync(fd);
  }
}

export async function readFileCapped(path: string, limit: number): Promise<Buffer> {
  const handle = await open(path, "r");
  try {
    const read = new CappedBytes(limit);
    read.checkSize(await handle.stat());
    for (;;) {
      const buffer = read.nextBuffer();
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (!read.add(buffer, bytesRead)) return read.bytes();
    }
  } finally {
    await handle.close();
  }
}

/** A stream's bytes up to limit; past it the stream is left unread and this throws. */
export async function readStreamCapped(stream: NodeJS.ReadableStream, limit: number): Promise<Buffer> {
  const read = new CappedBytes(limit);
  for await (const chunk of stream) {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer);
    read.add(bytes, bytes.length);
  }
  return read.bytes();
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** UTF-8 text, refusing invalid bytes (Buffer#toString would turn them into U+FFFD silently). */
export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    throw new NotUtf8Error();
  }
}
