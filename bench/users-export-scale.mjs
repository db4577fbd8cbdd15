// Issue 11's scale benchmarks of `cogctl users export`, against `cogctl local serve` over HTTP:
//
// 1. At the quota: pools of 5,000 and 50,000 users, each in 10 groups with overlapping members (user n
//    is in group g when n % (g + 2) = 0: ~101,000 memberships at 50,000), exported with --groups
//    (then without, which leaves out the group map) from `local serve --quotas UserList=Q` with
//    `--rate Q` (how cogctl paces on AWS: from the start, halving on TooManyRequestsException). A counting proxy between cogctl and the endpoint sees
//    every UserList request (ListUsers and ListUsersInGroup, the category's two operations): the
//    achieved rate is the admitted ones over the span from the first to the last, as % of Q (target
//    ≥ 95%); also over the second half of the requests, past both buckets' initial burst (a short
//    run gains most from it).
//    cogctl's peak RSS from /usr/bin/time (target ≤ 150 MB, and flat from 5,000 to 50,000 users:
//    the 50,000 / 5,000 ratio, ≤ 1.10x), and its VmRSS (/proc) as the listing goes.
//    Q defaults to 60 (--quota): twice AWS's 30/s halves the run (~2,500 UserList calls: 42 s, not 84)
//    and is still well under what this endpoint and cogctl do unthrottled on 2 shared cores (part 2:
//    ~160 ListUsers pages/s), so the run is bound by the quota, not by CPU, even with another
//    engineer's load; --quota 30 runs it at AWS's default. (Without --rate cogctl does not know a
//    local endpoint's quota: unpaced until throttled, then from AWS's 30/s.)
// 2. Quotas off: raw export speed at 50,000 users (users/s), cogctl side by side with a bare SDK
//    ListUsers loop writing JSON lines, alternating, in the same run (target: within 1.2x). The like
//    for like is csv without --groups (the same ListUsers pages); jsonl carries groups, so it also
//    builds the group map (~1,700 ListUsersInGroup pages), and is shown next to a bare loop that does
//    the same. Each contender also exports the 5,000-user pool in the same rounds: peak RSS at 5,000
//    and 50,000 and the ratio, for cogctl as it is (the heap bound of src/kernel/export/heap-bound.ts)
//    and with COGCTL_EXPORT_HEAP_BOUND=0 (V8's own heap sizing, which grows with the run's length).
//
// Each run reports the load: the 1-minute load average before it, and the CPU the rest of the
// machine used meanwhile (/proc/stat busy time minus this benchmark's processes), in cores: the
// machine has 2 cores, shared. Seeding (an import job for the users, AdminAddUserToGroup calls for
// the memberships) is not measured. Not a test: it prints figures; it checks each export wrote every user.
// Usage: npm run build && node bench/users-export-scale.mjs [--users 50000] [--small 5000]
//        [--quota 60] [--runs 3] [--only quota|raw] [--data-dir DIR: keep the seeded pools for reruns]
import { spawn } from "node:child_process";
import { closeSync, createWriteStream, mkdtempSync, openSync, readFileSync, rmSync, statSync } from "node:fs";
import { Agent, createServer, request } from "node:http";
import { loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { benchEnv, startEndpoint } from "./lib.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const BIN = join(root, "bin", "cogctl");
const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const LARGE = Number(arg("users", 50_000));
const SMALL = Number(arg("small", 5_000));
const QUOTA = Number(arg("quota", 60));
const RUNS = Number(arg("runs", 3));
const ONLY = arg("only", "");
// A data directory kept between runs: pools already seeded there (same sizes) are used as they are.
const KEEP = arg("data-dir", "");
const GROUPS = 10;
const TICK = 100; // USER_HZ: /proc's CPU times are in 1/100 s

// The floor: ListUsers pages of 60, one JSON line a user, nothing else. With groups: the map first
// (ListGroups, ListUsersInGroup pages of 60), each line with its user's Groups, as jsonl has.
const BARE_LOOP = `
import { CognitoIdentityProviderClient, ListUsersCommand, ListGroupsCommand, ListUsersInGroupCommand } from "@aws-sdk/client-cognito-identity-provider";
const [endpoint, pool, withGroups] = process.argv.slice(1);
const client = new CognitoIdentityProviderClient({ endpoint });
const groupsOf = new Map();
if (withGroups === "groups") {
  const { Groups } = await client.send(new ListGroupsCommand({ UserPoolId: pool, Limit: 60 }));
  for (const g of Groups) {
    let token;
    do {
      const page = await client.send(new ListUsersInGroupCommand({ UserPoolId: pool, GroupName: g.GroupName, Limit: 60, NextToken: token }));
      token = page.NextToken;
      for (const u of page.Users) groupsOf.set(u.Username, [...(groupsOf.get(u.Username) ?? []), g.GroupName]);
    } while (token);
  }
}
let token;
do {
  const page = await client.send(new ListUsersCommand({ UserPoolId: pool, Limit: 60, PaginationToken: token }));
  token = page.PaginationToken;
  const lines = page.Users.map((u) => JSON.stringify(withGroups === "groups" ? { ...u, Groups: groupsOf.get(u.Username) ?? [] } : u));
  if (!process.stdout.write(lines.join("\\n") + "\\n")) await new Promise((r) => process.stdout.once("drain", r));
} while (token);
client.destroy();
`;

const dir = mkdtempSync(join(tmpdir(), "cogctl-bench-export-scale-"));
const env = benchEnv({ COGCTL_CONFIG_DIR: join(dir, "config"), NO_COLOR: "1" });

/** `cogctl local serve` on the bench's data directory (extra: --quotas ...). */
async function serve(extra = []) {
  const server = await startEndpoint(extra, { dataDir: KEEP || join(dir, "data"), env });
  return { ...server, proc: server.child };
}

const agent = new Agent({ keepAlive: true, maxSockets: 16 });
/** One Cognito call as plain JSON over HTTP (seeding: no SDK, no signing, the endpoint needs neither). */
function call(url, operation, input) {
  const body = JSON.stringify(input);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: "POST",
        agent,
        headers: {
          "content-type": "application/x-amz-json-1.1",
          "x-amz-target": `AWSCognitoIdentityProviderService.${operation}`,
          "content-length": Buffer.byteLength(body),
        },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (c) => (text += c));
        res.on("end", () =>
          res.statusCode === 200
            ? resolve(JSON.parse(text || "{}"))
            : reject(new Error(`${operation}: ${res.statusCode} ${text}`)),
        );
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

function upload(url, file) {
  const size = statSync(file).size;
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: "PUT",
        headers: { "content-length": String(size), "x-amz-server-side-encryption": "aws:kms" },
      },
      (res) => {
        res.resume();
        res.on("end", () =>
          res.statusCode === 200 ? resolve() : reject(new Error(`PUT ${res.statusCode}`)),
        );
      },
    );
    req.on("error", reject);
    const data = readFileSync(file);
    req.end(data);
  });
}

