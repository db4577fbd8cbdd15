// cogctl import-jobs upload: sends a users CSV to an import job's PreSignedUrl (the PUT that
// `curl -T users.csv -H 'x-amz-server-side-encryption: aws:kms' "$URL"` does), then --start starts
// the job and waits for it to end (src/kernel/import/job-wait.ts, shared with `users import --via
// job`), exiting 254 when the job ended Failed, Stopped or Expired and 1 when rows failed. Checks only
// what would make the transfer itself pointless (the job's status, the file's size, a BOM, over-long
// rows); row-level validation is the job's (and `users validate`'s).
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { defineCommand } from "../../src/cli/command.js";
import { CSV_LIMITS, codePoints, startsWithUtf8Bom } from "../../src/cognito/csv-rules.js";
import { UsageError } from "../../src/kernel/errors.js";

const { maxFileBytes: MAX_FILE_BYTES, maxRowCharacters: MAX_ROW_CHARACTERS } = CSV_LIMITS;

interface Opts {
  userPoolId: string;
  jobId: string;
  file: string;
  start?: boolean;
  /** commander's --no-wait: false when given. */
  wait: boolean;
  pollInterval?: string;
}

const fmt = (n: number) => n.toLocaleString("en-US");

export default defineCommand<Opts>({
  name: "import-jobs upload",
  summary: "Upload a users CSV to an import job's presigned URL (then --start it)",
  description:
    "Upload a users CSV file to the PreSignedUrl of a user import job in Created status (from " +
    "create-user-import-job; the URL is valid for 15 minutes), with the x-amz-server-side-encryption " +
    "header it is signed with. Works against AWS, any --endpoint-url, and --local. --start then calls " +
    "StartUserImportJob and waits for the job to end (progress on a terminal's stderr; --no-wait returns at " +
    "once), exiting 254 when it ends Failed, Stopped or Expired and 1 when rows failed. The file must be UTF-8 without a BOM, at most 100 MB, rows at most 16,000 " +
    "characters; its columns must be those of get-csv-header.",
  examples: [
    {
      summary: "Upload a CSV to a new import job and start it",
      args: [
        "import-jobs",
        "upload",
        "--user-pool-id",
        "us-east-1_EXAMPLE",
        "--job-id",
        "import-AbCdEf1234",
        "--file",
        "users.csv",
        "--start",
      ],
    },
  ],
  configure(cmd) {
    cmd
      .requiredOption("--user-pool-id <id>", "The user pool of the import job")
      .requiredOption("--job-id <id>", "The import job (import-...), in Created status")
      .requiredOption("--file <path>", "The CSV file to upload")
      .option("--start", "Start the job (StartUserImportJob) once the file is uploaded, and wait for its end")
      .option("--no-wait", "With --start: return once the job is started, without waiting for its end")
      .option(
        "--poll-interval <seconds>",
        "With --start: seconds between two DescribeUserImportJob calls (default 2)",
      );
  },
  async run(opts, _args, ctx) {
    const pollIntervalMs = parsePollInterval(opts.pollInterval);
    await checkFile(opts.file);
    const [{ createCognitoCall }, { uploadToPresignedUrl }, wait] = await Promise.all([
      import("../../src/kernel/cognito-call.js"),
      import("../../src/kernel/presigned-upload.js"),
      import("../../src/kernel/import/job-wait.js"),
    ]);
    const call = await createCognitoCall(ctx);
    const described = await call("DescribeUserImportJob", {
      UserPoolId: opts.userPoolId,
      JobId: opts.jobId,
    });
    const job = (described.UserImportJob ?? {}) as { Status?: string; PreSignedUrl?: string };
    if (job.Status !== "Created") throw notUploadable(opts, job.Status);
    if (!job.PreSignedUrl) {
      throw new UsageError(
        `Import job ${opts.jobId} has no PreSignedUrl to upload to. Create a new job with create-user-import-job.`,
      );
    }
    const { bytes } = await uploadToPresignedUrl(ctx, job.PreSignedUrl, opts.file);
    ctx.printer.done(`Uploaded ${opts.file} (${fmt(bytes)} bytes) to import job ${opts.jobId}`);
    if (opts.start) {
      const started = await call("StartUserImportJob", { UserPoolId: opts.userPoolId, JobId: opts.jobId });
      if (!opts.wait) {
        ctx.printer.done(
          `Started import job ${opts.jobId}; follow it with: cogctl describe-user-import-job --user-pool-id ${opts.userPoolId} --job-id ${opts.jobId}`,
        );
        ctx.printer.result(started, { title: "StartUserImportJob" });
        return;
      }
      const job = await wait.waitForImportJob(call, opts.userPoolId, opts.jobId, {
        io: ctx.io,
        pollIntervalMs,
      });
      ctx.printer.result({ UserImportJob: job }, { title: "DescribeUserImportJob" });
      const failure = wait.jobOutcomeError(
        job,
        `Each row's outcome is in CloudWatch Logs: group /aws/cognito/userpools/${opts.userPoolId}/<pool name>, stream ${opts.jobId}/${job.JobName ?? "<job name>"}.`,
      );
      if (failure) throw failure;
      ctx.printer.done(`Import job ${opts.jobId} succeeded: ${wait.countsText(wait.jobCounts(job))}`);
      return;
    }
    ctx.printer.done(
      `Start it with: cogctl start-user-import-job --user-pool-id ${opts.userPoolId} --job-id ${opts.jobId}`,
    );
    ctx.printer.result({ JobId: opts.jobId, UploadedBytes: bytes });
  },
});

