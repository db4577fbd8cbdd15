// AdminCreateUser and AdminGetUser throughput over HTTP through the AWS SDK v3 at concurrency 8:
// the cogctl embedded endpoint (separate process, persisting to disk: WAL, synchronous=NORMAL) side
// by side with moto_server in the same run.
//   node bench/local-throughput.mjs [--seconds 5] [--concurrency 8]
// Runs bin/cogctl, so build first (`npm run bench` does).
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolCommand,
} from "@aws-sdk/client-cognito-identity-provider";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const SECONDS = arg("seconds", 5);
const CONCURRENCY = arg("concurrency", 8);

function freePort() {
  return new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** The real `cogctl local serve` (the build `npm run bench` makes first), persisting to dataDir. */
async function startCogctl(dataDir) {
  const child = spawn(
    process.execPath,
    [
      join(root, "bin", "cogctl"),
      "local",
      "serve",
      "--port",
      "0",
      "--data-dir",
      dataDir,
      "--log-level",
      "error",
    ],
    { cwd: root, stdio: ["ignore", "pipe", "inherit"] },
  );
  const url = await new Promise((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
      if (out.includes("\n")) resolve(out.trim());
    });
    child.once("exit", (c) => reject(new Error(`cogctl local serve exited ${c}`)));
  });
  return { url, child };
}

async function startMoto() {
  const port = await freePort();
  const child = spawn("moto_server", ["-p", String(port)], { stdio: "ignore" });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      await fetch(`${url}/moto-api/`);
      return { url, child };
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error("moto_server did not start");
}

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
  const client = new CognitoIdentityProviderClient({
    region: "us-east-1",
    endpoint: url,
    credentials: { accessKeyId: "bench", secretAccessKey: "bench" },
    maxAttempts: 1,
  });
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
const cogctl = await startCogctl(join(dataParent, "data"));
try {
  results.push(await run("cogctl local (disk)", cogctl.url));
} finally {
  cogctl.child.kill("SIGTERM");
}
let moto;
try {
  moto = await startMoto();
  results.push(await run("moto_server", moto.url));
} catch (err) {
  console.log(`moto_server: skipped (${err.message})`);
} finally {
  moto?.child.kill("SIGTERM");
}
rmSync(dataParent, { recursive: true, force: true });

console.log(
  `AdminCreateUser / AdminGetUser over HTTP, AWS SDK v3, concurrency ${CONCURRENCY}, ${SECONDS}s each`,
);
console.log("endpoint                 creates/s  creates+password/s   gets/s   (errors)");
for (const r of results) {
  console.log(
    `${r.name.padEnd(24)} ${r.creates.perSecond.toFixed(0).padStart(9)} ${r.withPassword.perSecond.toFixed(0).padStart(19)} ${r.gets.perSecond.toFixed(0).padStart(8)}   (${r.creates.errors + r.withPassword.errors + r.gets.errors})`,
  );
}
mkdirSync(join(root, "bench/results"), { recursive: true });
writeFileSync(
  join(root, "bench/results/local-throughput.json"),
  JSON.stringify(
    { date: new Date().toISOString(), seconds: SECONDS, concurrency: CONCURRENCY, results },
    null,
    2,
  ),
);