/** A pool of `users` users (an import job) in 10 groups with overlapping members (AdminAddUserToGroup). */
async function seed(url, name, users) {
  const t = performance.now();
  const { UserPool } = await call(url, "CreateUserPool", {
    PoolName: name,
    AutoVerifiedAttributes: ["email"],
  });
  const pool = UserPool.Id;
  const { CSVHeader } = await call(url, "GetCSVHeader", { UserPoolId: pool });
  const file = join(dir, `${name}.csv`);
  const out = createWriteStream(file);
  const at = Object.fromEntries(CSVHeader.map((c, i) => [c, i]));
  const blank = CSVHeader.map(() => "");
  out.write(`${CSVHeader.join(",")}\n`);
  for (let n = 0; n < users; n++) {
    const row = blank.slice();
    row[at["cognito:username"]] = `user${n}`;
    row[at["cognito:mfa_enabled"]] = "false";
    row[at.email] = `user${n}@example.com`;
    row[at.email_verified] = "TRUE";
    row[at.name] = `User ${n}\\, the ${n % 7}th`;
    row[at.given_name] = "Alexandra";
    row[at.family_name] = "Montgomery-Smithson";
    row[at.locale] = "en-GB";
    if (!out.write(`${row.join(",")}\n`)) await new Promise((r) => out.once("drain", r));
  }
  await new Promise((r) => out.end(r));
  const { UserImportJob: job } = await call(url, "CreateUserImportJob", {
    UserPoolId: pool,
    JobName: name,
    CloudWatchLogsRoleArn: "arn:aws:iam::000000000000:role/CognitoImport",
  });
  await upload(job.PreSignedUrl, file);
  rmSync(file);
  await call(url, "StartUserImportJob", { UserPoolId: pool, JobId: job.JobId });
  for (;;) {
    const { UserImportJob: j } = await call(url, "DescribeUserImportJob", {
      UserPoolId: pool,
      JobId: job.JobId,
    });
    if (j.Status === "Succeeded" && j.ImportedUsers === users) break;
    if (["Succeeded", "Failed", "Stopped", "Expired"].includes(j.Status))
      throw new Error(`seeding ${name}: import job ${j.Status}, ${j.ImportedUsers} imported`);
    await new Promise((r) => setTimeout(r, 300));
  }
  for (let g = 0; g < GROUPS; g++)
    await call(url, "CreateGroup", { UserPoolId: pool, GroupName: `group${g}` });
  const adds = [];
  for (let n = 0; n < users; n++) for (let g = 0; g < GROUPS; g++) if (n % (g + 2) === 0) adds.push([n, g]);
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < adds.length) {
        const [n, g] = adds[next++];
        await call(url, "AdminAddUserToGroup", {
          UserPoolId: pool,
          Username: `user${n}`,
          GroupName: `group${g}`,
        });
      }
    }),
  );
  console.log(
    `seeded ${name}: ${users} users, ${GROUPS} groups, ${adds.length} memberships in ${((performance.now() - t) / 1000).toFixed(0)} s (not measured)`,
  );
  return { pool, memberships: adds.length };
}

