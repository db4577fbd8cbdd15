// Complete SRP sign-ins per second against the embedded endpoint: the endpoint runs in its own
// process persisting to a data directory on disk; this process drives it through the AWS SDK v3 at
// concurrency 4, doing the client's SRP maths (A, then the claim) for every sign-in, so the figure
// includes client and server maths. Also reported: the server process's CPU per sign-in (from
// /proc), and the server-side time of one SRP verification measured in process (the
// RespondToAuthChallenge handler: verifyClaim, session checks, token signing, the refresh-token row).
//
// Node 20 cannot import TypeScript, so this runs against the compiled modules:
//   npx tsc -p tsconfig.build.json && node bench/local-auth-srp.mjs [seconds] [concurrency]
// Not a test: it prints figures; it only checks that each sign-in really returned tokens.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { DIST, quantile, sdkClient, startEndpointProcess } from "./lib.mjs";

const { createSrpClient } = await import(join(DIST, "cognito/crypto/srp-client.js"));

const seconds = Number(process.argv[2] ?? 10);
const concurrency = Number(process.argv[3] ?? 4);
const PASSWORD = "Bench#Passw0rd";
const USERS = 8;

/** The endpoint in a child process on a fresh data directory, closing its store on SIGTERM. */
const startServerProcess = (dataDir) =>
  startEndpointProcess(dataDir, {
    tail: `process.on("SIGTERM", async () => { await server.close(); endpoint.close(); process.exit(0); });`,
  });

/** utime + stime of a process in milliseconds (Linux /proc). */
function cpuMs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14, 15 of stat)
  return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
}

async function setUp(sdk) {
  const pool = await sdk.send(new CreateUserPoolCommand({ PoolName: "bench-srp" }));
  const poolId = pool.UserPool.Id;
  const client = await sdk.send(
    new CreateUserPoolClientCommand({
      UserPoolId: poolId,
      ClientName: "bench",
      ExplicitAuthFlows: ["ALLOW_USER_SRP_AUTH"],
    }),
  );
  for (let i = 0; i < USERS; i++) {
    const Username = `user${i}`;
    await sdk.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username, MessageAction: "SUPPRESS" }));
    await sdk.send(
      new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username, Password: PASSWORD, Permanent: true }),
    );
  }
  return { poolId, clientId: client.UserPoolClient.ClientId };
}

/** One complete SRP sign-in through the SDK; throws unless tokens come back. */
async function srpSignIn(sdk, poolId, clientId, username) {
  const srp = createSrpClient();
  const init = await sdk.send(
    new InitiateAuthCommand({
      AuthFlow: "USER_SRP_AUTH",
      ClientId: clientId,
      AuthParameters: { USERNAME: username, SRP_A: srp.srpA },
    }),
  );
  const claim = srp.respond(init.ChallengeParameters, PASSWORD, poolId.split("_")[1]);
  const out = await sdk.send(
    new RespondToAuthChallengeCommand({
      ClientId: clientId,
      ChallengeName: "PASSWORD_VERIFIER",
      Session: init.Session,
      ChallengeResponses: { USERNAME: init.ChallengeParameters.USER_ID_FOR_SRP, ...claim },
    }),
  );
  if (!out.AuthenticationResult?.AccessToken) throw new Error("no tokens");
}

