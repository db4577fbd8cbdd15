// Issue 9's benchmark: `cogctl users list --pool NAME` (tab-separated, into a pipe) on a pool of
// 5,000 users on the embedded endpoint over HTTP, side by side with `aws cognito-idp list-users`
// on the same endpoint with the `--query` that prints the same columns as text. Runs alternate;
// medians are reported. Target: cogctl at most 0.5x the AWS CLI's time.
// Not a test: it prints figures; it only checks that both printed one line per user.
// Usage: npm run build && node bench/users-list.mjs [users] [runs]
import { spawn, spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  AdminCreateUserCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolCommand,
} from "@aws-sdk/client-cognito-identity-provider";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const BIN = join(root, "bin", "cogctl");
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

/** Runs a command to completion; its time in ms and how many lines it printed. */
function timed(cmd, args) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(cmd, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    let lines = 0;
    let err = "";
    child.stdout.on("data", (c) => {
      for (const b of c) if (b === 10) lines++;
    });
    child.stderr.on("data", (c) => (err += c));
    child.on("close", (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (code !== 0) reject(new Error(`${cmd} ${args.join(" ")} exited ${code}: ${err}`));
      else resolve({ ms, lines });
    });
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

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
  const aws = spawnSync("aws", ["--version"]).status === 0;
  const cogctl = [];
  const awsCli = [];
  for (let i = 0; i < runs; i++) {
    const c = await timed(process.execPath, [
      BIN,
      "--endpoint-url",
      url,
      "users",
      "list",
      "--pool",
      "bench-users",
    ]);
    if (c.lines !== users) throw new Error(`cogctl printed ${c.lines} lines for ${users} users`);
    cogctl.push(c.ms);
    if (!aws) continue;
    const a = await timed("aws", [
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
    ]);
    if (a.lines !== users) throw new Error(`aws printed ${a.lines} lines for ${users} users`);
    awsCli.push(a.ms);
  }
  const c = median(cogctl);
  console.log(`users list, ${users} users, median of ${runs}: cogctl ${c.toFixed(0)} ms`);
  if (aws) {
    const a = median(awsCli);
    console.log(
      `aws cognito-idp list-users --query ... --output text: ${a.toFixed(0)} ms (cogctl/aws ${(c / a).toFixed(2)}x, target <= 0.5x)`,
    );
  } else console.log("aws (AWS CLI v2) not found: no side-by-side figure");
} finally {
  server.kill("SIGTERM");
}
