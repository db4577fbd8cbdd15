// cogctl import-jobs upload end to end: in process with --local (a temp COGCTL_DATA_DIR), over real
// HTTP against `local serve` on port 0, the refusals (exit 252 before any upload), and the upload
// module's error answers (status and S3 message, exit 254; network failure, exit 255) — never
// showing the presigned URL's query string (its signature).
import { once } from "node:events";
import { mkdtempSync, readFileSync, statSync, truncateSync, writeFileSync } from "node:fs";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CliError } from "../src/kernel/errors.js";
import { uploadToPresignedUrl } from "../src/kernel/presigned-upload.js";
import { runCli } from "./helpers/cli.js";
import { commandContext, startServeCommand } from "./helpers/command-context.js";
import { applyEnv, isolatedAwsEnv } from "./helpers/env.js";

const ROLE = "arn:aws:iam::000000000000:role/CognitoImport";

let dir: string;
let env: Record<string, string | undefined>;
let restoreEnv: () => void;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "cogctl-import-upload-"));
  env = isolatedAwsEnv({
    COGCTL_DATA_DIR: join(dir, "data"),
    COGCTL_CONFIG_DIR: join(dir, "config"),
  });
  // The SDK's credential and region providers read process.env in process.
  restoreEnv = applyEnv(env);
});
afterAll(() => restoreEnv());

const cli = (argv: string[]) => runCli(argv, { env });

async function ok(argv: string[]): Promise<any> {
  const r = await cli(argv);
  expect(r.stderr, `cogctl ${argv.join(" ")}`).toBe("");
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
}

/** A pool, its CSV header and a fresh import job, through the CLI (`where` = --local or --endpoint-url URL). */
async function newJob(where: string[], name = "upload") {
  const pool = (
    await ok([...where, "create-user-pool", "--pool-name", name, "--auto-verified-attributes", "email"])
  ).UserPool.Id as string;
  const header = (await ok([...where, "get-csv-header", "--user-pool-id", pool])).CSVHeader as string[];
  const job = (
    await ok([
      ...where,
      "create-user-import-job",
      "--user-pool-id",
      pool,
      "--job-name",
      name,
      "--cloud-watch-logs-role-arn",
      ROLE,
    ])
  ).UserImportJob;
  expect(job.Status).toBe("Created");
  return { pool, header, jobId: job.JobId as string, url: job.PreSignedUrl as string };
}

function csvFile(name: string, header: string[], users: string[], eol = "\n"): string {
  const lines = [header.join(",")];
  for (const u of users) {
    const row: Record<string, string> = {
      "cognito:username": u,
      "cognito:mfa_enabled": "false",
      email: `${u}@example.com`,
      email_verified: "TRUE",
    };
    lines.push(header.map((c) => row[c] ?? "").join(","));
  }
  const path = join(dir, name);
  writeFileSync(path, `${lines.join(eol)}${eol}`);
  return path;
}

const upload = (where: string[], pool: string, jobId: string, file: string, ...more: string[]) =>
  cli([
    ...where,
    "import-jobs",
    "upload",
    "--user-pool-id",
    pool,
    "--job-id",
    jobId,
    "--file",
    file,
    ...more,
  ]);

/** What must never be printed: the URL's query string (signature, credential, token), or any part of it. */
const queryOf = (url: string) => url.slice(url.indexOf("?") + 1);

