// `cogctl users validate` (the bundled bin/cogctl) on a 10 MB and a ~100 MB, 500,000-row users file
// against a pool of `cogctl local serve`: rows/s and the child's peak RSS for each size, to show the
// reader streams (memory constant in the file size). Target (issue 10): >= 100,000 rows/s and peak RSS
// <= 150 MB on the 100 MB file. 0.5% of rows carry a problem (their lines go to a pipe, read and
// dropped), so the report path is exercised too.
//   node bench/users-validate.mjs [--rows 500000]
// Runs bin/cogctl, so build first (`npm run bench` does).
import { createWriteStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CreateUserPoolCommand } from "@aws-sdk/client-cognito-identity-provider";
// The header as the domain documents it (bench/run.mjs builds dist/ first).
import { documentedCsvHeader } from "../dist/src/cognito/csv/pool.js";
import { BIN, benchEnv, loadAverage, numberFlag, sdkClient, startEndpoint, timed } from "./lib.mjs";

const ROWS = numberFlag("rows", 500_000);
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

/** One `cogctl users validate` under /usr/bin/time: wall seconds, peak RSS (MB), exit code, problem lines. */
async function validate(url, path) {
  const env = benchEnv({ NO_COLOR: "1" });
  const args = [BIN, "--endpoint-url", url, "users", "validate", path, "--pool", "bench"];
  // Problems are expected (exit 1): the code is reported, not thrown.
  const r = await timed(process.execPath, args, { env, peakRss: true, check: false });
  return {
    code: r.code,
    seconds: r.ms / 1000,
    rssMB: r.rssMB,
    lines: r.stdout.split("\n").length - 1,
    summary: r.stderr.split("\n").find((l) => l.includes("rows")),
  };
}

const dir = mkdtempSync(join(tmpdir(), "cogctl-bench-validate-"));
let serve;
try {
  serve = await startEndpoint([], { dataDir: join(dir, "data") });
  const client = sdkClient(serve.url);
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
    `(wall time includes cogctl's start-up and the two pool calls; load average ${loadAverage(2)})`,
  );
  for (const r of results) console.log(`  ${r.label}: ${r.summary ?? "(no summary)"}`);
} finally {
  await serve?.stop();
  rmSync(dir, { recursive: true, force: true });
}
