// The S3 side of user import jobs: PUT of the CSV to the PreSignedUrl CreateUserImportJob returned.
// Answers like S3 does (XML errors), and insists on the header the real URL is signed with.
import type { WireResponse } from "../endpoint.js";
import type { LocalServices } from "./index.js";

export const UPLOAD_PATH = "/_upload/";

function s3Error(status: number, code: string, message: string): WireResponse {
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

export function acceptImportUpload(
  services: LocalServices,
  url: string,
  body: Buffer,
  headers: Record<string, string>,
): WireResponse {
  let token: string;
  try {
    const path = new URL(url).pathname;
    if (!path.startsWith(UPLOAD_PATH)) return s3Error(404, "NoSuchKey", "The specified key does not exist.");
    token = decodeURIComponent(path.slice(UPLOAD_PATH.length));
  } catch {
    return s3Error(400, "InvalidURI", "Couldn't parse the specified URI.");
  }
  const row = services.db.prepare("SELECT job_id, data FROM import_jobs WHERE upload_token = ?").get(token) as
    | JobRow
    | undefined;
  if (!row) return s3Error(404, "NoSuchKey", "The specified key does not exist.");
  const lower: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) lower[k.toLowerCase()] = v;
  if (lower["x-amz-server-side-encryption"] !== "aws:kms") {
    return s3Error(
      403,
      "SignatureDoesNotMatch",
      "The request signature we calculated does not match the signature you provided. The URL is signed with the header x-amz-server-side-encryption: aws:kms.",
    );
  }
  const job = JSON.parse(row.data) as { Status: string; CreationDate: number };
  const now = services.clock().getTime() / 1000;
  if (now - job.CreationDate > 15 * 60) return s3Error(403, "AccessDenied", "Request has expired");
  if (job.Status !== "Created")
    return s3Error(403, "AccessDenied", `The import job is ${job.Status}; upload before starting it.`);
  services.db.prepare("UPDATE import_jobs SET csv = ? WHERE job_id = ?").run(body, row.job_id);
  return { status: 200, headers: { etag: `"${row.job_id}"` }, body: "" };
}
