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
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  AdminCreateUserCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolCommand,
} from "@aws-sdk/client-cognito-identity-provider";

// This script's own SDK client (it fills the pool) would print the SDK's Node 20 notice.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const BIN = join(root, "bin", "cogctl");
const BARE = join(root, "bench", "bare-sdk-list-users.mjs");
const users = Number(process.argv[2] ?? 5000);
const runs = Number(process.argv[3] ?? 5);
const QUERY = "Users[].[Username, Attributes[?Name==`email`].Value|[0], UserStatus, Enabled, UserCreateDate]";

const server = spawn(
  process.execPath,
  [BIN, "local", "serve", "--port", "0", "--in-memory", "--log-level", "error"],
  {
    stdio: ["ignore", "pipe", "inherit"],
  },
);
const url = await new Promise((resolve, reject) => {
  let seen = "";
  server.stdout.on("data", (c) => {
    seen += c;
    const m = /(http:\/\/\S+)/.exec(seen);
    if (m) resolve(m[1]);
  });
  server.on("exit", (code) => reject(new Error(`cogctl local serve exited with ${code}: ${seen}`)));
});

const env = {
  ...process.env,
  AWS_ACCESS_KEY_ID: "bench",
  AWS_SECRET_ACCESS_KEY: "bench",
  AWS_REGION: "us-east-1",
  AWS_DEFAULT_REGION: "us-east-1",
  AWS_CONFIG_FILE: "/nonexistent/cogctl-bench-config",
  AWS_SHARED_CREDENTIALS_FILE: "/nonexistent/cogctl-bench-credentials",
  AWS_PAGER: "",
};

/** Runs a command to completion; its time in ms and the first column of each line it printed. */
function timed(cmd, args) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(cmd, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    const chunks = [];
    let err = "";
    child.stdout.on("data", (c) => chunks.push(c));
    child.stderr.on("data", (c) => (err += c));
    child.on("close", (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (code !== 0) return reject(new Error(`${cmd} ${args.join(" ")} exited ${code}: ${err}`));
      const lines = Buffer.concat(chunks).toString("utf8").split("\n").filter(Boolean);
      resolve({ ms, usernames: lines.map((l) => l.split("\t")[0]).join("\n") });
    });
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(" ");

try {
  const sdk = new CognitoIdentityProviderClient({
    region: "us-east-1",
    endpoint: url,
    credentials: { accessKeyId: "b", secretAccessKey: "b" },
  });
  const pool = (await sdk.send(new CreateUserPoolCommand({ PoolName: "bench-users" }))).UserPool.Id;
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < users) {
        const n = next++;
        await sdk.send(
          new AdminCreateUserCommand({
            UserPoolId: pool,
            Username: `user${n}`,
            MessageAction: "SUPPRESS",
            UserAttributes: [{ Name: "email", Value: `user${n}@example.com` }],
          }),
        );
      }
    }),
  );
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
      const r = await timed(c.cmd, c.args);
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
  server.kill("SIGTERM");
}
