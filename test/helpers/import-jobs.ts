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

export const put = (url: string, body: string | Uint8Array, sse = true) =>
  fetch(url, {
    method: "PUT",
    body,
    headers: sse ? { "x-amz-server-side-encryption": "aws:kms" } : {},
  });

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
  opts: { timeoutMs?: number; onPoll?: (job: C.UserImportJobType) => void } = {},
): Promise<C.UserImportJobType> {
  const deadline = Date.now() + (opts.timeoutMs ?? 20_000);
  for (;;) {
    const { UserImportJob } = await client.send(new C.DescribeUserImportJobCommand({ UserPoolId, JobId }));
    const job = UserImportJob as C.UserImportJobType;
    opts.onPoll?.(job);
    if (FINISHED.includes(job.Status as string)) return job;
    if (Date.now() > deadline) throw new Error(`import job ${JobId} still ${job.Status} after the timeout`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
