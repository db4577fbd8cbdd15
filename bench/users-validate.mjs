// `cogctl users validate` (the bundled bin/cogctl) on a 10 MB and a ~100 MB, 500,000-row users file
// against a pool of `cogctl local serve`: rows/s and the child's peak RSS for each size, to show the
// reader streams (memory constant in the file size). Target (issue 10): >= 100,000 rows/s and peak RSS
// <= 150 MB on the 100 MB file. 0.5% of rows carry a problem (their lines go to a pipe, read and
// dropped), so the report path is exercised too.
//   node bench/users-validate.mjs [--rows 500000]
// Runs bin/cogctl, so build first (`npm run bench` does).
import { spawn } from "node:child_process";
import { createWriteStream, existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  CognitoIdentityProviderClient,
  CreateUserPoolCommand,
} from "@aws-sdk/client-cognito-identity-provider";
// The header as the domain documents it (bench/run.mjs builds dist/ first).
import { documentedCsvHeader } from "../dist/src/cognito/csv/pool.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const bin = join(root, "bin", "cogctl");
const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const ROWS = arg("rows", 500_000);
const HEADER = documentedCsvHeader([{ Name: "custom:tier" }]);

/** Writes rows users (about 208 bytes each: 500,000 rows are just under 100 MB); every 200th is wrong. */
async function writeFile(path, rows) {
  const out = createWriteStream(path);
  out.write(`${HEADER.join(",")}\n`);
  let batch = [];
  for (let i = 0; i < rows; i++) {
    const n = String(i).padStart(6, "0");
    const email = i % 200 === 199 ? `user${n}@` : `user${n}@example.com`;
    batch.push(
      `User ${n},User,N${n},,,,,,https://example.com/u/${n},${email},true,,0${1 + (i % 9)}/1${i % 9}/19${50 + (i % 50)},Europe/Paris,fr-FR,+3361${n},false,${i} Rue de la Paix\\, Apt ${i % 90}\\, Paris,1700000000,gold,false,user${n}`,
    );
    if (batch.length === 1000) {
      if (!out.write(`${batch.join("\n")}\n`)) await new Promise((r) => out.once("drain", r));
      batch = [];
    }
  }
  if (batch.length) out.write(`${batch.join("\n")}\n`);
  await new Promise((r) => out.end(r));
}

async function startServe(dataDir) {
  const child = spawn(
    process.execPath,
    [bin, "local", "serve", "--port", "0", "--data-dir", dataDir, "--log-level", "error"],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const url = await new Promise((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
      if (out.includes("\n"))
        resolve(
          out
            .trim()
            .split(/\s+/)
            .find((w) => w.startsWith("http")),
        );
    });
    child.once("exit", (c) => reject(new Error(`cogctl local serve exited ${c}`)));
  });
  return {
    url,
    stop: () =>
      new Promise((r) => {
        if (child.exitCode !== null) return r();
        child.once("exit", r);
        child.kill();
      }),
  };
}

/** One `cogctl users validate` under /usr/bin/time: wall seconds, peak RSS (MB), exit code, problem lines. */
function validate(url, path) {
  const env = {
    ...process.env,
    AWS_ACCESS_KEY_ID: "bench",
    AWS_SECRET_ACCESS_KEY: "bench",
    AWS_REGION: "us-east-1",
    NO_COLOR: "1",
  };
  const args = [process.execPath, bin, "--endpoint-url", url, "users", "validate", path, "--pool", "bench"];
  const timed = existsSync("/usr/bin/time");
  const [cmd, ...rest] = timed ? ["/usr/bin/time", "-f", "TIME %e %M", ...args] : args;
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(cmd, rest, { env, stdio: ["ignore", "pipe", "pipe"] });
    let lines = 0;
    let stderr = "";
    child.stdout.on("data", (d) => {
      for (const b of d) if (b === 10) lines++;
    });
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => {
      const seconds = (performance.now() - started) / 1000;
      const m = /TIME ([\d.]+) (\d+)/.exec(stderr);
      resolve({
        code,
        seconds,
        rssMB: m ? Number(m[2]) / 1024 : undefined,
        lines,
        summary: stderr.split("\n").find((l) => l.includes("rows")),
      });
    });
  });
}

const dir = mkdtempSync(join(tmpdir(), "cogctl-bench-validate-"));
let serve;
try {
  serve = await startServe(join(dir, "data"));
  const client = new CognitoIdentityProviderClient({
    region: "us-east-1",
    endpoint: serve.url,
    credentials: { accessKeyId: "bench", secretAccessKey: "bench" },
  });
  await client.send(
    new CreateUserPoolCommand({
      PoolName: "bench",
      AutoVerifiedAttributes: ["email"],
      Schema: [{ Name: "tier", AttributeDataType: "String", Mutable: true }],
    }),
  );
  client.destroy();
  const sizes = [
    ["10 MB", Math.round(ROWS / 10)],
    ["100 MB", ROWS],
  ];
  const results = [];
  for (const [label, rows] of sizes) {
    const path = join(dir, `users-${rows}.csv`);
    await writeFile(path, rows);
    const bytes = statSync(path).size;
    const r = await validate(serve.url, path);
    results.push({ label, rows, bytes, ...r });
    rmSync(path, { force: true });
  }
  console.log("file      rows       bytes         wall s   rows/s    peak RSS  exit  problem lines");
  for (const r of results) {
    console.log(
      `${r.label.padEnd(8)}  ${String(r.rows).padStart(7)}  ${String(r.bytes).padStart(11)}  ${r.seconds.toFixed(2).padStart(7)}  ${String(Math.round(r.rows / r.seconds)).padStart(7)}  ${r.rssMB ? `${r.rssMB.toFixed(0)} MB`.padStart(8) : "       ?"}  ${String(r.code).padStart(4)}  ${r.lines}`,
    );
  }
  console.log(
    `(wall time includes cogctl's start-up and the two pool calls; load average ${(await import("node:os"))
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")})`,
  );
  for (const r of results) console.log(`  ${r.label}: ${r.summary ?? "(no summary)"}`);
} finally {
  await serve?.stop();
  rmSync(dir, { recursive: true, force: true });
}
