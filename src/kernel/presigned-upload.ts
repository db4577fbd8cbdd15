// Uploads a file to a presigned URL (a user import job's PreSignedUrl): an HTTP PUT with the header
// the URL is signed with, streamed from disk, against real AWS or any --endpoint-url; with --local
// there is no server, so the embedded endpoint for ctx.paths.dataDir takes the body in process.
// The URL's query string carries the signature (and in real AWS the credential and session token):
// nothing here prints it — errors and --debug lines show redactUrl(url).
import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { Readable } from "node:stream";
import type { Context } from "./context.js";
import { CliError, ExitCode, UsageError } from "./errors.js";
import { REDACTED, redactUrl } from "./redact.js";

/** The header Cognito signs its import URLs with; S3 refuses the PUT without it. */
export const UPLOAD_HEADERS: Readonly<Record<string, string>> = { "x-amz-server-side-encryption": "aws:kms" };

export interface UploadOutcome {
  status: number;
  bytes: number;
}

/** PUTs filePath to url (or hands it to the embedded endpoint with --local); throws on a non-2xx. */
export async function uploadToPresignedUrl(
  ctx: Context,
  url: string,
  filePath: string,
): Promise<UploadOutcome> {
  const shown = redactUrl(url);
  const size = await fileSize(filePath);
  ctx.printer.debug(
    `upload: PUT ${shown} (${size} bytes from ${filePath}${ctx.globals.local ? ", in process" : ""}) headers: ${JSON.stringify(UPLOAD_HEADERS)}`,
  );
  const started = Date.now();
  const { status, body } = ctx.globals.local
    ? await uploadInProcess(ctx, url, filePath)
    : await uploadOverHttp(url, shown, filePath, size);
  ctx.printer.debug(`upload response: ${status} in ${Date.now() - started} ms`);
  if (status < 200 || status > 299) {
    const detail = scrub(failureDetail(body), url);
    throw new CliError(
      `The upload to ${shown} failed: HTTP ${status}${detail ? ` ${detail}` : ""}`,
      ExitCode.SERVICE,
    );
  }
  return { status, bytes: size };
}

async function fileSize(filePath: string): Promise<number> {
  try {
    const s = await stat(filePath);
    if (!s.isFile()) throw new UsageError(`${filePath} is not a regular file.`);
    return s.size;
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw new UsageError(`Cannot read ${filePath}: ${(err as NodeJS.ErrnoException).code ?? String(err)}.`);
  }
}

async function uploadInProcess(
  ctx: Context,
  url: string,
  filePath: string,
): Promise<{ status: number; body: string }> {
  // The same endpoint the command's client talks to (the Context opens it once and closes it).
  const endpoint = await ctx.localEndpoint();
  // The endpoint stores the bytes as they are: one copy of the file in memory.
  const body = await readFile(filePath);
  const res = endpoint.acceptUpload(url, body, { ...UPLOAD_HEADERS });
  return { status: res.status, body: res.body };
}

async function uploadOverHttp(
  url: string,
  shown: string,
  filePath: string,
  size: number,
): Promise<{ status: number; body: string }> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: "PUT",
      // Streamed from disk with its length up front: S3 refuses chunked uploads to presigned URLs.
      body: Readable.toWeb(createReadStream(filePath)) as ReadableStream<Uint8Array>,
      duplex: "half",
      headers: { ...UPLOAD_HEADERS, "content-length": String(size) },
    } as RequestInit);
  } catch (err) {
    const cause = ((err as { cause?: unknown }).cause ?? err) as NodeJS.ErrnoException;
    if (cause?.syscall === "open" || cause?.syscall === "read") {
      throw new UsageError(`Cannot read ${filePath}: ${cause.code ?? cause.message}.`);
    }
    const why = cause?.code ?? cause?.message ?? String(err);
    throw new CliError(`Could not upload to ${shown} (${scrub(String(why), url)})`, ExitCode.OTHER);
  }
  return { status: res.status, body: await readCapped(res, 64 * 1024) };
}

/** The start of a response body: enough for an S3 error document, never a runaway download. */
async function readCapped(res: Response, limit: number): Promise<string> {
  if (!res.body) return "";
  const chunks: Buffer[] = [];
  let size = 0;
  const reader = res.body.getReader();
  try {
    while (size < limit) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(Buffer.from(value));
      size += value.byteLength;
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
  return Buffer.concat(chunks).toString("utf8").slice(0, limit);
}

const XML_ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
const unescapeXml = (s: string) => s.replace(/&(amp|lt|gt|quot|apos);/g, (_m, e: string) => XML_ENTITIES[e]);

/**
 * What an error answer says. S3's XML error gives Code and Message; only those are shown (its
 * SignatureDoesNotMatch document also echoes the canonical request, query string included). Other
 * markup is not shown; plain text is, on one line.
 */
function failureDetail(body: string): string {
  const code = /<Code>([^<]*)<\/Code>/.exec(body)?.[1];
  const message = /<Message>([^<]*)<\/Message>/.exec(body)?.[1];
  if (code || message)
    return [code, message]
      .filter(Boolean)
      .map((s) => unescapeXml(s!.trim()))
      .join(": ");
  if (/^\s*</.test(body)) return "";
  let text = body.trim().replace(/\s+/g, " ");
  try {
    const json = JSON.parse(text) as { message?: unknown; Message?: unknown };
    const m = json.message ?? json.Message;
    if (typeof m === "string") text = m;
  } catch {
    // not JSON: the text itself
  }
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

/** Removes the URL's query string wherever a message might echo it. */
function scrub(text: string, url: string): string {
  const q = url.indexOf("?");
  if (q < 0) return text;
  const query = url.slice(q + 1);
  return query ? text.split(query).join(REDACTED) : text;
}
