// `cogctl users import --via api` against `cogctl local serve --quotas` (Cognito's default quotas:
// UserCreation 50/s): the sustained AdminCreateUser rate as a share of the configured --rate, and
// whether any row was lost or doubled (the pool's users against the file's, the summary's counts),
// then the same with seeded faults (throttling, 5xx, dropped connections, half after the operation).
//   node bench/users-import-api.mjs [--rows 2000] [--rate 50]
// Runs bin/cogctl, so build first (`npm run bench` does).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CreateUserPoolCommand, ListUsersCommand } from "@aws-sdk/client-cognito-identity-provider";
import { BIN, benchEnv, loadAverage, numberFlag, sdkClient, startEndpoint, timed } from "./lib.mjs";

const ROWS = numberFlag("rows", 2000);
const RATE = numberFlag("rate", 50);

const HEADER =
  "name,given_name,family_name,middle_name,nickname,preferred_username,profile,picture,website,email,email_verified,gender,birthdate,zoneinfo,locale,phone_number,phone_number_verified,address,updated_at,cognito:mfa_enabled,cognito:username";
const row = (i) => `User ${i},,,,,,,,,user${i}@example.com,true,,,,,,false,,,false,user${i}`;

/** One cogctl run to its end, whatever its exit code (the caller resumes after faults). */
const run = (argv, env) => timed(process.execPath, [BIN, ...argv], { env, check: false });

async function scenario(name, serveArgs) {
  const dir = mkdtempSync(join(tmpdir(), "bench-import-"));
  let server;
  let client;
  try {
    // The server's default request log (info), as a user runs it, kept out of the report.
    server = await startEndpoint(serveArgs, { logLevel: "info", stderr: "ignore" });
    const { url } = server;
    client = sdkClient(url, { maxAttempts: 10 });
    const { UserPool } = await client.send(
      new CreateUserPoolCommand({ PoolName: "bench", AutoVerifiedAttributes: ["email"] }),
    );
    const file = join(dir, "users.csv");
    writeFileSync(file, `${[HEADER, ...Array.from({ length: ROWS }, (_, i) => row(i))].join("\n")}\n`);
    const env = benchEnv({ COGCTL_STATE_DIR: join(dir, "state") });
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
    client?.destroy();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

console.log(`users import --via api, ${ROWS} rows, --rate ${RATE}; load average ${loadAverage(2)}`);
await scenario("local serve --quotas (UserCreation 50/s)", ["--quotas"]);
await scenario("local serve --quotas --faults throttle=0.05,error=0.02,reset=0.01,seed=7", [
  "--quotas",
  "--faults",
  "throttle=0.05,error=0.02,reset=0.01,seed=7",
]);
