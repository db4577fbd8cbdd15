// What several benchmarks share (not a benchmark: bench/run.mjs runs only the suites it lists).
// One copy of each set-up piece, so that two benchmarks compared side by side start their servers,
// clients and children the same way and a fix to one reaches all.
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  AdminCreateUserCommand,
  CognitoIdentityProviderClient,
} from "@aws-sdk/client-cognito-identity-provider";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
export const BIN = join(ROOT, "bin", "cogctl");
/** The compiled modules (Node 20 cannot import TypeScript): `npm run build` makes them. */
export const DIST = join(ROOT, "dist", "src");

// The benchmarks' own SDK clients (they fill pools) would print the SDK's Node 20 notice; set here
// so that every benchmark importing this module is quiet alike, and their children inherit it.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

/**
 * `cogctl local serve --port 0` in a child process, in memory or on `dataDir`, with `extraArgs`
 * (--quotas, --faults ...) after the defaults; resolves once it prints its URL. stop() sends
 * SIGTERM and resolves when the process has exited, so a data directory can be removed after it.
 * logLevel: its request log, on stderr; "error" keeps the figures readable. stderr: "inherit" (into
 * this process's) or "ignore" (nothing of the server in the report, start-up notices included).
 * nodeArgs: node flags for the server alone (--cpu-prof ...); env: the server's environment.
 */
export async function startEndpoint(
  extraArgs = [],
  { dataDir, logLevel = "error", stderr = "inherit", nodeArgs = [], env } = {},
) {
  const store = dataDir ? ["--data-dir", dataDir] : ["--in-memory"];
  const child = spawn(
    process.execPath,
    [...nodeArgs, BIN, "local", "serve", "--port", "0", ...store, "--log-level", logLevel, ...extraArgs],
    { stdio: ["ignore", "pipe", stderr], ...(env ? { env } : {}) },
  );
  const url = await new Promise((resolve, reject) => {
    let seen = "";
    child.stdout.on("data", (c) => {
      seen += c;
      const m = /(http:\/\/\S+)/.exec(seen);
      if (m) resolve(m[1]);
    });
    child.on("exit", (code) => reject(new Error(`cogctl local serve exited with ${code}: ${seen}`)));
  });
  return {
    url,
    child,
    stop: () =>
      new Promise((r) => {
        if (child.exitCode !== null || child.signalCode !== null) return r();
        child.once("exit", r);
        child.kill("SIGTERM");
      }),
  };
}

/**
 * The embedded endpoint persisting to dataDir, in a child process that runs the compiled modules
 * (no CLI around them), so that a benchmark can add its own hooks to the server's process: `tail`
 * is more module code run once it listens, with `endpoint` and `server` in scope (a SIGTERM
 * handler, a stdin protocol). stdin: "ignore" or "pipe". Resolves once the child prints its URL,
 * with nextLine() for what it prints after.
 */
export async function startEndpointProcess(dataDir, { tail = "", stdin = "ignore" } = {}) {
  const script = `
const { LocalEndpoint } = await import(${JSON.stringify(join(DIST, "local/endpoint.js"))});
const { startServer } = await import(${JSON.stringify(join(DIST, "local/server.js"))});
const endpoint = await LocalEndpoint.open({ region: "us-east-1", dataDir: ${JSON.stringify(dataDir)} });
const server = await startServer({ port: 0, endpoint });
process.stdout.write(server.url + "\\n");
${tail}`;
  const child = spawn(process.execPath, ["--input-type=module", "-e", script], {
    stdio: [stdin, "pipe", "inherit"],
  });
  const lines = [];
  const waiting = [];
  let buf = "";
  child.stdout.setEncoding("utf8");
  child.stdout.on("data", (d) => {
    buf += d;
    for (let i = buf.indexOf("\n"); i >= 0; i = buf.indexOf("\n")) {
      lines.push(buf.slice(0, i));
      buf = buf.slice(i + 1);
    }
    while (waiting.length && lines.length) waiting.shift().resolve(lines.shift());
  });
  child.once("exit", (code) => {
    for (const w of waiting.splice(0)) w.reject(new Error(`endpoint process exited ${code}`));
  });
  const nextLine = () =>
    new Promise((resolve, reject) => {
      if (lines.length) resolve(lines.shift());
      else if (child.exitCode !== null) reject(new Error(`endpoint process exited ${child.exitCode}`));
      else waiting.push({ resolve, reject });
    });
  const url = await nextLine();
  return { child, url, nextLine };
}

