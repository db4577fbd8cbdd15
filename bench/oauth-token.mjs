// client_credentials tokens per second from the pool domain's POST /oauth2/token on the embedded
// endpoint, over HTTP at concurrency 8 (keep-alive fetch, HTTP Basic client authentication): the
// endpoint runs in its own process on a data directory on disk, as `cogctl local serve` does, and
// reports its own process.cpuUsage() so the figure is server CPU per token (parsing, client and
// scope checks, one RS256 signature). Side by side: GET /health on the same server and connections
// (the HTTP floor), and one token signed in process (the signature alone).
//
// Node 20 cannot import TypeScript, so this runs against the compiled modules:
//   npx tsc -p tsconfig.build.json && node bench/oauth-token.mjs [seconds] [concurrency]
// Not a test: it prints figures; it only checks that each answer really carried a token.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  CreateResourceServerCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  CreateUserPoolDomainCommand,
  DescribeUserPoolDomainCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { DIST, quantile, sdkClient, startEndpointProcess } from "./lib.mjs";

const seconds = Number(process.argv[2] ?? 10);
const concurrency = Number(process.argv[3] ?? 8);

/** The endpoint in a child process; answers `cpu` on stdin with its process.cpuUsage() in µs. */
async function startServerProcess(dataDir) {
  const tail = `
process.stdin.setEncoding("utf8");
process.stdin.on("data", (d) => {
  for (const line of d.split("\\n")) if (line === "cpu") process.stdout.write(JSON.stringify(process.cpuUsage()) + "\\n");
});
process.stdin.on("end", async () => { await server.close(); endpoint.close(); process.exit(0); });`;
  const { child, url, nextLine } = await startEndpointProcess(dataDir, { tail, stdin: "pipe" });
  const cpuMs = async () => {
    child.stdin.write("cpu\n");
    const { user, system } = JSON.parse(await nextLine());
    return (user + system) / 1000;
  };
  return { child, url, cpuMs };
}

async function setUp(sdk) {
  const pool = await sdk.send(new CreateUserPoolCommand({ PoolName: "bench-oauth" }));
  const poolId = pool.UserPool.Id;
  await sdk.send(
    new CreateResourceServerCommand({
      UserPoolId: poolId,
      Identifier: "api",
      Name: "API",
      Scopes: [{ ScopeName: "read", ScopeDescription: "read" }],
    }),
  );
  await sdk.send(new CreateUserPoolDomainCommand({ UserPoolId: poolId, Domain: "bench-oauth" }));
  const c = await sdk.send(
    new CreateUserPoolClientCommand({
      UserPoolId: poolId,
      ClientName: "m2m",
      GenerateSecret: true,
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ["client_credentials"],
      AllowedOAuthScopes: ["api/read"],
    }),
  );
  const d = await sdk.send(new DescribeUserPoolDomainCommand({ Domain: "bench-oauth" }));
  return {
    tokenUrl: `${d.DomainDescription.CloudFrontDistribution}/oauth2/token`,
    auth: `Basic ${Buffer.from(`${c.UserPoolClient.ClientId}:${c.UserPoolClient.ClientSecret}`).toString("base64")}`,
  };
}

/** `concurrency` loops calling `once` for `seconds`; req/s, latency percentiles, server CPU per call. */
async function drive(once, cpuMs) {
  for (let i = 0; i < 50; i++) await once(); // warm-up (keys, JIT, connections)
  const latencies = [];
  const cpu0 = await cpuMs();
  const t0 = performance.now();
  const end = t0 + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const s = performance.now();
        await once();
        latencies.push(performance.now() - s);
      }
    }),
  );
  const elapsed = (performance.now() - t0) / 1000;
  const cpu = (await cpuMs()) - cpu0;
  latencies.sort((a, b) => a - b);
  const pct = (p) => quantile(latencies, p / 100);
  return {
    perSecond: latencies.length / elapsed,
    p50: pct(50),
    p99: pct(99),
    cpuPerCall: cpu / latencies.length,
  };
}

async function inProcessSigning() {
  const { LocalEndpoint } = await import(join(DIST, "local/endpoint.js"));
  const endpoint = await LocalEndpoint.open({ region: "us-east-1", inMemory: true });
  try {
    const { services } = endpoint;
    const fakePool = { id: "us-east-1_bench" };
    const client = {
      ClientId: "bench",
      AccessTokenValidity: 60,
      TokenValidityUnits: { AccessToken: "minutes" },
    };
    for (let i = 0; i < 50; i++)
      await services.tokens.issueClientCredentials(fakePool, client, "api/read", "http://x");
    const n = 500;
    const t0 = performance.now();
    for (let i = 0; i < n; i++)
      await services.tokens.issueClientCredentials(fakePool, client, "api/read", "http://x");
    return (performance.now() - t0) / n;
  } finally {
    endpoint.close();
  }
}

const dataDir = mkdtempSync(join(tmpdir(), "cogctl-bench-oauth-"));
let server;
let sdk;
try {
  server = await startServerProcess(dataDir);
  const { url, cpuMs } = server;
  sdk = sdkClient(url, { maxAttempts: 1 });
  const { tokenUrl, auth } = await setUp(sdk);
  const body = "grant_type=client_credentials&scope=api%2Fread";
  const token = await drive(async () => {
    const res = await fetch(tokenUrl, {
      method: "POST",
      headers: { authorization: auth, "content-type": "application/x-www-form-urlencoded" },
      body,
    });
    const out = await res.json();
    if (!out.access_token) throw new Error(`no token: ${JSON.stringify(out)}`);
  }, cpuMs);
  const health = await drive(async () => {
    const res = await fetch(`${url}/health`);
    await res.arrayBuffer();
  }, cpuMs);
  const signMs = await inProcessSigning();
  const row = (name, r) =>
    `${name.padEnd(34)} ${r.perSecond.toFixed(0).padStart(7)} req/s   p50 ${r.p50.toFixed(2)} ms   p99 ${r.p99.toFixed(2)} ms   server CPU ${r.cpuPerCall.toFixed(3)} ms/req`;
  console.log(`concurrency ${concurrency}, ${seconds} s each, server in its own process on a data directory`);
  console.log(row("POST /oauth2/token (client_creds)", token));
  console.log(row("GET /health (HTTP floor)", health));
  console.log(
    `${"one token signed in process".padEnd(34)} ${signMs.toFixed(3)} ms (RS256 + claims, no HTTP)`,
  );
} finally {
  sdk?.destroy();
  if (server) {
    const exited = new Promise((r) => server.child.once("exit", r));
    server.child.stdin.end(); // its cue to close the server and the store, then exit
    await exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
}