async function throughput() {
  const dataDir = mkdtempSync(join(tmpdir(), "cogctl-bench-srp-"));
  let child;
  let sdk;
  try {
    const server = await startServerProcess(dataDir);
    child = server.child;
    sdk = sdkClient(server.url, { maxAttempts: 1 });
    const { poolId, clientId } = await setUp(sdk);
    for (let i = 0; i < 20; i++) await srpSignIn(sdk, poolId, clientId, `user${i % USERS}`); // warm-up
    let done = 0;
    const cpu0 = cpuMs(child.pid);
    const t0 = performance.now();
    const deadline = t0 + seconds * 1000;
    await Promise.all(
      Array.from({ length: concurrency }, async (_, w) => {
        let n = w;
        while (performance.now() < deadline) {
          await srpSignIn(sdk, poolId, clientId, `user${n++ % USERS}`);
          done++;
        }
      }),
    );
    const elapsed = (performance.now() - t0) / 1000;
    const cpu = cpuMs(child.pid) - cpu0;
    console.log(
      `SRP sign-ins over HTTP (SDK, concurrency ${concurrency}, server persisting to disk): ${(done / elapsed).toFixed(1)}/s (${done} in ${elapsed.toFixed(1)} s)`,
    );
    console.log(
      `server CPU per sign-in (InitiateAuth + RespondToAuthChallenge, /proc): ${(cpu / done).toFixed(2)} ms`,
    );
  } finally {
    sdk?.destroy();
    if (child) {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Server-side time of the two SRP requests, handled in process (no HTTP), median and p95. */
async function serverSide() {
  const { LocalEndpoint } = await import(join(DIST, "local/endpoint.js"));
  const dataDir = mkdtempSync(join(tmpdir(), "cogctl-bench-srp-inproc-"));
  const endpoint = await LocalEndpoint.open({ region: "us-east-1", dataDir });
  const init = [];
  const verify = [];
  try {
    const call = async (op, body) => {
      const out = await endpoint.handle({
        target: `AWSCognitoIdentityProviderService.${op}`,
        body: JSON.stringify(body),
        headers: { host: "127.0.0.1:9229" },
      });
      if (out.status !== 200) throw new Error(`${op}: ${out.body}`);
      return JSON.parse(out.body);
    };
    const pool = (await call("CreateUserPool", { PoolName: "bench" })).UserPool;
    const clientId = (
      await call("CreateUserPoolClient", {
        UserPoolId: pool.Id,
        ClientName: "b",
        ExplicitAuthFlows: ["ALLOW_USER_SRP_AUTH"],
      })
    ).UserPoolClient.ClientId;
    await call("AdminCreateUser", { UserPoolId: pool.Id, Username: "u", MessageAction: "SUPPRESS" });
    await call("AdminSetUserPassword", {
      UserPoolId: pool.Id,
      Username: "u",
      Password: PASSWORD,
      Permanent: true,
    });
    for (let i = 0; i < 220; i++) {
      const srp = createSrpClient();
      let t = performance.now();
      const step = await call("InitiateAuth", {
        AuthFlow: "USER_SRP_AUTH",
        ClientId: clientId,
        AuthParameters: { USERNAME: "u", SRP_A: srp.srpA },
      });
      const ti = performance.now() - t;
      const claim = srp.respond(step.ChallengeParameters, PASSWORD, pool.Id.split("_")[1]);
      t = performance.now();
      const out = await call("RespondToAuthChallenge", {
        ClientId: clientId,
        ChallengeName: "PASSWORD_VERIFIER",
        Session: step.Session,
        ChallengeResponses: { USERNAME: "u", ...claim },
      });
      const tv = performance.now() - t;
      if (!out.AuthenticationResult) throw new Error("no tokens");
      if (i >= 20) {
        init.push(ti);
        verify.push(tv);
      }
    }
  } finally {
    endpoint.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const stats = (xs) => {
    xs.sort((a, b) => a - b);
    return `median ${quantile(xs, 0.5).toFixed(2)} ms, p95 ${quantile(xs, 0.95).toFixed(2)} ms`;
  };
  console.log(`server side, InitiateAuth USER_SRP_AUTH (B = kv + g^b, session row): ${stats(init)}`);
  console.log(`server side, RespondToAuthChallenge PASSWORD_VERIFIER (verify + tokens): ${stats(verify)}`);
}

console.log(`cogctl local SRP sign-in bench, node ${process.version}`);
await serverSide();
await throughput();
