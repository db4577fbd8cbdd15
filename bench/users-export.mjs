// Issue 11's benchmark: `cogctl users export` of a 10,000-user pool (10 groups, overlapping members)
// on the embedded endpoint over HTTP (`cogctl local serve`, quotas off), side by side with
// `aws cognito-idp list-users --endpoint-url` (AWS CLI v2) paging the same pool to a JSON file, and a
// bare SDK ListUsers loop writing JSON lines (the floor: what is left is cogctl's own cost).
// Each contender runs under /usr/bin/time (wall seconds, peak RSS); rows/s = users / wall seconds.
// cogctl's figures include its fixed costs: DescribeUserPool + GetCSVHeader, and with --groups /
// jsonl the group map (ListGroups + ListUsersInGroup pages), and the checkpoint's fsyncs.
// Not a test: it prints figures; it only checks each wrote every user.
// Usage: npm run build && node bench/users-export.mjs [users] [runs]
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  AdminAddUserToGroupCommand,
  CreateGroupCommand,
  CreateUserPoolCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import {
  BIN,
  benchEnv,
  loadAverage,
  median,
  ROOT,
  sdkClient,
  seedUsers,
  startEndpoint,
  timed,
} from "./lib.mjs";

const users = Number(process.argv[2] ?? 10_000);
const runs = Number(process.argv[3] ?? 3);
const GROUPS = 10;
// The floor: ListUsers pages of 60, one JSON line a user, nothing else.
const BARE_LOOP = `
import { CognitoIdentityProviderClient, ListUsersCommand } from "@aws-sdk/client-cognito-identity-provider";
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
const [endpoint, pool] = process.argv.slice(1);
const client = new CognitoIdentityProviderClient({ endpoint });
let token;
do {
  const page = await client.send(new ListUsersCommand({ UserPoolId: pool, Limit: 60, PaginationToken: token }));
  token = page.PaginationToken;
  process.stdout.write(page.Users.map((u) => JSON.stringify(u)).join("\\n") + "\\n");
} while (token);
client.destroy();
`;

const dir = mkdtempSync(join(tmpdir(), "cogctl-bench-export-"));

// On the bench's data directory, so that the --quotas server started later serves the same pool.
const serve = (extra = []) => startEndpoint(extra, { dataDir: join(dir, "data") });
let server;
let url;

const env = benchEnv({ COGCTL_CONFIG_DIR: join(dir, "config"), NO_COLOR: "1" });

/** One command under /usr/bin/time, stdout to a file when `stdoutFile` is given: wall s, peak RSS MB. */
async function run([cmd, ...args], stdoutFile) {
  const r = await timed(cmd, args, { env, cwd: ROOT, peakRss: true, discard: !stdoutFile });
  // Written once the clock has stopped: the file is only for the count check, not a contender's cost.
  if (stdoutFile) writeFileSync(stdoutFile, r.stdout);
  return { seconds: r.ms / 1000, rssMB: r.rssMB };
}