/** A free TCP port on 127.0.0.1 (moto_server prints no URL that a caller could read for port 0 with its output discarded). */
function freePort() {
  return new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/**
 * moto_server on a free port, ready once /moto-api/ answers; rejects if it does not within 10 s.
 * Its request log goes nowhere: read back through a pipe it would cost this process CPU beside the
 * contenders at thousands of requests a second. stop() resolves when it has exited.
 */
export async function startMoto() {
  const port = await freePort();
  const child = spawn("moto_server", ["-H", "127.0.0.1", "-p", String(port)], { stdio: "ignore" });
  let failed; // not installed: spawn's "error", and no "exit" to wait for
  const exited = new Promise((r) => {
    child.once("exit", r);
    child.once("error", (err) => {
      failed = err;
      r();
    });
  });
  const stop = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    return exited;
  };
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100 && !failed; i++) {
    try {
      await fetch(`${url}/moto-api/`);
      return { url, child, stop };
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  await stop();
  throw new Error(`moto_server did not start${failed ? `: ${failed.message}` : ""}`);
}

/**
 * The environment of a timed child: bench credentials and region, and no config or credentials
 * file (a developer's ~/.aws would otherwise change what the AWS CLI or cogctl reads and does), no
 * pager. `extra` adds to it (COGCTL_CONFIG_DIR, NO_COLOR ...).
 */
export function benchEnv(extra = {}) {
  return {
    ...process.env,
    AWS_ACCESS_KEY_ID: "bench",
    AWS_SECRET_ACCESS_KEY: "bench",
    AWS_REGION: "us-east-1",
    AWS_DEFAULT_REGION: "us-east-1",
    AWS_CONFIG_FILE: "/nonexistent/cogctl-bench-config",
    AWS_SHARED_CREDENTIALS_FILE: "/nonexistent/cogctl-bench-credentials",
    AWS_PAGER: "",
    ...extra,
  };
}

/** An SDK client for an endpoint (local serve, moto); `options` adds maxAttempts and the like. */
export function sdkClient(endpoint, options = {}) {
  return new CognitoIdentityProviderClient({
    region: "us-east-1",
    endpoint,
    credentials: { accessKeyId: "bench", secretAccessKey: "bench" },
    ...options,
  });
}

/**
 * Creates users user0 ... user{count-1} in `poolId` with 8 requests in flight (filling a pool one
 * call at a time would take longer than the benchmark). attributes(n): the user's attributes;
 * afterCreate(n): more calls for that user (group memberships), on the same worker.
 */
export async function seedUsers(
  sdk,
  poolId,
  count,
  { attributes = (n) => [{ Name: "email", Value: `user${n}@example.com` }], afterCreate } = {},
) {
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < count) {
        const n = next++;
        await sdk.send(
          new AdminCreateUserCommand({
            UserPoolId: poolId,
            Username: `user${n}`,
            MessageAction: "SUPPRESS",
            UserAttributes: attributes(n),
          }),
        );
        await afterCreate?.(n);
      }
    }),
  );
}

/**
 * The median of xs; with an even count, the upper of the two middle values (what most benchmarks
 * here have always printed), or their mean with { mean: true } (apply.mjs's figures).
 */
export function median(xs, { mean = false } = {}) {
  const v = [...xs].sort((a, b) => a - b);
  const m = Math.floor(v.length / 2);
  return mean && v.length % 2 === 0 ? (v[m - 1] + v[m]) / 2 : v[m];
}

/** The value at quantile q (0.5, 0.95 ...) of an ascending array, as the SRP and token benchmarks print it. */
export function quantile(sorted, q) {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** The 1-, 5- and 15-minute load averages (the first `count` of them), printed next to figures from a shared machine. */
export function loadAverage(digits = 1, count = 3) {
  return loadavg()
    .slice(0, count)
    .map((l) => l.toFixed(digits))
    .join(" ");
}

/** `--name N` from argv, a number, or dflt. */
export function numberFlag(name, dflt) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
}

const TIME = "/usr/bin/time";
const TIME_FORMAT = ["-f", "TIME %e %M"];
const peakRssMB = (stderr) => {
  const m = /TIME ([\d.]+) (\d+)/.exec(stderr);
  return m ? Number(m[2]) / 1024 : undefined;
};

/**
 * Runs cmd to completion and times it from spawn to exit, as the caller sees it: { ms, code,
 * stdout, stderr, rssMB }. Options: env, cwd; input (a string written to its stdin, which is
 * otherwise not connected); discard (drop stdout unread, for output too big to keep); peakRss (run
 * it under /usr/bin/time, when installed, for its peak RSS in MB); check (default true: reject when
 * it exits non-zero, naming the command and its stderr).
 */
export function timed(cmd, args, { env, cwd, input, discard = false, peakRss = false, check = true } = {}) {
  const wrapped = peakRss && existsSync(TIME);
  const [file, ...argv] = wrapped ? [TIME, ...TIME_FORMAT, cmd, ...args] : [cmd, ...args];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(file, argv, {
      env,
      cwd,
      stdio: [input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
    });
    const chunks = [];
    let stderr = "";
    if (discard) child.stdout.resume();
    else child.stdout.on("data", (c) => chunks.push(c));
    child.stderr.on("data", (c) => (stderr += c));
    child.on("error", reject);
    child.on("close", (code) => {
      const ms = performance.now() - started;
      if (check && code !== 0) return reject(new Error(`${cmd} ${args.join(" ")} exited ${code}: ${stderr}`));
      const rssMB = wrapped ? peakRssMB(stderr) : undefined;
      resolve({ ms, code, stdout: Buffer.concat(chunks).toString("utf8"), stderr, rssMB });
    });
    if (input !== undefined) child.stdin.end(input);
  });
}

/** timed(), blocking (spawnSync): the figures of the benchmarks that have always timed their children so. */
export function timedSync(cmd, args, { env, cwd, check = true } = {}) {
  const started = performance.now();
  const r = spawnSync(cmd, args, { env, cwd, encoding: "utf8" });
  const ms = performance.now() - started;
  if (check && r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} exited ${r.status}: ${r.stderr}`);
  return { ms, code: r.status, stdout: r.stdout, stderr: r.stderr };
}