describe("import-jobs upload --local (in process)", () => {
  it("uploads, --start imports the users as RESET_REQUIRED", async () => {
    const L = ["--local"];
    const { pool, header, jobId } = await newJob(L);
    const file = csvFile("local.csv", header, ["ann", "ben"]);
    const r = await upload(L, pool, jobId, file, "--start");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const started = JSON.parse(r.stdout).UserImportJob;
    expect(started).toMatchObject({ JobId: jobId, Status: "Succeeded", ImportedUsers: 2, FailedUsers: 0 });

    const described = await ok([...L, "describe-user-import-job", "--user-pool-id", pool, "--job-id", jobId]);
    expect(described.UserImportJob).toMatchObject({ Status: "Succeeded", ImportedUsers: 2, SkippedUsers: 0 });
    const ann = await ok([...L, "admin-get-user", "--user-pool-id", pool, "--username", "ann"]);
    expect(ann.UserStatus).toBe("RESET_REQUIRED");
    expect(ann.UserAttributes).toContainEqual({ Name: "email", Value: "ann@example.com" });
  });

  it("without --start prints { JobId, UploadedBytes }; --debug never shows the URL's query string", async () => {
    const L = ["--local"];
    const { pool, header, jobId, url } = await newJob(L, "nostart");
    const file = csvFile("crlf.csv", header, ["cat"], "\r\n");
    const r = await upload(L, pool, jobId, file, "--debug");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ JobId: jobId, UploadedBytes: statSync(file).size });
    const uploadLines = r.stderr.split("\n").filter((l) => l.startsWith("upload"));
    expect(uploadLines).toHaveLength(2);
    // The embedded endpoint's upload token is in the URL's path: only the origin is shown.
    expect(uploadLines[0]).toContain(`upload: PUT ${new URL(url).origin}/****?**** (`);
    expect(r.stderr).not.toContain(new URL(url).pathname);
    expect(uploadLines[0]).toContain('"x-amz-server-side-encryption":"aws:kms"');
    expect(uploadLines[1]).toMatch(/^upload response: 200 in \d+ ms$/);
    expect(uploadLines.join("\n")).not.toContain(queryOf(url));
    expect(uploadLines.join("\n")).not.toContain("X-Amz-");
    // Nor does the trace of DescribeUserImportJob's response, anywhere on stderr.
    expect(r.stderr).toMatch(/response body: .*PreSignedUrl/);
    expect(r.stderr).not.toContain(queryOf(url));

    // Start answers at once; the --local process is the endpoint and ends when its job has.
    const started = await ok([...L, "start-user-import-job", "--user-pool-id", pool, "--job-id", jobId]);
    expect(started.UserImportJob).toMatchObject({ Status: "Pending" });
    const ended = await ok([...L, "describe-user-import-job", "--user-pool-id", pool, "--job-id", jobId]);
    expect(ended.UserImportJob).toMatchObject({ Status: "Succeeded", ImportedUsers: 1 });
  });

  it("--start exits 1 when rows failed, naming where to find them", async () => {
    const L = ["--local"];
    const { pool, header, jobId } = await newJob(L, "with-bad-rows");
    const file = csvFile("bad-rows.csv", header, ["kim", "has\u0000nul"]);
    const r = await upload(L, pool, jobId, file, "--start");
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).UserImportJob).toMatchObject({
      Status: "Succeeded",
      ImportedUsers: 1,
      FailedUsers: 1,
    });
    expect(r.stderr).toContain(
      `Import job ${jobId} finished with failed rows: 1 imported, 0 skipped, 1 failed`,
    );
  });
});

describe("import-jobs upload against `local serve` (HTTP PUT)", () => {
  it("PUTs the file to the server's presigned URL and --start imports it", async () => {
    const { ctx, io } = commandContext(join(dir, "serve"));
    const { url, stop, running } = await startServeCommand(ctx, io);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    try {
      const E = ["--endpoint-url", url];
      const { pool, header, jobId, url: presigned } = await newJob(E, "served");
      expect(presigned.startsWith(`${url}/_upload/`)).toBe(true);
      const file = csvFile("served.csv", header, ["dan", "eve", "fay"]);
      const r = await upload(E, pool, jobId, file, "--start");
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout).UserImportJob).toMatchObject({ Status: "Succeeded", ImportedUsers: 3 });
      // The server saw a real PUT to the upload path (its request log), not the in-process door.
      expect(io.err()).toMatch(/PUT \/_upload\/\S* .*200/);
      const described = await ok([
        ...E,
        "describe-user-import-job",
        "--user-pool-id",
        pool,
        "--job-id",
        jobId,
      ]);
      expect(described.UserImportJob).toMatchObject({ Status: "Succeeded", ImportedUsers: 3 });
      const eve = await ok([...E, "admin-get-user", "--user-pool-id", pool, "--username", "eve"]);
      expect(eve.UserStatus).toBe("RESET_REQUIRED");
    } finally {
      stop();
      expect(await running).toBe(0);
    }
  });
});