const members = Array.from({ length: GROUPS }, (_, g) => Math.ceil(users / (g + 2)));
try {
  server = await serve();
  url = server.url;
  const sdk = sdkClient(url);
  const pool = (
    await sdk.send(new CreateUserPoolCommand({ PoolName: "bench-export", AutoVerifiedAttributes: ["email"] }))
  ).UserPool.Id;
  for (let g = 0; g < GROUPS; g++)
    await sdk.send(new CreateGroupCommand({ UserPoolId: pool, GroupName: `group${g}` }));
  await seedUsers(sdk, pool, users, {
    attributes: (n) => [
      { Name: "email", Value: `user${n}@example.com` },
      { Name: "email_verified", Value: "true" },
      { Name: "name", Value: `User ${n}, the ${n % 7}th` },
    ],
    afterCreate: async (n) => {
      for (let g = 0; g < GROUPS; g++)
        if (n % (g + 2) === 0)
          await sdk.send(
            new AdminAddUserToGroupCommand({
              UserPoolId: pool,
              Username: `user${n}`,
              GroupName: `group${g}`,
            }),
          );
    },
  });
  sdk.destroy();
  const awsBin = existsSync("/usr/bin/aws") ? "/usr/bin/aws" : "aws";
  const out = (name) => join(dir, name);
  // Read when called: the --quotas server below listens on another URL.
  const exportArgs = (file, ...flags) => [
    process.execPath,
    BIN,
    "--endpoint-url",
    url,
    "users",
    "export",
    "--pool",
    "bench-export",
    ...flags,
    "--out",
    file,
    "--force",
  ];
  const lines = (file) => readFileSync(file, "utf8").split("\n").filter(Boolean).length;
  const contenders = [
    {
      name: "cogctl users export (csv)",
      args: () => exportArgs(out("a.csv")),
      count: () => lines(out("a.csv")) - 1,
    },
    {
      name: "cogctl users export --groups (csv)",
      args: () => exportArgs(out("g.csv"), "--groups"),
      count: () => lines(out("g.csv")) - 1,
    },
    {
      name: "cogctl users export --format jsonl (groups)",
      args: () => exportArgs(out("j.jsonl"), "--format", "jsonl"),
      count: () => lines(out("j.jsonl")),
    },
    {
      name: "aws cognito-idp list-users (JSON)",
      args: () => [
        awsBin,
        "--endpoint-url",
        url,
        "cognito-idp",
        "list-users",
        "--user-pool-id",
        pool,
        "--output",
        "json",
      ],
      stdout: out("aws.json"),
      count: () => JSON.parse(readFileSync(out("aws.json"), "utf8")).Users.length,
    },
    {
      name: "bare SDK ListUsers loop (JSON lines)",
      args: () => [process.execPath, "--input-type=module", "-e", BARE_LOOP, url, pool],
      stdout: out("bare.jsonl"),
      count: () => lines(out("bare.jsonl")),
    },
  ];
  for (const c of contenders) c.results = [];
  for (let r = 0; r <= runs; r++)
    for (const c of contenders) {
      const result = await run(c.args(), c.stdout);
      if (c.count() !== users) throw new Error(`${c.name} wrote ${c.count()} users, not ${users}`);
      if (r > 0) c.results.push(result); // the first round warms caches for all alike
    }
  console.log(`${users} users, ${GROUPS} groups; median of ${runs} runs; load average ${loadAverage(1)}`);
  console.log("contender                                     wall s   users/s   peak RSS MB");
  for (const c of contenders) {
    const s = median(c.results.map((x) => x.seconds));
    const rss = Math.max(...c.results.map((x) => x.rssMB ?? 0));
    console.log(
      `${c.name.padEnd(44)} ${s.toFixed(2).padStart(7)} ${Math.round(users / s)
        .toString()
        .padStart(9)} ${rss.toFixed(0).padStart(12)}`,
    );
  }
  // At the quota: `local serve --quotas` (UserList 30/s, Cognito's default), export with groups.
  // Against an endpoint that is not AWS cogctl does not pace until throttled (then it halves and
  // climbs back); --rate 30 paces from the start. Efficiency = UserList calls/s over 30.
  await server.stop();
  server = await serve(["--quotas"]);
  url = server.url;
  const calls = Math.ceil(users / 60) + members.reduce((n, m) => n + Math.max(1, Math.ceil(m / 60)), 0);
  for (const [name, extra] of [
    ["cogctl users export --groups, --quotas on", []],
    ["cogctl users export --groups --rate 30, --quotas on", ["--rate", "30"]],
  ]) {
    const r = await run([...exportArgs(join(dir, "q.csv"), "--groups"), ...extra]);
    const perSecond = calls / r.seconds;
    console.log(
      `${name.padEnd(52)} ${r.seconds.toFixed(2).padStart(7)} s, ${calls} UserList calls, ${perSecond.toFixed(1)}/s = ${((perSecond / 30) * 100).toFixed(0)}% of 30/s, peak RSS ${r.rssMB?.toFixed(0)} MB`,
    );
  }
} finally {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
}