/** The pool named `name` of `users` users in --data-dir, else a new one seeded. */
async function seeded(url, name, users) {
  const { UserPools } = await call(url, "ListUserPools", { MaxResults: 60 });
  const found = UserPools.find((p) => p.Name === name);
  if (!found) return seed(url, name, users);
  const { UserPool } = await call(url, "DescribeUserPool", { UserPoolId: found.Id });
  if (UserPool.EstimatedNumberOfUsers !== users)
    throw new Error(`--data-dir ${KEEP}: ${name} has ${UserPool.EstimatedNumberOfUsers} users, not ${users}`);
  let memberships = 0;
  for (let n = 0; n < users; n++) for (let g = 0; g < GROUPS; g++) if (n % (g + 2) === 0) memberships++;
  return { pool: found.Id, memberships };
}

/** Counts UserList requests on their way to the endpoint: [sent ms, answered ms, status]. */
async function countingProxy(upstream) {
  const target = new URL(upstream);
  const up = new Agent({ keepAlive: true });
  let log = [];
  const server = createServer((req, res) => {
    const op = String(req.headers["x-amz-target"] ?? "").split(".")[1] ?? "";
    const sent = performance.now();
    const fwd = request(
      {
        host: target.hostname,
        port: target.port,
        path: req.url,
        method: req.method,
        headers: req.headers,
        agent: up,
      },
      (r) => {
        res.writeHead(r.statusCode, r.headers);
        r.pipe(res);
        r.on("end", () => {
          if (op === "ListUsers" || op === "ListUsersInGroup")
            log.push([sent, performance.now(), r.statusCode, op]);
        });
      },
    );
    fwd.on("error", () => res.destroy());
    req.pipe(fwd);
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    /** Users listed so far (ListUsers pages of 60 answered since the last take). */
    listed: () => log.filter((l) => l[3] === "ListUsers" && l[2] === 200).length * 60,
    take: () => {
      const l = log;
      log = [];
      return l;
    },
    close: () => {
      up.destroy();
      server.closeAllConnections();
      return new Promise((r) => server.close(r));
    },
  };
}

/** Busy and total CPU ticks of the machine (/proc/stat's first line). */
function machineTicks() {
  const f = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1).map(Number);
  const total = f.slice(0, 8).reduce((a, b) => a + b, 0);
  return { busy: total - f[3] - f[4], total };
}
/** utime + stime of a process, in ticks. */
function processTicks(pid) {
  const s = readFileSync(`/proc/${pid}/stat`, "utf8");
  const f = s.slice(s.lastIndexOf(")") + 2).split(" ");
  return Number(f[11]) + Number(f[12]);
}

