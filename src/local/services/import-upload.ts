// The S3 side of user import jobs: PUT of the CSV to the PreSignedUrl CreateUserImportJob returned.
// Answers like S3 does (XML errors). Everything that can refuse an upload is decided from the URL and
// the headers alone (checkImportUpload), before a byte of the body is read, so a bogus or expired URL
// costs nothing however large the body it announces.
import type { WireResponse } from "../endpoint.js";
import { URL_VALIDITY_SECONDS } from "./import-jobs.js";
import type { LocalServices } from "./index.js";

export const UPLOAD_PATH = "/_upload/";
/** §8: import files up to 100 MB. */
export const MAX_UPLOAD_BYTES = 100 * 1024 * 1024;

export function s3Error(status: number, code: string, message: string): WireResponse {
  return {
    status,
    headers: { "content-type": "application/xml" },
    body: `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`,
  };
}

interface JobRow {
  job_id: string;
  data: string;
}

/** An upload the URL and headers allow: the job it is for and the length it must have. */
export interface AcceptedUpload {
  jobId: string;
  length: number;
}

/** `20261201T170000Z` → epoch seconds; NaN when malformed. */
function amzDateSeconds(value: string | null): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value ?? "");
  if (!m) return Number.NaN;
  const [, y, mo, d, h, mi, s] = m.map(Number);
  return Date.UTC(y, mo - 1, d, h, mi, s) / 1000;
}

export function checkImportUpload(
  services: LocalServices,
  url: string,
  headers: Record<string, string>,
): AcceptedUpload | WireResponse {
  let parsed: URL;
  let token: string;
  try {
    parsed = new URL(url);
    if (!parsed.pathname.startsWith(UPLOAD_PATH))
      return s3Error(404, "NoSuchKey", "The specified key does not exist.");
    token = decodeURIComponent(parsed.pathname.slice(UPLOAD_PATH.length));
  } catch {
    return s3Error(400, "InvalidURI", "Couldn't parse the specified URI.");
  }
  const row = services.db.prepare("SELECT job_id, data FROM import_jobs WHERE upload_token = ?").get(token) as
    | JobRow
    | undefined;
  if (!row) return s3Error(404, "NoSuchKey", "The specified key does not exist.");
  const job = JSON.parse(row.data) as { Status: string; PreSignedUrl: string };
  // The signature covers the query: a URL whose date or lifetime was edited does not match it.
  const signed = new URL(job.PreSignedUrl).searchParams;
  for (const p of ["X-Amz-Date", "X-Amz-Expires", "X-Amz-Signature"]) {
    if (parsed.searchParams.get(p) !== signed.get(p)) return signatureMismatch();
  }
  const lower: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) lower[k.toLowerCase()] = v;
  if (lower["x-amz-server-side-encryption"] !== "aws:kms") {
    return signatureMismatch(" The URL is signed with the header x-amz-server-side-encryption: aws:kms.");
  }
  const signedAt = amzDateSeconds(parsed.searchParams.get("X-Amz-Date"));
  const lifetime = Number(parsed.searchParams.get("X-Amz-Expires") ?? URL_VALIDITY_SECONDS);
  const now = services.clock().getTime() / 1000;
  if (!(now <= signedAt + lifetime)) return s3Error(403, "AccessDenied", "Request has expired");
  if (job.Status !== "Created")
    return s3Error(403, "AccessDenied", `The import job is ${job.Status}; upload before starting it.`);
  const declared = lower["content-length"];
  if (declared === undefined || !/^\d+$/.test(declared))
    return s3Error(411, "MissingContentLength", "You must provide the Content-Length HTTP header.");
  const length = Number(declared);
  if (length > MAX_UPLOAD_BYTES)
    return s3Error(400, "EntityTooLarge", "Your proposed upload exceeds the maximum allowed size");
  return { jobId: row.job_id, length };
}

/** Puts a complete spool file (see UploadFiles.spoolPath) into place as the job's file. */
export function storeImportUpload(
  services: LocalServices,
  upload: AcceptedUpload,
  spool: string,
): WireResponse {
  if (!services.uploads.commit(spool, upload.jobId, upload.length))
    return s3Error(
      400,
      "IncompleteBody",
      "You did not provide the number of bytes specified by the Content-Length HTTP header.",
    );
  return { status: 200, headers: { etag: `"${upload.jobId}"` }, body: "" };
}

function signatureMismatch(detail = ""): WireResponse {
  return s3Error(
    403,
    "SignatureDoesNotMatch",
    `The request signature we calculated does not match the signature you provided.${detail}`,
  );
}

export function isAcceptedUpload(v: AcceptedUpload | WireResponse): v is AcceptedUpload {
  return "jobId" in v;
}
