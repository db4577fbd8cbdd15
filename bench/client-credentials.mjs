// Issue 13's client benchmark: the end-to-end time of `cogctl auth client-credentials` cold (the
// cache bypassed: DescribeUserPool + DescribeUserPoolDomain + POST /oauth2/token) and cached (a
// token from the 0600 cache, no request), side by side with `cogctl admin-get-user` (one API call)
// against `cogctl local serve` over HTTP; all full process starts, as a CI script runs them. Runs
// alternate; medians are reported. Target: cached ≤ 1.1× admin-get-user.
//
// The domain is the one the endpoint states for the pool (DescribeUserPoolDomain). An endpoint that
// states none (before the embedded endpoint served the domain) gets a stand-in token endpoint in
// this process, named in the output, so the figures say which one they measured.
// Not a test: it prints figures; it only checks that every timed command succeeded.
// Usage: npm run build && node bench/client-credentials.mjs [runs]
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  AdminCreateUserCommand,
  CreateResourceServerCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  CreateUserPoolDomainCommand,
  DescribeUserPoolDomainCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { SignJWT } from "jose";
import { BIN, benchEnv, median, sdkClient, startEndpoint, timed } from "./lib.mjs";

const runs = Number(process.argv[2] ?? 21);
const work = mkdtempSync(join(tmpdir(), "cogctl-bench-cc-"));

/** A stand-in /oauth2/token (client_credentials only), for an endpoint that serves no domain yet. */
async function standInDomain() {
  const key = new TextEncoder().encode("bench-stand-in-key");
  const server = createServer(async (req, res) => {
    for await (const _ of req);
    const token = await new SignJWT({ token_use: "access", scope: "bench/read" })
      .setProtectedHeader({ alg: "HS256" })
      .setExpirationTime("1h")
      .sign(key);
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ access_token: token, expires_in: 3600, token_type: "Bearer" }));
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${server.address().port}`, stop: () => server.close() };
}

/** Wall ms of one cogctl invocation. */
const run = async (argv, env) => (await timed(process.execPath, [BIN, ...argv], { env, discard: true })).ms;

let endpoint;
let standIn;
try {
  endpoint = await startEndpoint();
  const sdk = sdkClient(endpoint.url);
  const pool = (await sdk.send(new CreateUserPoolCommand({ PoolName: "bench" }))).UserPool.Id;
  await sdk.send(
    new CreateResourceServerCommand({
      UserPoolId: pool,
      Identifier: "bench",
      Name: "bench",
      Scopes: [{ ScopeName: "read", ScopeDescription: "read" }],
    }),
  );
  const created = (
    await sdk.send(
      new CreateUserPoolClientCommand({
        UserPoolId: pool,
        ClientName: "m2m",
        GenerateSecret: true,
        AllowedOAuthFlows: ["client_credentials"],
        AllowedOAuthFlowsUserPoolClient: true,
        AllowedOAuthScopes: ["bench/read"],
      }),
    )
  ).UserPoolClient;
  const prefix = `bench-${Date.now()}`;
  await sdk.send(new CreateUserPoolDomainCommand({ UserPoolId: pool, Domain: prefix }));
  const stated = (await sdk.send(new DescribeUserPoolDomainCommand({ Domain: prefix }))).DomainDescription
    ?.CloudFrontDistribution;
  await sdk.send(
    new AdminCreateUserCommand({ UserPoolId: pool, Username: "bench-user", MessageAction: "SUPPRESS" }),
  );
  sdk.destroy();

  const env = benchEnv({
    COGCTL_CONFIG_DIR: join(work, "config"),
    COGCTL_STATE_DIR: join(work, "state"),
    COGCTL_CLIENT_SECRET: created.ClientSecret,
  });
  let domainNote = `the endpoint's domain (${stated})`;
  if (!/^https?:\/\//.test(stated ?? "")) {
    standIn = await standInDomain();
    env.COGCTL_OAUTH_DOMAIN = standIn.url;
    domainNote = `a STAND-IN token endpoint (${standIn.url}): the endpoint states no URL for the domain, so the cold path skips DescribeUserPool/DescribeUserPoolDomain`;
  }
  const at = ["--endpoint-url", endpoint.url];
  const cc = [
    ...at,
    "auth",
    "client-credentials",
    "--pool",
    pool,
    "--client",
    created.ClientId,
    "--scope",
    "bench/read",
  ];
  const getUser = [...at, "admin-get-user", "--user-pool-id", pool, "--username", "bench-user"];

  // Warm-up: the compile cache, the OS page cache, and the token cache's first entry.
  for (let i = 0; i < 3; i++) {
    await run(cc, env);
    await run(getUser, env);
  }
  const cold = [];
  const cached = [];
  const lookup = [];
  for (let i = 0; i < runs; i++) {
    cold.push(await run([...cc, "--no-cache"], env));
    cached.push(await run(cc, env));
    lookup.push(await run(getUser, env));
  }
  const ref = median(lookup);
  const row = (name, xs) =>
    `${name.padEnd(40)} ${median(xs).toFixed(1).padStart(8)} ms  ${(median(xs) / ref).toFixed(2)}x`;
  console.log(
    `${runs} runs each, medians, full process starts against cogctl local serve; token from ${domainNote}`,
  );
  console.log(row("cogctl admin-get-user", lookup));
  console.log(row("cogctl auth client-credentials (cold)", cold));
  console.log(row("cogctl auth client-credentials (cached)", cached));
  console.log(`target: cached ≤ 1.10x admin-get-user: ${median(cached) / ref <= 1.1 ? "met" : "NOT met"}`);
} finally {
  standIn?.stop();
  await endpoint?.stop();
  rmSync(work, { recursive: true, force: true });
}