/**
 * One command under /usr/bin/time, stdout to a file: wall s, peak RSS MB, its CPU s, and what the
 * rest of the machine did meanwhile (CPU s of every other process, as cores over the wall time).
 */
function timed(args, stdoutFile, serverPid, progress, extraEnv = {}) {
  const [cmd, ...rest] = ["/usr/bin/time", "-f", "TIME %e %M %U %S", ...args];
  const load1 = loadavg()[0];
  return new Promise((resolve, reject) => {
    const fd = openSync(stdoutFile ?? "/dev/null", "w");
    const m0 = machineTicks();
    const s0 = processTicks(serverPid);
    const b0 = process.cpuUsage();
    const started = performance.now();
    const child = spawn(cmd, rest, {
      env: { ...env, ...extraEnv },
      cwd: root,
      stdio: ["ignore", fd, "pipe"],
    });
    closeSync(fd);
    let stderr = "";
    child.stderr.on("data", (c) => (stderr += c));
    // The command's resident memory over its run (/usr/bin/time's child): [users listed, VmRSS MB].
    const samples = [];
    const sampler =
      progress &&
      setInterval(() => {
        try {
          const pid = readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, "utf8").trim();
          const status = readFileSync(`/proc/${pid}/status`, "utf8");
          samples.push([progress(), Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024]);
        } catch {}
      }, 250);
    child.on("error", reject);
    child.on("close", (code) => {
      if (sampler) clearInterval(sampler);
      const seconds = (performance.now() - started) / 1000;
      const m1 = machineTicks();
      const serverCpu = (processTicks(serverPid) - s0) / TICK;
      const b = process.cpuUsage(b0);
      const benchCpu = (b.user + b.system) / 1e6;
      if (code !== 0) return reject(new Error(`${args.join(" ")} exited ${code}: ${stderr}`));
      const m = /TIME ([\d.]+) (\d+) ([\d.]+) ([\d.]+)/.exec(stderr);
      const childCpu = m ? Number(m[3]) + Number(m[4]) : 0;
      const busy = (m1.busy - m0.busy) / TICK;
      resolve({
        seconds,
        rssMB: m ? Number(m[2]) / 1024 : Number.NaN,
        childCpu,
        serverCpu,
        others: Math.max(0, busy - childCpu - serverCpu - benchCpu) / seconds,
        load1,
        samples,
      });
    });
  });
}

