// Issue 9's benchmark: `cogctl users list --pool NAME` (tab-separated, into a pipe) on a pool of
// 5,000 users on the embedded endpoint over HTTP, side by side with `aws cognito-idp list-users`
// on the same endpoint with the `--query` that prints the same columns as text, and with a bare
// SDK script doing the same walk (the floor: what is left is cogctl's own cost).
// Fair by construction: one server process for all; every contender walks the same pages (60
// users, ListUsers' maximum: the AWS CLI sends no Limit and the endpoint, like Cognito, then
// answers 60); all write into a pipe; one warm-up run of each is left out alike; runs alternate and
// medians are reported (with the spread, and the load average, since the machine may be shared).
// The AWS CLI v1 prints dates as epoch seconds, v2 and cogctl as ISO 8601: cogctl writes more.
// Not a test: it prints figures; it only checks that each printed the same users in the same order.
// Target: cogctl at most 0.5x the AWS CLI's time.
// Usage: npm run build && node bench/users-list.mjs [users] [runs]
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { CreateUserPoolCommand } from "@aws-sdk/client-cognito-identity-provider";
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

const BARE = join(ROOT, "bench", "bare-sdk-list-users.mjs");
const users = Number(process.argv[2] ?? 5000);
const runs = Number(process.argv[3] ?? 5);
const QUERY = "Users[].[Username, Attributes[?Name==`email`].Value|[0], UserStatus, Enabled, UserCreateDate]";

const server = await startEndpoint();
const url = server.url;
const env = benchEnv();

/** Runs a command to completion; its time in ms and the first column of each line it printed. */
async function run(cmd, args) {
  const { ms, stdout } = await timed(cmd, args, { env });
  const lines = stdout.split("\n").filter(Boolean);
  return { ms, usernames: lines.map((l) => l.split("\t")[0]).join("\n") };
}
const load = () => loadAverage(1);

try {
  const sdk = sdkClient(url);
  const pool = (await sdk.send(new CreateUserPoolCommand({ PoolName: "bench-users" }))).UserPool.Id;
  await seedUsers(sdk, pool, users);
  sdk.destroy();
  // The peer is the AWS CLI v2 (Debian's /usr/bin/aws, as in cli-startup.mjs); a PATH `aws` only when it is missing.
  const awsBin = existsSync("/usr/bin/aws") ? "/usr/bin/aws" : "aws";
  const version = spawnSync(awsBin, ["--version"], { encoding: "utf8" });
  const aws = version.status === 0 ? `${version.stdout}${version.stderr}`.trim().split(" ")[0] : undefined;
  const expected = Array.from({ length: users }, (_, n) => `user${n}`)
    .sort()
    .join("\n");
  const contenders = [
    {
      name: "cogctl users list --pool NAME",
      ms: [],
      cmd: process.execPath,
      args: [BIN, "--endpoint-url", url, "users", "list", "--pool", "bench-users"],
    },
    ...(aws
      ? [
          {
            name: `${aws} cognito-idp list-users --query ... --output text`,
            ms: [],
            cmd: awsBin,
            args: [
              "--endpoint-url",
              url,
              "cognito-idp",
              "list-users",
              "--user-pool-id",
              pool,
              "--query",
              QUERY,
              "--output",
              "text",
            ],
          },
        ]
      : []),
    { name: "bare SDK script (the floor)", ms: [], cmd: process.execPath, args: [BARE, url, "bench-users"] },
  ];
  const loadBefore = load();
  // Run 0 is the warm-up (compile caches, page cache) of each, left out of the figures alike.
  for (let i = 0; i <= runs; i++) {
    for (const c of contenders) {
      const r = await run(c.cmd, c.args);
      if (r.usernames !== expected) throw new Error(`${c.name} did not print the ${users} users in order`);
      if (i > 0) c.ms.push(r.ms);
    }
  }
  const [cogctl, awsCli] = contenders;
  console.log(
    `users list, ${users} users, ${runs} runs each after a warm-up (load average ${loadBefore} -> ${load()}):`,
  );
  for (const c of contenders) {
    const sorted = [...c.ms].sort((a, b) => a - b);
    console.log(
      `  ${c.name.padEnd(62)} median ${median(c.ms).toFixed(0).padStart(5)} ms  (${sorted[0].toFixed(0)}-${sorted.at(-1).toFixed(0)})`,
    );
  }
  if (aws) {
    const ratio = median(cogctl.ms) / median(awsCli.ms);
    console.log(`  cogctl/aws ${ratio.toFixed(2)}x (target <= 0.5x)`);
  } else console.log("  aws (the AWS CLI) not found: no side-by-side figure");
} finally {
  await server.stop();
}
