// Import jobs for tests: a pool with its CSV header, a CSV in Cognito's dialect, the upload PUT, and
// polling DescribeUserImportJob until the job ends (jobs run in the endpoint's background).
import * as C from "@aws-sdk/client-cognito-identity-provider";

export const ROLE = "arn:aws:iam::000000000000:role/CognitoImport";
export const FINISHED = ["Succeeded", "Failed", "Stopped", "Expired"];

export function csvFor(header: string[], rows: Record<string, string>[]): string {
  const lines = [header.join(",")];
  for (const r of rows) lines.push(header.map((c) => r[c] ?? "").join(","));
  return `${lines.join("\n")}\n`;
}

/**
 * `count` users u0000001... in an email-verified pool's dialect; rows whose (1-based) index is in
 * `bad` get an email that is not one (FAILED). Line numbers are index + 1 (the header is line 1).
 */
export function bigCsv(header: string[], count: number, bad: Set<number> = new Set(), prefix = "u"): string {
  const lines = [header.join(",")];
  const at = (c: string) => header.indexOf(c);
  const template = header.map(() => "");
  for (let i = 1; i <= count; i++) {
    const row = template.slice();
    const name = `${prefix}${String(i).padStart(7, "0")}`;
    row[at("cognito:username")] = name;
    row[at("cognito:mfa_enabled")] = "false";
    row[at("email")] = bad.has(i) ? "not-an-address" : `${name}@example.com`;
    row[at("email_verified")] = "TRUE";
    lines.push(row.join(","));
  }
  return `${lines.join("\n")}\n`;
}

export const put = (url: string, body: string | Uint8Array, sse = true) =>
  fetch(url, {
    method: "PUT",
    body,
    headers: sse ? { "x-amz-server-side-encryption": "aws:kms" } : {},
  });

/** A pool whose users verify by email (as an import needs), and its CSV header. */
export async function importPool(
  client: C.CognitoIdentityProviderClient,
  PoolName = "import",
): Promise<{ id: string; name: string; header: string[] }> {
  const { UserPool } = await client.send(
    new C.CreateUserPoolCommand({ PoolName, AutoVerifiedAttributes: ["email"] }),
  );
  const id = UserPool?.Id as string;
  const { CSVHeader } = await client.send(new C.GetCSVHeaderCommand({ UserPoolId: id }));
  return { id, name: PoolName, header: CSVHeader as string[] };
}

export async function createJob(
  client: C.CognitoIdentityProviderClient,
  UserPoolId: string,
  JobName = "job",
): Promise<C.UserImportJobType> {
  const { UserImportJob } = await client.send(
    new C.CreateUserImportJobCommand({ UserPoolId, JobName, CloudWatchLogsRoleArn: ROLE }),
  );
  return UserImportJob as C.UserImportJobType;
}

/** Polls DescribeUserImportJob until the job ends; every answer seen is passed to onPoll. */
export async function waitForJob(
  client: C.CognitoIdentityProviderClient,
  UserPoolId: string,
  JobId: string,
  opts: {
    timeoutMs?: number;
    onPoll?: (job: C.UserImportJobType) => void;
    until?: (job: C.UserImportJobType) => boolean;
  } = {},
): Promise<C.UserImportJobType> {
  const deadline = Date.now() + (opts.timeoutMs ?? 25_000);
  for (;;) {
    const { UserImportJob } = await client.send(new C.DescribeUserImportJobCommand({ UserPoolId, JobId }));
    const job = UserImportJob as C.UserImportJobType;
    opts.onPoll?.(job);
    if (opts.until ? opts.until(job) : FINISHED.includes(job.Status as string)) return job;
    if (Date.now() > deadline) throw new Error(`import job ${JobId} still ${job.Status} after the timeout`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
