// cogctl import-jobs upload: sends a users CSV to an import job's PreSignedUrl (the PUT that
// `curl -T users.csv -H 'x-amz-server-side-encryption: aws:kms' "$URL"` does), then --start starts
// the job and waits for it to end (polling DescribeUserImportJob), exiting 1 when the job failed or
// any row failed. Checks only what would make the transfer itself pointless (the job's status, the
// file's size, a BOM, over-long rows); row-level validation is the job's (and `users validate`'s).
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
}

const fmt = (n: number) => n.toLocaleString("en-US");

export default defineCommand<Opts>({
  name: "import-jobs upload",
  summary: "Upload a users CSV to an import job's presigned URL (then --start it)",
  description:
    "Upload a users CSV file to the PreSignedUrl of a user import job in Created status (from " +
    "create-user-import-job; the URL is valid for 15 minutes), with the x-amz-server-side-encryption " +
    "header it is signed with. Works against AWS, any --endpoint-url, and --local. --start then calls " +
    "StartUserImportJob and waits for the job to end (it prints the final job; exit 1 when the job " +
    "Failed, was stopped, or any row failed). The file must be UTF-8 without a BOM, at most 100 MB, " +
    "rows at most 16,000 characters; its columns must be those of get-csv-header.",
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
      .option(
        "--start",
        "Start the job (StartUserImportJob) once the file is uploaded, and wait for it to end",
      );
  },
  async run(opts, _args, ctx) {
    await checkFile(opts.file);
    const [{ createCognitoCall }, { uploadToPresignedUrl }] = await Promise.all([
      import("../../src/kernel/cognito-call.js"),
      import("../../src/kernel/presigned-upload.js"),
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
      await call("StartUserImportJob", { UserPoolId: opts.userPoolId, JobId: opts.jobId });
      const ended = await waitForJob(ctx, () =>
        call("DescribeUserImportJob", { UserPoolId: opts.userPoolId, JobId: opts.jobId }),
      );
      ctx.printer.result({ UserImportJob: ended }, { title: "DescribeUserImportJob" });
      const failedRows = Number(ended.FailedUsers ?? 0);
      if (ended.Status === "Succeeded" && failedRows === 0) return;
      ctx.printer.warn(
        ended.Status === "Succeeded"
          ? `Import job ${opts.jobId} ended with ${fmt(failedRows)} failed row(s); its CloudWatch Logs stream names each one ([FAILED] Line Number N).`
          : `Import job ${opts.jobId} ended ${ended.Status}: ${ended.CompletionMessage ?? "no message"}`,
      );
      // 1: the job or some of its rows failed (the transfer itself worked).
      return 1;
    }
    ctx.printer.done(
      `Start it with: cogctl start-user-import-job --user-pool-id ${opts.userPoolId} --job-id ${opts.jobId}`,
    );
    ctx.printer.result({ JobId: opts.jobId, UploadedBytes: bytes });
  },
});

interface JobState {
  Status?: string;
  ImportedUsers?: number;
  SkippedUsers?: number;
  FailedUsers?: number;
  CompletionMessage?: string;
}

const FINISHED = new Set(["Succeeded", "Failed", "Stopped", "Expired"]);

/**
 * Polls until the job ends: quickly at first (a small file is done in moments), then every 5 s at
 * most (the DescribeUserImportJob quota is shared with other callers). Counters on a terminal.
 */
async function waitForJob(
  ctx: { printer: { info(message: string): void } },
  describe: () => Promise<{ UserImportJob?: unknown }>,
): Promise<JobState> {
  let delay = 100;
  for (;;) {
    const job = ((await describe()).UserImportJob ?? {}) as JobState;
    if (FINISHED.has(job.Status ?? "")) return job;
    ctx.printer.info(
      `${job.Status}: ${fmt(job.ImportedUsers ?? 0)} imported, ${fmt(job.SkippedUsers ?? 0)} skipped, ${fmt(job.FailedUsers ?? 0)} failed`,
    );
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay = Math.min(delay * 2, 5000);
  }
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
