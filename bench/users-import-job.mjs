// Issue 10's `--via job` benchmark: N users (default 500,000) through the whole job path against the
// embedded endpoint in its own process (`cogctl local serve --in-memory`): the part file written,
// uploaded, the job run in the endpoint's background, polled, its CloudWatch Logs stream read back
// (1,000 of the users exist beforehand, so the job skips them and the whole log is read). Target: 500,000 rows in
// ≤ 60 s with the endpoint's memory bounded. Prints the time of each phase, rows/s, the endpoint's
// peak RSS (sampled from /proc) and this process's, and the load average.
// Not a test: it checks only that the counts come out right.
// Usage: npm run build && node bench/users-import-job.mjs [rows] [--disk]
//   --disk: the endpoint on a data directory instead of --in-memory.
//   BENCH_ENDPOINT_NODE_ARGS="--cpu-prof --cpu-prof-dir=DIR": node flags for the endpoint alone.
import { once } from "node:events";
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import {
  AdminCreateUserCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolCommand,
  DescribeUserImportJobCommand,
  DescribeUserPoolCommand,
  GetCSVHeaderCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { ROOT, startEndpoint } from "./lib.mjs";

const root = ROOT;
const args = process.argv.slice(2);
const rows = Number(args.find((a) => /^\d+$/.test(a)) ?? 500_000);
// --disk: the endpoint keeps its database in a data directory (as `local serve` does by default)
// rather than `--in-memory`, where SQLite holds every imported user in the process's own memory.
const onDisk = args.includes("--disk");
// The endpoint checks no credentials; the SDK still wants some, and no Node-version notice.
process.env.AWS_ACCESS_KEY_ID ??= "bench";
process.env.AWS_SECRET_ACCESS_KEY ??= "bench";
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
const work = mkdtempSync(join(tmpdir(), "cogctl-bench-job-"));
const { createContext } = await import(join(root, "dist/src/kernel/create-context.js"));
const { createTestIO } = await import(join(root, "dist/src/kernel/io/test-io.js"));
const { jobImportFor, jobImportError } = await import(join(root, "dist/src/kernel/import/via-job.js"));
const { importPoolFrom, openImportFile } = await import(join(root, "dist/src/cognito/csv/index.js"));

const { child, url } = await startEndpoint([], {
  dataDir: onDisk ? join(work, "data") : undefined,
  // BENCH_ENDPOINT_NODE_ARGS: node flags for the endpoint only (e.g. "--cpu-prof --cpu-prof-dir=DIR").
  nodeArgs: process.env.BENCH_ENDPOINT_NODE_ARGS?.split(" ").filter(Boolean) ?? [],
});
const rss = (pid) => {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) * 1024 : 0;
};
let endpointPeak = 0;
const sampler = setInterval(() => {
  endpointPeak = Math.max(endpointPeak, rss(child.pid));
}, 100);

