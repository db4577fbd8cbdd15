// Issue 11's benchmark: `cogctl users export` of a 10,000-user pool (10 groups, overlapping members)
// on the embedded endpoint over HTTP (`cogctl local serve`, quotas off), side by side with
// `aws cognito-idp list-users --endpoint-url` (AWS CLI v2) paging the same pool to a JSON file, and a
// bare SDK ListUsers loop writing JSON lines (the floor: what is left is cogctl's own cost).
// Each contender runs under /usr/bin/time (wall seconds, peak RSS); rows/s = users / wall seconds.
// cogctl's figures include its fixed costs: DescribeUserPool + GetCSVHeader, and with --groups /
// jsonl the group map (ListGroups + ListUsersInGroup pages), and the checkpoint's fsyncs.
// Not a test: it prints figures; it only checks each wrote every user.
// Usage: npm run build && node bench/users-export.mjs [users] [runs]
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolCommand,
} from "@aws-sdk/client-cognito-identity-provider";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const BIN = join(root, "bin", "cogctl");
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

/** `cogctl local serve` on the bench's data directory (extra: --quotas ...); resolves with it and its URL. */
async function serve(extra = []) {
  const proc = spawn(
    process.execPath,
    [BIN, "local", "serve", "--port", "0", "--data-dir", join(dir, "data"), "--log-level", "error", ...extra],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  const url = await new Promise((resolve, reject) => {
    let seen = "";
    proc.stdout.on("data", (c) => {
      seen += c;
      const m = /(http:\/\/\S+)/.exec(seen);
      if (m) resolve(m[1]);
    });
    proc.on("exit", (code) => reject(new Error(`cogctl local serve exited with ${code}: ${seen}`)));
  });
  return {
    proc,
    url,
    stop: () =>
      new Promise((r) => {
        if (proc.exitCode !== null) return r();
        proc.once("exit", r);
        proc.kill("SIGTERM");
      }),
  };
}
let server = await serve();
let url = server.url;

const env = {
  ...process.env,
  AWS_ACCESS_KEY_ID: "bench",
  AWS_SECRET_ACCESS_KEY: "bench",
  AWS_REGION: "us-east-1",
  AWS_DEFAULT_REGION: "us-east-1",
  AWS_CONFIG_FILE: "/nonexistent/cogctl-bench-config",
  AWS_SHARED_CREDENTIALS_FILE: "/nonexistent/cogctl-bench-credentials",
  AWS_PAGER: "",
  COGCTL_CONFIG_DIR: join(dir, "config"),
  NO_COLOR: "1",
};

/** One command under /usr/bin/time, stdout to a file when `out` is given: wall s, peak RSS MB. */
function timed(args, stdoutFile) {
  const [cmd, ...rest] = ["/usr/bin/time", "-f", "TIME %e %M", ...args];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(cmd, rest, { env, cwd: root, stdio: ["ignore", "pipe", "pipe"] });
    const chunks = [];
    let stderr = "";
    child.stdout.on("data", (c) => stdoutFile && chunks.push(c));
    child.stderr.on("data", (c) => (stderr += c));
    child.on("error", reject);
    child.on("close", async (code) => {
      const seconds = (performance.now() - started) / 1000;
      if (code !== 0) return reject(new Error(`${args.join(" ")} exited ${code}: ${stderr}`));
      if (stdoutFile) (await import("node:fs")).writeFileSync(stdoutFile, Buffer.concat(chunks));
      const m = /TIME ([\d.]+) (\d+)/.exec(stderr);
      resolve({ seconds, rssMB: m ? Number(m[2]) / 1024 : undefined });
    });
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const members = Array.from({ length: GROUPS }, (_, g) => Math.ceil(users / (g + 2)));
try {
  const sdk = new CognitoIdentityProviderClient({
    region: "us-east-1",
    endpoint: url,
    credentials: { accessKeyId: "b", secretAccessKey: "b" },
  });
  const pool = (
    await sdk.send(new CreateUserPoolCommand({ PoolName: "bench-export", AutoVerifiedAttributes: ["email"] }))
  ).UserPool.Id;
  for (let g = 0; g < GROUPS; g++)
    await sdk.send(new CreateGroupCommand({ UserPoolId: pool, GroupName: `group${g}` }));
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
            UserAttributes: [
              { Name: "email", Value: `user${n}@example.com` },
              { Name: "email_verified", Value: "true" },
              { Name: "name", Value: `User ${n}, the ${n % 7}th` },
            ],
          }),
        );
        for (let g = 0; g < GROUPS; g++)
          if (n % (g + 2) === 0)
            await sdk.send(
              new AdminAddUserToGroupCommand({
                UserPoolId: pool,
                Username: `user${n}`,
                GroupName: `group${g}`,
              }),
            );
      }
    }),
  );
  sdk.destroy();
  const awsBin = existsSync("/usr/bin/aws") ? "/usr/bin/aws" : "aws";
  const out = (name) => join(dir, name);
  const contenders = [
    {
      name: "cogctl users export (csv)",
      args: () => [
        process.execPath,
        BIN,
        "--endpoint-url",
        url,
        "users",
        "export",
        "--pool",
        "bench-export",
        "--out",
        out("a.csv"),
        "--force",
      ],
      count: () => readFileSync(out("a.csv"), "utf8").split("\n").filter(Boolean).length - 1,
    },
    {
      name: "cogctl users export --groups (csv)",
      args: () => [
        process.execPath,
        BIN,
        "--endpoint-url",
        url,
        "users",
        "export",
        "--pool",
        "bench-export",
        "--groups",
        "--out",
        out("g.csv"),
        "--force",
      ],
      count: () => readFileSync(out("g.csv"), "utf8").split("\n").filter(Boolean).length - 1,
    },
    {
      name: "cogctl users export --format jsonl (groups)",
      args: () => [
        process.execPath,
        BIN,
        "--endpoint-url",
        url,
        "users",
        "export",
        "--pool",
        "bench-export",
        "--format",
        "jsonl",
        "--out",
        out("j.jsonl"),
        "--force",
      ],
      count: () => readFileSync(out("j.jsonl"), "utf8").split("\n").filter(Boolean).length,
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
      count: () => readFileSync(out("bare.jsonl"), "utf8").split("\n").filter(Boolean).length,
    },
  ];
  for (const c of contenders) c.results = [];
  for (let r = 0; r <= runs; r++)
    for (const c of contenders) {
      const result = await timed(c.args(), c.stdout);
      if (c.count() !== users) throw new Error(`${c.name} wrote ${c.count()} users, not ${users}`);
      if (r > 0) c.results.push(result); // the first round warms caches for all alike
    }
  console.log(
    `${users} users, ${GROUPS} groups; median of ${runs} runs; load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`,
  );
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
    const r = await timed([
      process.execPath,
      BIN,
      "--endpoint-url",
      url,
      "users",
      "export",
      "--pool",
      "bench-export",
      "--groups",
      "--out",
      join(dir, "q.csv"),
      "--force",
      ...extra,
    ]);
    const perSecond = calls / r.seconds;
    console.log(
      `${name.padEnd(52)} ${r.seconds.toFixed(2).padStart(7)} s, ${calls} UserList calls, ${perSecond.toFixed(1)}/s = ${((perSecond / 30) * 100).toFixed(0)}% of 30/s, peak RSS ${r.rssMB?.toFixed(0)} MB`,
    );
  }
} finally {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