const lines = (file) => {
  const buf = readFileSync(file);
  let n = 0;
  for (let i = buf.indexOf(10); i !== -1; i = buf.indexOf(10, i + 1)) n++;
  return n;
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const f1 = (x) => x.toFixed(1);
const loadText = (rs) =>
  `load1 ${rs.map((r) => f1(r.load1)).join("/")}, others ${rs.map((r) => f1(r.others)).join("/")} cores`;
const exportArgs = (url, pool, out, extra, nodeFlags = []) => [
  process.execPath,
  ...nodeFlags,
  BIN,
  "--endpoint-url",
  url,
  "users",
  "export",
  "--pool",
  pool,
  "--out",
  out,
  "--force",
  ...extra,
];

let server = await serve();
try {
  const small = await seeded(server.url, "bench-small", SMALL);
  const large = await seeded(server.url, "bench-large", LARGE);
  const out = (name) => join(dir, name);

  if (ONLY !== "quota") {
    // Part 2: quotas off, raw speed. Contenders alternate within each round; round 0 warms up.
    const url = server.url;
    // V8's own sizing: what cogctl did before the heap bound (the young generation grows to 2 x 16 MB
    // and old space fills with promoted garbage over a long run: RSS grows with the pool's size).
    const UNBOUND = { COGCTL_EXPORT_HEAP_BOUND: "0" };
    const contenders = [
      {
        name: "cogctl users export (csv, no groups)",
        args: (pool, f) => exportArgs(url, pool, out(f), []),
        file: "raw.csv",
        header: 1,
      },
      {
        name: "cogctl csv, V8's own heap sizing",
        args: (pool, f) => exportArgs(url, pool, out(f), []),
        env: UNBOUND,
        file: "raw-u.csv",
        header: 1,
      },
      {
        name: "bare SDK ListUsers loop (JSON lines)",
        args: (pool) => [process.execPath, "--input-type=module", "-e", BARE_LOOP, url, pool],
        stdout: "bare.jsonl",
      },
      {
        name: "cogctl users export --format jsonl (groups)",
        args: (pool, f) => exportArgs(url, pool, out(f), ["--format", "jsonl"]),
        file: "raw.jsonl",
      },
      {
        name: "cogctl jsonl, V8's own heap sizing",
        args: (pool, f) => exportArgs(url, pool, out(f), ["--format", "jsonl"]),
        env: UNBOUND,
        file: "raw-u.jsonl",
      },
      {
        name: "bare SDK loop with groups (JSON lines)",
        args: (pool) => [process.execPath, "--input-type=module", "-e", BARE_LOOP, url, pool, "groups"],
        stdout: "bare-g.jsonl",
      },
    ];
    for (const c of contenders) {
      c.results = [];
      c.smallRss = [];
    }
    const run = async (c, pool, users) => {
      const f = c.file ?? c.stdout;
      const result = await timed(c.args(pool.pool, f), c.stdout && out(f), server.proc.pid, undefined, c.env);
      const n = lines(out(f)) - (c.header ?? 0);
      if (n !== users) throw new Error(`${c.name} wrote ${n} users, not ${users}`);
      return result;
    };
    for (let r = 0; r <= RUNS; r++)
      for (const c of contenders) {
        const result = await run(c, large, LARGE);
        const at5k = await run(c, small, SMALL);
        if (r > 0) {
          c.results.push(result);
          c.smallRss.push(at5k.rssMB);
        }
      }
    console.log(
      `\nquotas off: ${LARGE} users (${large.memberships} memberships), median of ${RUNS} alternating runs`,
    );
    console.log(
      `contender                                      wall s   users/s  RSS MB  cpu s (self+server)  load (medians; RSS: peak at ${SMALL} -> ${LARGE} users, ratio)`,
    );
    for (const c of contenders) {
      const s = median(c.results.map((x) => x.seconds));
      c.median = s;
      console.log(
        `${c.name.padEnd(45)} ${s.toFixed(2).padStart(7)} ${Math.round(LARGE / s)
          .toString()
          .padStart(9)} ${Math.max(...c.results.map((x) => x.rssMB))
          .toFixed(0)
          .padStart(
            7,
          )}  ${f1(median(c.results.map((x) => x.childCpu)))}+${f1(median(c.results.map((x) => x.serverCpu)))}`.padEnd(
          87,
        ) + loadText(c.results),
      );
    }
    console.log(`peak RSS, median of ${RUNS}: ${SMALL} -> ${LARGE} users (target: flat, ≤ 1.10x)`);
    for (const c of contenders) {
      c.rssSmall = median(c.smallRss);
      c.rssLarge = median(c.results.map((x) => x.rssMB));
      console.log(
        `  ${c.name.padEnd(45)} ${c.rssSmall.toFixed(0).padStart(4)} -> ${c.rssLarge.toFixed(0).padStart(4)} MB  ${(c.rssLarge / c.rssSmall).toFixed(2)}x`,
      );
    }
    const [csv, , bare, jsonl, , bareG] = contenders;
    console.log(
      `cogctl csv / bare loop: ${(csv.median / bare.median).toFixed(2)}x the time (target ≤ 1.2x); jsonl / bare loop with groups: ${(jsonl.median / bareG.median).toFixed(2)}x; csv RSS ${LARGE} / ${SMALL}: ${(csv.rssLarge / csv.rssSmall).toFixed(2)}x (V8's own sizing: ${(contenders[1].rssLarge / contenders[1].rssSmall).toFixed(2)}x)`,
    );
  }

  if (ONLY !== "raw") {
    // Part 1: at the quota, with --groups (csv), through the counting proxy.
    await server.stop();
    server = await serve(["--quotas", `UserList=${QUOTA}`]);
    const proxy = await countingProxy(server.url);
    console.log(`\nlocal serve --quotas UserList=${QUOTA}; users export --rate ${QUOTA}, csv`);
    console.log(
      "pool size  wall s  UserList ok/throttled  req/s span (% of quota)  2nd half     peak RSS MB  load",
    );
    // With --groups the group map (ListGroups + ListUsersInGroup, before the first ListUsers page)
    // grows with the pool's memberships; without, only the listing is left: what stays flat.
    for (const [variant, flags] of [
      ["--groups", ["--groups"]],
      ["without --groups", []],
    ]) {
      const rss = {};
      for (const [label, users] of [
        ["small", SMALL],
        ["large", LARGE],
      ]) {
        const pool = label === "small" ? "bench-small" : "bench-large";
        proxy.take();
        const r = await timed(
          exportArgs(proxy.url, pool, out(`q-${label}.csv`), [...flags, "--rate", String(QUOTA)]),
          undefined,
          server.proc.pid,
          proxy.listed,
        );
        if (lines(out(`q-${label}.csv`)) - 1 !== users)
          throw new Error(`quota export of ${pool}: wrong count`);
        const log = proxy.take();
        const ok = log.filter((l) => l[2] === 200);
        const throttled = log.length - ok.length;
        const first = Math.min(...log.map((l) => l[0]));
        const last = Math.max(...log.map((l) => l[1]));
        const span = (last - first) / 1000;
        const rate = ok.length / span;
        // Both buckets start full (Q requests each): past the first 2Q admitted requests both are spent.
        const sorted = ok.map((l) => l[0]).sort((a, b) => a - b);
        const half = Math.floor(ok.length / 2);
        const later = (ok.length - half) / ((last - sorted[half]) / 1000);
        rss[label] = r.rssMB;
        // RSS as the listing goes (the group map is loaded before the first ListUsers page).
        const at = [0, 0.1, 0.2, 0.4, 0.6, 0.8, 1].map((q) => Math.round(users * q));
        const curve = at
          .map((n) => {
            const s = r.samples.filter((x) => x[0] <= n).at(-1);
            return s ? `${n}: ${s[1].toFixed(0)}` : undefined;
          })
          .filter(Boolean);
        console.log(
          `${String(users).padStart(9)} ${r.seconds.toFixed(1).padStart(7)} ${`${ok.length}/${throttled}`.padStart(22)} ${`${f1(rate)} (${((rate / QUOTA) * 100).toFixed(0)}%)`.padStart(25)} ${`${f1(later)} (${((later / QUOTA) * 100).toFixed(0)}%)`.padStart(12)} ${r.rssMB.toFixed(0).padStart(12)}  ${loadText([r])}`,
        );
        console.log(`          VmRSS MB when n users were listed: ${curve.join(", ")}`);
      }
      console.log(
        `${variant}: peak RSS ${rss.small.toFixed(0)} MB at ${SMALL} users, ${rss.large.toFixed(0)} MB at ${LARGE}: ${(rss.large / rss.small).toFixed(2)}x (+${(rss.large - rss.small).toFixed(0)} MB); targets ≥ 95% of the quota, ≤ 150 MB, flat (≤ 1.10x)`,
      );
    }
    await proxy.close();
  }
} finally {
  agent.destroy();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
