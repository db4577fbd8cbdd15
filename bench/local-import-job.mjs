// A user import job of 500,000 rows (about 100 MB) against `cogctl local serve` (its own process,
// persisting to disk) over HTTP with the AWS SDK: CreateUserImportJob, the PUT of the file to the
// PreSignedUrl, StartUserImportJob, then DescribeUserImportJob polled until the job ends. Reports
// the seconds of each step, the server's peak RSS (VmHWM from /proc: memory must stay bounded, the
// file is streamed), and how fast another request (ListUserPools) was answered meanwhile.
//   node bench/local-import-job.mjs [--rows 500000]
// Runs bin/cogctl, so build first (`npm run bench` does). Target: ≤ 60 s for 500,000 rows.
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { request } from "node:http";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import {
  CognitoIdentityProviderClient,
  CreateUserImportJobCommand,
  CreateUserPoolCommand,
  DescribeUserImportJobCommand,
  GetCSVHeaderCommand,
  ListUserPoolsCommand,
  StartUserImportJobCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { startEndpoint } from "./lib.mjs";

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const ROWS = arg("rows", 500_000);

/** `cogctl local serve` on dataDir: its child process and URL. */
async function startServe(dataDir) {
  const { child, url } = await startEndpoint([], { dataDir });
  return { child, url };
}

/** Peak and current resident memory of a process, in MB (Linux /proc). */
function memoryOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (key) => Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0);
  return { peak: kb("VmHWM") / 1024, now: kb("VmRSS") / 1024 };
}

/** Writes the CSV row by row (never held whole): ~200 bytes a row, every value valid. */
async function writeCsv(path, header) {
  const out = createWriteStream(path);
  const write = (s) => (out.write(s) ? undefined : new Promise((r) => out.once("drain", r)));
  await write(`${header.join(",")}\n`);
  const at = Object.fromEntries(header.map((c, i) => [c, i]));
  const blank = header.map(() => "");
  for (let i = 1; i <= ROWS; i++) {
    const row = blank.slice();
    const name = `user${String(i).padStart(7, "0")}`;
    row[at["cognito:username"]] = name;
    row[at["cognito:mfa_enabled"]] = "false";
    row[at.email] = `${name}@example.com`;
    row[at.email_verified] = "TRUE";
    row[at.given_name] = "Alexandra";
    row[at.family_name] = "Montgomery-Smithson";
    row[at.name] = "Alexandra Montgomery-Smithson\\, Jr.";
    row[at.nickname] = "Alex";
    row[at.locale] = "en-GB";
    row[at.zoneinfo] = "Europe/London";
    row[at.address] = "221B Baker Street\\, London";
    row[at.updated_at] = "1700000000";
    const p = write(`${row.join(",")}\n`);
    if (p) await p;
  }
  await new Promise((r) => out.end(r));
}

function upload(url, file) {
  const size = statSync(file).size;
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: "PUT",
        headers: { "content-length": String(size), "x-amz-server-side-encryption": "aws:kms" },
      },
      (res) => {
        res.resume();
        res.on("end", () =>
          res.statusCode === 200 ? resolve(size) : reject(new Error(`PUT ${res.statusCode}`)),
        );
      },
    );
    req.on("error", reject);
    createReadStream(file).pipe(req);
  });
}

const dir = mkdtempSync(join(tmpdir(), "cogctl-bench-import-"));
const { child, url } = await startServe(join(dir, "data"));
const client = new CognitoIdentityProviderClient({
  region: "us-east-1",
  endpoint: url,
  credentials: { accessKeyId: "local", secretAccessKey: "local" },
});
try {
  const { UserPool } = await client.send(
    new CreateUserPoolCommand({ PoolName: "bench", AutoVerifiedAttributes: ["email"] }),
  );
  const { CSVHeader } = await client.send(new GetCSVHeaderCommand({ UserPoolId: UserPool.Id }));
  const file = join(dir, "users.csv");
  let t = performance.now();
  await writeCsv(file, CSVHeader);
  const bytes = statSync(file).size;
  console.log(
    `file: ${ROWS.toLocaleString()} rows, ${(bytes / 1e6).toFixed(1)} MB (written in ${((performance.now() - t) / 1000).toFixed(1)} s)`,
  );

  const started = performance.now();
  const { UserImportJob: job } = await client.send(
    new CreateUserImportJobCommand({
      UserPoolId: UserPool.Id,
      JobName: "bench",
      CloudWatchLogsRoleArn: "arn:aws:iam::000000000000:role/CognitoImport",
    }),
  );
  t = performance.now();
  await upload(job.PreSignedUrl, file);
  const uploadSeconds = (performance.now() - t) / 1000;
  t = performance.now();
  await client.send(new StartUserImportJobCommand({ UserPoolId: UserPool.Id, JobId: job.JobId }));
  const startMs = performance.now() - t;

  let done = false;
  const latencies = [];
  const probe = (async () => {
    while (!done) {
      const p = performance.now();
      await client.send(new ListUserPoolsCommand({ MaxResults: 10 }));
      latencies.push(performance.now() - p);
      await new Promise((r) => setTimeout(r, 25));
    }
  })();
  let ended;
  for (;;) {
    const { UserImportJob } = await client.send(
      new DescribeUserImportJobCommand({ UserPoolId: UserPool.Id, JobId: job.JobId }),
    );
    if (["Succeeded", "Failed", "Stopped", "Expired"].includes(UserImportJob.Status)) {
      ended = UserImportJob;
      break;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  const importSeconds = (performance.now() - t) / 1000;
  done = true;
  await probe;
  const total = (performance.now() - started) / 1000;
  const mem = memoryOf(child.pid);
  latencies.sort((a, b) => a - b);
  const pct = (q) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * q))].toFixed(1);
  console.log(
    `job: ${ended.Status}, ${ended.ImportedUsers.toLocaleString()} imported, ${ended.SkippedUsers} skipped, ${ended.FailedUsers} failed (${ended.CompletionMessage})`,
  );
  console.log(
    `time: ${total.toFixed(1)} s create → Succeeded (upload ${uploadSeconds.toFixed(1)} s, Start answered in ${startMs.toFixed(0)} ms, import ${importSeconds.toFixed(1)} s = ${Math.round(ROWS / importSeconds).toLocaleString()} rows/s); target ≤ 60 s`,
  );
  console.log(
    `server peak RSS (VmHWM): ${mem.peak.toFixed(0)} MB (now ${mem.now.toFixed(0)} MB); the file is ${(bytes / 1e6).toFixed(0)} MB`,
  );
  console.log(
    `ListUserPools during the import: ${latencies.length} calls, p50 ${pct(0.5)} ms, p99 ${pct(0.99)} ms, max ${pct(1)} ms`,
  );
  console.log(
    `load average: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(", ")}`,
  );
} finally {
  client.destroy();
  child.kill("SIGTERM");
  await new Promise((r) => child.once("exit", r));
  rmSync(dir, { recursive: true, force: true });
}