describe("import-jobs upload --start waits for the job's end", () => {
  const L = ["--local"];

  it("rows that failed: exit 1 with the counts, the final job on stdout; progress only on a terminal", async () => {
    const { pool, header, jobId } = await newJob(L, "rowsfail");
    const file = csvFile("rowsfail.csv", header, ["hal", "ivy", "jo"]);
    // ivy's birthdate is not mm/dd/yyyy: the job fails that row and goes on.
    const text = readFileSync(file, "utf8").split("\n");
    const at = header.indexOf("birthdate");
    const cells = text[2].split(",");
    cells[at] = "1990-01-31";
    text[2] = cells.join(",");
    writeFileSync(file, text.join("\n"));
    const r = await runCli(
      [
        ...L,
        "import-jobs",
        "upload",
        "--user-pool-id",
        pool,
        "--job-id",
        jobId,
        "--file",
        file,
        "--start",
        "--poll-interval",
        "0.05",
      ],
      {
        env,
        stderrTTY: true,
      },
    );
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).UserImportJob).toMatchObject({
      JobId: jobId,
      Status: "Succeeded",
      ImportedUsers: 2,
      FailedUsers: 1,
    });
    expect(r.stderr).toContain(
      `Import job ${jobId} finished with failed rows: 2 imported, 0 skipped, 1 failed`,
    );
    expect(r.stderr).toContain(`stream ${jobId}/rowsfail`);
    // The progress line, redrawn in place on the terminal and cleared.
    expect(r.stderr).toContain("\r\x1b[K");
    expect(r.stderr).toMatch(/users: \d+ imported, \d+ skipped, \d+ failed/);
  });

  it("a job that ends Failed: exit 254 with its CompletionMessage", async () => {
    const { pool, jobId } = await newJob(L, "jobfail");
    const file = join(dir, "wrong-header.csv");
    writeFileSync(file, "cognito:username,email\nkim,kim@example.com\n");
    const r = await upload(L, pool, jobId, file, "--start");
    expect(r.code).toBe(254);
    expect(JSON.parse(r.stdout).UserImportJob.Status).toBe("Failed");
    expect(r.stderr).toMatch(
      new RegExp(`Import job ${jobId} ended Failed: .*header.*\\(0 imported, 0 skipped, 0 failed\\)`),
    );
  });

  it("--no-wait returns once started, saying how to follow the job", async () => {
    const { pool, header, jobId } = await newJob(L, "nowait");
    const file = csvFile("nowait.csv", header, ["lea"]);
    const r = await runCli(
      [
        ...L,
        "import-jobs",
        "upload",
        "--user-pool-id",
        pool,
        "--job-id",
        jobId,
        "--file",
        file,
        "--start",
        "--no-wait",
      ],
      {
        env,
        stderrTTY: true,
      },
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).UserImportJob).toMatchObject({ JobId: jobId });
    expect(r.stderr).toContain(
      `follow it with: cogctl describe-user-import-job --user-pool-id ${pool} --job-id ${jobId}`,
    );
    expect(r.stderr).not.toContain("imported,");
  });

  it("a bad --poll-interval is refused before the upload", async () => {
    const { pool, header, jobId } = await newJob(L, "badpoll");
    const file = csvFile("badpoll.csv", header, ["max"]);
    const r = await upload(L, pool, jobId, file, "--start", "--poll-interval", "0");
    expect(r.code).toBe(252);
    expect(r.stderr).toContain("--poll-interval 0 is not a number of seconds");
    const described = await ok([...L, "describe-user-import-job", "--user-pool-id", pool, "--job-id", jobId]);
    expect(described.UserImportJob.Status).toBe("Created");
  });
});

