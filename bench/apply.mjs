// Issue 12's benchmark: `cogctl apply` of a stack with 1 pool, 3 clients, 5 groups, a domain and 20
// users (permanent passwords, one group each) against the embedded endpoint over HTTP (`cogctl local
// serve`, in memory), first apply and the no-change re-apply, side by side with a bash script of
// `aws cognito-idp` calls (Debian's /usr/bin/aws, --endpoint-url) creating the same resources (first
// apply only: a script cannot do a no-change rerun). Wall seconds per run, median of the runs.
// Targets: first apply <= 0.2x the script; no-change apply <= 1 s.
// Not a test: it prints figures; it only checks each run created what it should.
// Usage: npm run build && node bench/apply.mjs [runs (cogctl, default 5)] [script runs (default 1)]
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BIN, benchEnv, loadAverage, median, startEndpoint, timedSync } from "./lib.mjs";

const AWS = "/usr/bin/aws";
const runs = Number(process.argv[2] ?? 5);
// One aws invocation costs a Python start-up (~0.5-2 s each here): 70 of them make one run minutes long.
const scriptRuns = Number(process.argv[3] ?? 1);
const CLIENTS = ["web", "mobile", "backend"];
const GROUPS = ["admins", "editors", "viewers", "support", "billing"];
const USERS = 20;
const PASSWORD = "Bench-Passw0rd!";

const dir = mkdtempSync(join(tmpdir(), "cogctl-bench-apply-"));
let server;
const env = benchEnv({ BENCH_PASSWORD: PASSWORD });

function stackText(pool) {
  const lines = [
    "pools:",
    `  ${pool}:`,
    "    Policies: {PasswordPolicy: {MinimumLength: 10}}",
    "    clients:",
    ...CLIENTS.map(
      (c) =>
        `      ${c}: {ExplicitAuthFlows: [ALLOW_USER_SRP_AUTH, ALLOW_REFRESH_TOKEN_AUTH]${c === "backend" ? ", GenerateSecret: true" : ""}}`,
    ),
    "    groups:",
    ...GROUPS.map((g, i) => `      ${g}: {Description: ${g}, Precedence: ${i}}`),
    `    domain: {Domain: ${pool}}`,
    "    users:",
  ];
  for (let i = 0; i < USERS; i++)
    lines.push(
      `      user${i}: {attributes: {email: user${i}@example.com}, groups: [${GROUPS[i % GROUPS.length]}], password: {env: BENCH_PASSWORD}}`,
    );
  return `${lines.join("\n")}\n`;
}

/** The same resources, one `aws cognito-idp` call each, as a CI script would write them. */
function scriptText(pool) {
  const a = `"${AWS}" cognito-idp --endpoint-url "${server.url}" --output text`;
  const out = [
    "set -euo pipefail",
    `POOL=$(${a} create-user-pool --pool-name ${pool} --policies 'PasswordPolicy={MinimumLength=10}' --query UserPool.Id)`,
  ];
  for (const c of CLIENTS)
    out.push(
      `${a} create-user-pool-client --user-pool-id "$POOL" --client-name ${c} --explicit-auth-flows ALLOW_USER_SRP_AUTH ALLOW_REFRESH_TOKEN_AUTH${c === "backend" ? " --generate-secret" : ""} --query UserPoolClient.ClientId > /dev/null`,
    );
  for (const [i, g] of GROUPS.entries())
    out.push(
      `${a} create-group --user-pool-id "$POOL" --group-name ${g} --description ${g} --precedence ${i} > /dev/null`,
    );
  out.push(`${a} create-user-pool-domain --user-pool-id "$POOL" --domain ${pool} > /dev/null`);
  for (let i = 0; i < USERS; i++) {
    out.push(
      `${a} admin-create-user --user-pool-id "$POOL" --username user${i} --user-attributes Name=email,Value=user${i}@example.com --message-action SUPPRESS > /dev/null`,
      `${a} admin-set-user-password --user-pool-id "$POOL" --username user${i} --password "$BENCH_PASSWORD" --permanent`,
      `${a} admin-add-user-to-group --user-pool-id "$POOL" --username user${i} --group-name ${GROUPS[i % GROUPS.length]}`,
    );
  }
  return `${out.join("\n")}\n`;
}

/** Wall seconds of one run; it must succeed. */
const timed = (cmd, args) => {
  const r = timedSync(cmd, args, { env });
  return { s: r.ms / 1000, stdout: r.stdout, stderr: r.stderr };
};
// With an even number of runs the figure is the mean of the middle two, as it always was here.
const mid = (xs) => median(xs, { mean: true });
const first = [];
const again = [];
const script = [];
// The floor: one cogctl invocation doing one call (start-up, SDK client), under the same load.
const baseline = [];
try {
  server = await startEndpoint();
  for (let run = 0; run < runs; run++) {
    const file = join(dir, `stack-${run}.yaml`);
    writeFileSync(file, stackText(`bench-apply-${run}`));
    // The same command twice: the first creates everything, the second must find nothing to do.
    const apply = [BIN, "--endpoint-url", server.url, "apply", "-f", file, "--output", "env"];
    const a = timed(process.execPath, apply);
    if (!/Applied 30 changes/.test(a.stderr)) throw new Error(`first apply: ${a.stderr}`);
    first.push(a.s);
    const b = timed(process.execPath, apply);
    if (!/No changes\./.test(b.stderr)) throw new Error(`re-apply changed something: ${b.stderr}`);
    again.push(b.s);
    baseline.push(
      timed(process.execPath, [BIN, "--endpoint-url", server.url, "list-user-pools", "--max-results", "1"]).s,
    );
    if (run >= scriptRuns) continue;
    const sh = join(dir, `script-${run}.sh`);
    writeFileSync(sh, scriptText(`bench-script-${run}`));
    script.push(timed("bash", [sh]).s);
  }
} finally {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
}

const f = mid(first);
const n = mid(again);
const s = mid(script);
const calls = 1 + CLIENTS.length + GROUPS.length + 1 + USERS * 3;
console.log(
  `load average ${loadAverage(2, 1)} on 2 cores; medians of ${runs} cogctl runs, ${scriptRuns} script run(s)`,
);
console.log(
  `1 pool, ${CLIENTS.length} clients, ${GROUPS.length} groups, a domain, ${USERS} users (${calls} API calls to create)`,
);
console.log(
  `cogctl apply (first)        ${f.toFixed(3)} s   (${(f / s).toFixed(3)}x the script; target <= 0.2x)`,
);
console.log(`cogctl apply (no change)    ${n.toFixed(3)} s   (target <= 1 s)`);
console.log(`cogctl list-user-pools       ${mid(baseline).toFixed(3)} s   (one call: the start-up floor)`);
console.log(`bash + aws cognito-idp      ${s.toFixed(3)} s   (${calls} aws invocations)`);
console.log(
  `runs: first ${first.map((x) => x.toFixed(3)).join(" ")}; no change ${again.map((x) => x.toFixed(3)).join(" ")}; script ${script.map((x) => x.toFixed(2)).join(" ")}`,
);
