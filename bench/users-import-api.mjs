// `cogctl users import --via api` against `cogctl local serve --quotas` (Cognito's default quotas:
// UserCreation 50/s): the sustained AdminCreateUser rate as a share of the configured --rate, and
// whether any row was lost or doubled (the pool's users against the file's, the summary's counts),
// then the same with seeded faults (throttling, 5xx, dropped connections, half after the operation).
//   node bench/users-import-api.mjs [--rows 2000] [--rate 50]
// Runs bin/cogctl, so build first (`npm run bench` does).
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  CognitoIdentityProviderClient,
  CreateUserPoolCommand,
  ListUsersCommand,
} from "@aws-sdk/client-cognito-identity-provider";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const bin = join(root, "bin", "cogctl");
const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const ROWS = arg("rows", 2000);
const RATE = arg("rate", 50);

const HEADER =
  "name,given_name,family_name,middle_name,nickname,preferred_username,profile,picture,website,email,email_verified,gender,birthdate,zoneinfo,locale,phone_number,phone_number_verified,address,updated_at,cognito:mfa_enabled,cognito:username";
const row = (i) => `User ${i},,,,,,,,,user${i}@example.com,true,,,,,,false,,,false,user${i}`;

async function serve(args) {
  const child = spawn(process.execPath, [bin, "local", "serve", "--port", "0", "--in-memory", ...args], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  const url = await new Promise((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
      const m = /https?:\/\/[^\s]+/.exec(out);
      if (m) resolve(m[0]);
    });
    child.once("exit", (c) => reject(new Error(`cogctl local serve exited ${c}`)));
  });
  return { url, child };
}

function run(argv, env) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...argv], {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

async function scenario(name, serveArgs) {
  const dir = mkdtempSync(join(tmpdir(), "bench-import-"));
  const { url, child } = await serve(serveArgs);
  const client = new CognitoIdentityProviderClient({
    region: "us-east-1",
    endpoint: url,
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
    maxAttempts: 10,
  });
  try {
    const { UserPool } = await client.send(
      new CreateUserPoolCommand({ PoolName: "bench", AutoVerifiedAttributes: ["email"] }),
    );
    const file = join(dir, "users.csv");
    writeFileSync(file, `${[HEADER, ...Array.from({ length: ROWS }, (_, i) => row(i))].join("\n")}\n`);
    const env = {
      AWS_ACCESS_KEY_ID: "local",
      AWS_SECRET_ACCESS_KEY: "local",
      AWS_REGION: "us-east-1",
      COGCTL_STATE_DIR: join(dir, "state"),
    };
    const argv = ["--endpoint-url", url, "users", "import", file, "--pool", UserPool.Id, "--via", "api"];
    argv.push("--rate", String(RATE), "--output", "json");
    const started = performance.now();
    let r = await run(argv, env);
    let resumes = 0;
    // A row left unsettled by faults ends the command non-zero with "resume": the same command again.
    while (r.code !== 0 && /--resume/.test(r.stderr) && resumes < 5) {
      resumes++;
      r = await run(argv, env);
    }
    const seconds = (performance.now() - started) / 1000;
    const summary = JSON.parse(r.stdout || "{}");
    const users = [];
    let token;
    do {
      const page = await client.send(
        new ListUsersCommand({ UserPoolId: UserPool.Id, PaginationToken: token }),
      );
      users.push(...page.Users);
      token = page.PaginationToken;
    } while (token);
    const names = new Set(users.map((u) => u.Username));
    const lost = Array.from({ length: ROWS }, (_, i) => `user${i}`).filter((u) => !names.has(u)).length;
    const doubled = users.length - names.size;
    const created = users.map((u) => new Date(u.UserCreateDate).getTime()).sort((a, b) => a - b);
    const spanSeconds = (created[created.length - 1] - created[0]) / 1000;
    const sustained = (created.length - 1) / spanSeconds;
    console.log(
      [
        `${name}:`,
        `  exit ${r.code}${resumes ? ` after ${resumes} resume(s)` : ""}; imported ${summary.imported} skipped ${summary.skipped} failed ${summary.failed} of ${ROWS}`,
        `  sustained ${sustained.toFixed(1)} creations/s over ${spanSeconds.toFixed(1)} s = ${((100 * sustained) / RATE).toFixed(1)}% of --rate ${RATE}`,
        `  wall clock ${seconds.toFixed(1)} s (start-up, validation, rejects pass included): ${(ROWS / seconds).toFixed(1)} rows/s`,
        `  users in the pool ${users.length}; lost ${lost}; doubled ${doubled}${summary.imported === ROWS ? "" : `; summary imported ${summary.imported} != ${ROWS}`}`,
      ].join("\n"),
    );
    if (r.code !== 0) console.log(r.stderr.split("\n").slice(-3).join("\n"));
  } finally {
    client.destroy();
    child.kill("SIGTERM");
    rmSync(dir, { recursive: true, force: true });
  }
}

console.log(
  `users import --via api, ${ROWS} rows, --rate ${RATE}; load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
);
await scenario("local serve --quotas (UserCreation 50/s)", ["--quotas"]);
await scenario("local serve --quotas --faults throttle=0.05,error=0.02,reset=0.01,seed=7", [
  "--quotas",
  "--faults",
  "throttle=0.05,error=0.02,reset=0.01,seed=7",
]);