describe("import-jobs upload refusals (exit 252)", () => {
  const L = ["--local"];
  let job: Awaited<ReturnType<typeof newJob>>;
  beforeAll(async () => {
    job = await newJob(L, "refusals");
  });

  const refused = async (file: string, jobId = job.jobId) => {
    const r = await upload(L, job.pool, jobId, file);
    expect(r.code).toBe(252);
    expect(r.stdout).toBe("");
    return r.stderr;
  };

  it("a missing file", async () => {
    const missing = join(dir, "nope.csv");
    expect(await refused(missing)).toContain(`--file ${missing} does not exist: pass the path of the CSV`);
    expect(await refused(dir)).toContain("is not a regular file");
  });

  it("a UTF-8 byte order mark", async () => {
    const file = join(dir, "bom.csv");
    writeFileSync(file, `\uFEFF${job.header.join(",")}\n`);
    expect(await refused(file)).toContain(`${file} starts with a UTF-8 byte order mark (BOM)`);
  });

  it("a row longer than 16,000 characters, naming its line (characters, not bytes)", async () => {
    const file = join(dir, "long.csv");
    // 16,000 characters pass even at 4 bytes (2 UTF-16 units) each; 16,001 on line 3 do not.
    writeFileSync(file, `${job.header.join(",")}\n${"😀".repeat(16_000)}\n${"b".repeat(16_001)}\n`);
    const stderr = await refused(file);
    expect(stderr).toContain(`Line 3 of ${file} is 16,001 characters long`);
    expect(stderr).toContain("at most 16,000 characters");
    writeFileSync(file, `${job.header.join(",")}\r\n${"c".repeat(16_000)}\r\n${"d".repeat(16_000)}`);
    const fits = await upload(L, job.pool, job.jobId, file);
    expect(fits.stderr).toBe("");
    expect(fits.code).toBe(0);
  });

  it("a file over 100 MB", async () => {
    const file = join(dir, "huge.csv");
    writeFileSync(file, "");
    truncateSync(file, 100 * 1024 * 1024 + 1); // sparse: no 100 MB written
    expect(await refused(file)).toContain("Cognito accepts import files of at most 100 MB");
  });

  it("a job that is not in Created status says what to do", async () => {
    const file = csvFile("ok.csv", job.header, ["gus"]);
    const other = await newJob(L, "started");
    expect((await upload(L, other.pool, other.jobId, file, "--start")).code).toBe(0);
    const again = await upload(L, other.pool, other.jobId, file);
    expect(again.code).toBe(252);
    expect(again.stderr).toContain(
      `Import job ${other.jobId} is Succeeded, not Created: it has already been started`,
    );
    expect(again.stderr).toContain("Create one with 'cogctl create-user-import-job");

    await ok([...L, "stop-user-import-job", "--user-pool-id", job.pool, "--job-id", job.jobId]);
    expect(await refused(file)).toContain(`Import job ${job.jobId} is Stopped, not Created: it was stopped`);
  });

  it("the required flags", async () => {
    const r = await cli(["--local", "import-jobs", "upload", "--job-id", "import-x", "--file", "x.csv"]);
    expect(r.code).toBe(252);
    expect(r.stderr).toContain("--user-pool-id");
  });
});

describe("uploadToPresignedUrl errors", () => {
  const SIG = "0123456789abcdef0123456789abcdef";
  const { ctx, debug: debugLines } = commandContext("/nonexistent", { debug: true });

  it("a non-2xx answer is exit 254 with the status and S3's Code and Message, never the query string", async () => {
    let seen: { method?: string; headers?: IncomingHttpHeaders; body?: string } = {};
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c) => chunks.push(c));
      req.on("end", () => {
        seen = { method: req.method, headers: req.headers, body: Buffer.concat(chunks).toString() };
        res.writeHead(403, { "content-type": "application/xml" });
        // S3 echoes the canonical request (with the query string) in SignatureDoesNotMatch.
        res.end(
          `<?xml version="1.0"?><Error><Code>SignatureDoesNotMatch</Code><Message>The signature &amp; the request differ</Message><CanonicalRequest>PUT ${req.url}</CanonicalRequest></Error>`,
        );
      });
    });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const url = `${base}/bucket/key.csv?X-Amz-Credential=AKIA%2F&X-Amz-Signature=${SIG}`;
    const file = join(dir, "err.csv");
    writeFileSync(file, "a,b\n1,2\n");
    try {
      const err = (await uploadToPresignedUrl(ctx, url, file).catch((e) => e)) as CliError;
      expect(err).toBeInstanceOf(CliError);
      expect(err.exitCode).toBe(254);
      expect(err.message).toBe(
        `The upload to ${base}/****?**** failed: HTTP 403 SignatureDoesNotMatch: The signature & the request differ`,
      );
      expect(seen.method).toBe("PUT");
      expect(seen.headers?.["x-amz-server-side-encryption"]).toBe("aws:kms");
      expect(seen.headers?.["content-length"]).toBe("8");
      expect(seen.headers?.["transfer-encoding"]).toBeUndefined();
      expect(seen.body).toBe("a,b\n1,2\n");
      expect(debugLines.join("\n")).toContain("upload response: 403");
      expect(debugLines.join("\n")).not.toContain(SIG);
    } finally {
      server.close();
    }

    // A port nobody listens on: a network failure, exit 255.
    const gone = createServer().listen(0, "127.0.0.1");
    await once(gone, "listening");
    const deadBase = `http://127.0.0.1:${(gone.address() as AddressInfo).port}`;
    gone.close();
    await once(gone, "close");
    const down = (await uploadToPresignedUrl(ctx, url.replace(base, deadBase), file).catch(
      (e) => e,
    )) as CliError;
    expect(down).toBeInstanceOf(CliError);
    expect(down.exitCode).toBe(255);
    expect(down.message).toBe(`Could not upload to ${deadBase}/****?**** (ECONNREFUSED)`);
    expect(debugLines.join("\n")).not.toContain(SIG);
  });
});