function parsePollInterval(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds < 0.05 || seconds > 600) {
    throw new UsageError(`--poll-interval ${value} is not a number of seconds between 0.05 and 600.`);
  }
  return Math.round(seconds * 1000);
}

function notUploadable(opts: Opts, status: string | undefined): UsageError {
  const why =
    status === "Expired"
      ? "its upload URL lapsed (it is valid for 15 minutes after create-user-import-job)"
      : status === "Stopped"
        ? "it was stopped"
        : "it has already been started";
  return new UsageError(
    `Import job ${opts.jobId} is ${status ?? "in an unknown status"}, not Created: ${why}. A file can be uploaded ` +
      "only to a new job, before it starts. Create one with 'cogctl create-user-import-job --user-pool-id " +
      `${opts.userPoolId} --job-name NAME --cloud-watch-logs-role-arn ARN' and upload to it.`,
  );
}

/** The transport limits: a readable regular file, ≤ 100 MB, no UTF-8 BOM, rows ≤ 16,000 characters. */
async function checkFile(path: string): Promise<void> {
  let size: number;
  try {
    const s = await stat(path);
    if (!s.isFile()) throw new UsageError(`--file ${path} is not a regular file: pass the path of the CSV.`);
    size = s.size;
  } catch (err) {
    if (err instanceof UsageError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(
      code === "ENOENT"
        ? `--file ${path} does not exist: pass the path of the CSV to upload.`
        : `Cannot read --file ${path} (${code ?? String(err)}).`,
    );
  }
  if (size > MAX_FILE_BYTES) {
    throw new UsageError(
      `${path} is ${fmt(size)} bytes; Cognito accepts import files of at most 100 MB (${fmt(MAX_FILE_BYTES)} bytes). ` +
        "Split it into several files, one import job each.",
    );
  }

  const decoder = new TextDecoder("utf-8");
  let line = 1;
  let length = 0; // characters (code points) of the current line so far
  let lastWasCR = false;
  let first = true;
  const endLine = () => {
    const chars = length - (lastWasCR ? 1 : 0);
    if (chars > MAX_ROW_CHARACTERS) {
      throw new UsageError(
        `Line ${fmt(line)} of ${path} is ${fmt(chars)} characters long; Cognito accepts rows of at most ` +
          `${fmt(MAX_ROW_CHARACTERS)} characters. Shorten that row (or leave it out) and upload again.`,
      );
    }
    line++;
    length = 0;
    lastWasCR = false;
  };
  const scan = (text: string) => {
    let start = 0;
    for (;;) {
      const nl = text.indexOf("\n", start);
      const end = nl < 0 ? text.length : nl;
      if (end > start) {
        length += codePoints(text, start, end);
        lastWasCR = text.charCodeAt(end - 1) === 13;
      }
      if (nl < 0) return;
      endLine();
      start = nl + 1;
    }
  };
  try {
    for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
      if (first) {
        first = false;
        if (startsWithUtf8Bom(chunk)) {
          throw new UsageError(
            `${path} starts with a UTF-8 byte order mark (BOM), which Cognito rejects: save it as UTF-8 ` +
              `without BOM (e.g. sed -i '1s/^\\xEF\\xBB\\xBF//' ${path}) and upload again.`,
          );
        }
      }
      scan(decoder.decode(chunk, { stream: true }));
    }
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw new UsageError(
      `Cannot read --file ${path} (${(err as NodeJS.ErrnoException).code ?? String(err)}).`,
    );
  }
  scan(decoder.decode());
  if (length > 0) endLine();
}
