// AdminCreateUser and AdminGetUser throughput over HTTP through the AWS SDK v3 at concurrency 8:
// the cogctl embedded endpoint (separate process, persisting to disk: WAL, synchronous=NORMAL) side
// by side with moto_server in the same run.
//   node bench/local-throughput.mjs [--seconds 5] [--concurrency 8]
// Runs bin/cogctl, so build first (`npm run bench` does).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  CreateUserPoolCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { numberFlag, ROOT, sdkClient, startEndpoint, startMoto } from "./lib.mjs";

const SECONDS = numberFlag("seconds", 5);
const CONCURRENCY = numberFlag("concurrency", 8);

/** Runs op(i) with `CONCURRENCY` workers for SECONDS; returns completed calls per second. */
async function measure(op) {
  let next = 0;
  let done = 0;
  let errors = 0;
  const deadline = performance.now() + SECONDS * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < deadline) {
        const i = next++;
        try {
          await op(i);
          done++;
        } catch {
          errors++;
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  return { perSecond: done / elapsed, done, errors };
}

async function run(name, url) {
  const client = sdkClient(url, { maxAttempts: 1 });
  const { UserPool } = await client.send(
    new CreateUserPoolCommand({ PoolName: `bench-${name.replace(/[^\w]+/g, "-")}` }),
  );
  const poolId = UserPool.Id;
  // Warm-up: connections, lazy loads, JIT.
  for (let i = 0; i < 20; i++) {
    await client.send(
      new AdminCreateUserCommand({ UserPoolId: poolId, Username: `warm${i}`, MessageAction: "SUPPRESS" }),
    );
    await client.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: `warm${i}` }));
  }
  const creates = await measure((i) =>
    client.send(
      new AdminCreateUserCommand({
        UserPoolId: poolId,
        Username: `user${i}`,
        UserAttributes: [
          { Name: "email", Value: `user${i}@example.com` },
          { Name: "email_verified", Value: "true" },
        ],
        MessageAction: "SUPPRESS",
      }),
    ),
  );
  // The same with a TemporaryPassword: the endpoint stores its SRP verifier (one 3072-bit modPow).
  const withPassword = await measure((i) =>
    client.send(
      new AdminCreateUserCommand({
        UserPoolId: poolId,
        Username: `pw${i}`,
        TemporaryPassword: `Temp-${i}-Passw0rd!`,
        MessageAction: "SUPPRESS",
      }),
    ),
  );
  const made = creates.done;
  const gets = await measure((i) =>
    client.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: `user${(i * 7919) % made}` })),
  );
  client.destroy();
  return { name, creates, withPassword, gets };
}

const dataParent = mkdtempSync(join(tmpdir(), "cogctl-bench-"));
const results = [];
try {
  // The real `cogctl local serve` (the build `npm run bench` makes first), persisting to disk.
  const cogctl = await startEndpoint([], { dataDir: join(dataParent, "data") });
  try {
    results.push(await run("cogctl local (disk)", cogctl.url));
  } finally {
    await cogctl.stop();
  }
  let moto;
  try {
    moto = await startMoto();
    results.push(await run("moto_server", moto.url));
  } catch (err) {
    console.log(`moto_server: skipped (${err.message})`);
  } finally {
    await moto?.stop();
  }
} finally {
  rmSync(dataParent, { recursive: true, force: true });
}

console.log(
  `AdminCreateUser / AdminGetUser over HTTP, AWS SDK v3, concurrency ${CONCURRENCY}, ${SECONDS}s each`,
);
console.log("endpoint                 creates/s  creates+password/s   gets/s   (errors)");
for (const r of results) {
  console.log(
    `${r.name.padEnd(24)} ${r.creates.perSecond.toFixed(0).padStart(9)} ${r.withPassword.perSecond.toFixed(0).padStart(19)} ${r.gets.perSecond.toFixed(0).padStart(8)}   (${r.creates.errors + r.withPassword.errors + r.gets.errors})`,
  );
}
mkdirSync(join(ROOT, "bench/results"), { recursive: true });
writeFileSync(
  join(ROOT, "bench/results/local-throughput.json"),
  JSON.stringify(
    { date: new Date().toISOString(), seconds: SECONDS, concurrency: CONCURRENCY, results },
    null,
    2,
  ),
);