try {
  const sdk = new CognitoIdentityProviderClient({
    region: "us-east-1",
    endpoint: url,
    credentials: { accessKeyId: "bench", secretAccessKey: "bench" },
  });
  const { UserPool } = await sdk.send(
    new CreateUserPoolCommand({ PoolName: "bench", AutoVerifiedAttributes: ["email"] }),
  );
  const { CSVHeader } = await sdk.send(new GetCSVHeaderCommand({ UserPoolId: UserPool.Id }));
  const described = await sdk.send(new DescribeUserPoolCommand({ UserPoolId: UserPool.Id }));
  // Existing users: the job skips them, so its log is read back (an all-imported job's is not needed).
  const EXISTING = Math.min(1000, rows);
  for (let i = 0; i < EXISTING; i += 50) {
    await Promise.all(
      Array.from({ length: Math.min(50, EXISTING - i) }, (_, k) =>
        sdk.send(
          new AdminCreateUserCommand({
            UserPoolId: UserPool.Id,
            Username: `user${(i + k) * Math.floor(rows / EXISTING)}`,
            MessageAction: "SUPPRESS",
          }),
        ),
      ),
    );
  }
  sdk.destroy();
  const importPool = importPoolFrom(described.UserPool, CSVHeader);

  const file = join(work, "users.csv");
  const t0 = performance.now();
  const out = createWriteStream(file);
  out.write(`${CSVHeader.join(",")}\n`);
  const at = Object.fromEntries(CSVHeader.map((c, i) => [c, i]));
  for (let i = 0; i < rows; i++) {
    const cells = new Array(CSVHeader.length).fill("");
    cells[at["cognito:username"]] = `user${i}`;
    cells[at["cognito:mfa_enabled"]] = "false";
    cells[at.email] = `user${i}@example.com`;
    cells[at.email_verified] = "true";
    cells[at.given_name] = `Given${i}`;
    if (!out.write(`${cells.join(",")}\n`)) await once(out, "drain");
  }
  out.end();
  await once(out, "close");
  const t1 = performance.now();

  const io = createTestIO({ env: process.env });
  const ctx = createContext(io, {
    output: "json",
    outputExplicit: false,
    paginate: true,
    debug: false,
    color: "off",
    local: false,
    region: "us-east-1",
    endpointUrl: url,
  });
  let header;
  const rowsOf = async function* () {
    const { createReadStream } = await import("node:fs");
    const opened = await openImportFile(createReadStream(file), importPool);
    header = opened.header;
    yield* opened.rows();
  };
  let clientPeak = 0;
  const clientSampler = setInterval(() => {
    clientPeak = Math.max(clientPeak, process.memoryUsage().rss);
  }, 100);
  const summary = await jobImportFor({
    roleArn: "arn:aws:iam::000000000000:role/Bench",
    pollInterval: "0.5",
  })(ctx, {
    file: { path: file, shownPath: "users.csv", rows: rowsOf, header },
    pool: { id: UserPool.Id, name: "bench" },
    importPool,
    rows,
    invalid: 0,
    rejectsFile: join(work, "users.rejects.csv"),
  });
  clearInterval(clientSampler);
  const t2 = performance.now();
  // The job's own time in the endpoint (StartDate → CompletionDate), out of the whole.
  const jobs = await Promise.all(
    summary.jobIds.map(async (JobId) => {
      const call = await ctx.cognito();
      const { UserImportJob } = await call.send(
        new DescribeUserImportJobCommand({ UserPoolId: UserPool.Id, JobId }),
      );
      return (UserImportJob.CompletionDate - UserImportJob.StartDate) / 1000;
    }),
  );
  await ctx.close();
  const mb = (b) => `${(b / 1024 / 1024).toFixed(0)} MB`;
  process.stdout.write(
    `users-import-job: ${rows.toLocaleString("en-US")} rows: file written in ${((t1 - t0) / 1000).toFixed(1)} s; ` +
      `import (part file, upload, job, poll, log read-back, rejects) ${((t2 - t1) / 1000).toFixed(1)} s = ` +
      `${Math.round(rows / ((t2 - t1) / 1000)).toLocaleString("en-US")} rows/s; ` +
      `the job(s) in the endpoint ${jobs.map((j) => `${j.toFixed(1)} s`).join(" + ")}; ` +
      `imported ${summary.imported}, skipped ${summary.skipped}, failed ${summary.failed}; ` +
      `endpoint peak RSS ${mb(endpointPeak)}, cogctl side ${mb(clientPeak)}; load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")}\n`,
  );
  if (summary.imported !== rows - EXISTING || summary.skipped !== EXISTING || jobImportError(summary)) {
    process.stderr.write(`unexpected outcome: ${JSON.stringify(summary)}\n`);
    process.exitCode = 1;
  }
} finally {
  clearInterval(sampler);
  child.kill("SIGTERM");
  if (child.exitCode === null) await once(child, "exit");
  rmSync(work, { recursive: true, force: true });
}
