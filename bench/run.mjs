// `npm run bench`: builds once, then runs every benchmark in this folder in turn, each printing its
// own side-by-side figures. Benchmarks are never tests: they measure, they do not assert.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const only = process.argv.slice(2);
const suites = [
  ["cli-startup.mjs", "issue 2: per-invocation cost vs a bare SDK script and the AWS CLI v2"],
  [
    "local-throughput.mjs",
    "issue 3: embedded endpoint AdminCreateUser/AdminGetUser throughput vs moto_server",
  ],
  ["srp.mjs", "SRP maths: verifier, client response, server verification"],
  ["local-auth-srp.mjs", "issue 4: complete SRP sign-ins per second against the embedded endpoint"],
  ["auth-login.mjs", "issue 5: cogctl auth login (SRP) vs cogctl admin-get-user"],
  ["table-render.mjs", "issue 8: --output table of 2,000 users vs the AWS CLI v2's table formatter"],
  ["users-list.mjs", "issue 9: cogctl users list on a 5,000-user pool vs aws cognito-idp list-users"],
  ["users-validate.mjs", "issue 10: cogctl users validate on 10 MB and 100 MB (500,000-row) files"],
  [
    "local-import-job.mjs",
    "issue 10: a 500,000-row (~100 MB) import job against local serve: seconds, peak RSS",
  ],
  [
    "users-import-job.mjs",
    "issue 10: users import --via job, 500,000 rows end to end (file, job, logs, rejects)",
  ],
  [
    "users-import-api.mjs",
    "issue 10: users import --via api against local serve --quotas (and --faults): % of --rate, lost/doubled rows",
  ],
  ["users-export.mjs", "issue 11: cogctl users export of a 10,000-user pool vs aws cognito-idp list-users"],
  [
    "apply.mjs",
    "issue 12: cogctl apply of 1 pool, 3 clients, 5 groups, a domain, 20 users (first, no change) vs a bash script of aws cognito-idp calls",
  ],
  [
    "oauth-token.mjs",
    "issue 13: client_credentials tokens per second from POST /oauth2/token at concurrency 8, server CPU per token",
  ],
  [
    "client-credentials.mjs",
    "issue 13: cogctl auth client-credentials cold vs cached vs cogctl admin-get-user against local serve",
  ],
  [
    "users-export-scale.mjs",
    "issue 11: users export of 50,000 users with groups at local serve --quotas (% of quota, peak RSS at 5,000 and 50,000), and raw speed vs a bare SDK loop",
  ],
];

const build = spawnSync("npm", ["run", "build"], { cwd: root, stdio: "inherit" });
if (build.status !== 0) process.exit(build.status ?? 1);
for (const [file, title] of suites) {
  if (only.length && !only.some((o) => file.includes(o))) continue;
  const path = join(root, "bench", file);
  if (!existsSync(path)) continue;
  console.log(`\n== ${file}: ${title}`);
  // Peers that build SDK clients directly would print the SDK's Node 20 notice on every run.
  const env = { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" };
  const r = spawnSync(process.execPath, [path], { cwd: root, stdio: "inherit", env });
  if (r.status !== 0) console.log(`(${file} exited ${r.status})`);
}
