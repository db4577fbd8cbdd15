// Timings of Cognito SRP: one createPasswordVerifier, one client response, one server-side
// verification (startServerSrp + verifyClaim), and a whole exchange.
//
// Node 20 cannot import TypeScript, so this runs against the compiled modules:
//   npx tsc -p tsconfig.build.json && node bench/srp.mjs [iterations]
// (npm run build also works.) Not a test: it prints figures to read, it asserts only that the
// exchange it times actually succeeds.
import { randomBytes } from "node:crypto";
import { createSrpClient } from "../dist/src/cognito/crypto/srp-client.js";
import { startServerSrp, verifyClaim } from "../dist/src/cognito/crypto/srp-server.js";
import { createPasswordVerifier } from "../dist/src/cognito/crypto/srp-verifier.js";
import { quantile } from "./lib.mjs";

const iterations = Number(process.argv[2] ?? 200);
const POOL = "AbCdEfGhI";
const USER = "alice";
const PASSWORD = "Corr3ct horse battery!";
const SECRET_BLOCK = randomBytes(64).toString("base64");

/** Median and 95th percentile in ms over `iterations` runs; run() returns the ms it spent timing. */
function report(name, run) {
  for (let i = 0; i < 10; i++) run(); // warm up JIT and OpenSSL's Montgomery context
  const times = [];
  for (let i = 0; i < iterations; i++) times.push(run());
  times.sort((a, b) => a - b);
  const at = (q) => quantile(times, q).toFixed(2);
  console.log(`${name.padEnd(52)} median ${at(0.5)} ms   p95 ${at(0.95)} ms`);
}

/** Milliseconds fn takes. */
function time(fn) {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

/** Times fn(setup()) without timing setup. */
function measure(name, setup, fn) {
  report(name, () => {
    const input = setup();
    return time(() => fn(input));
  });
}

const stored = createPasswordVerifier(POOL, USER, PASSWORD);

/** A client, a server step and the client's claim, ready for verifyClaim. */
function exchange() {
  const client = createSrpClient();
  const step = startServerSrp(client.srpA, stored);
  const claim = client.respond(
    { SALT: step.salt, SRP_B: step.srpB, SECRET_BLOCK, USER_ID_FOR_SRP: USER },
    PASSWORD,
    POOL,
  );
  return { client, step, claim };
}

const claimArgs = (claim) => ({
  poolName: POOL,
  userIdForSrp: USER,
  secretBlockB64: claim.PASSWORD_CLAIM_SECRET_BLOCK,
  timestamp: claim.TIMESTAMP,
  signatureB64: claim.PASSWORD_CLAIM_SIGNATURE,
});

console.log(`cogctl SRP bench, ${iterations} iterations, node ${process.version}`);

measure(
  "createPasswordVerifier",
  () => null,
  () => createPasswordVerifier(POOL, USER, PASSWORD),
);

measure(
  "createSrpClient (A = g^a)",
  () => null,
  () => createSrpClient(),
);

measure(
  "client respond (PASSWORD_VERIFIER answer)",
  () => {
    const client = createSrpClient();
    return { client, step: startServerSrp(client.srpA, stored) };
  },
  ({ client, step }) =>
    client.respond(
      { SALT: step.salt, SRP_B: step.srpB, SECRET_BLOCK, USER_ID_FOR_SRP: USER },
      PASSWORD,
      POOL,
    ),
);

// The endpoint's cost of one sign-in: startServerSrp and verifyClaim, the client's work in
// between (it needs B) left out of the clock.
report("server verification (startServerSrp + verifyClaim)", () => {
  const client = createSrpClient();
  let step;
  const start = time(() => {
    step = startServerSrp(client.srpA, stored);
  });
  const claim = client.respond(
    { SALT: step.salt, SRP_B: step.srpB, SECRET_BLOCK, USER_ID_FOR_SRP: USER },
    PASSWORD,
    POOL,
  );
  let ok = false;
  const verify = time(() => {
    ok = verifyClaim(step.state, claimArgs(claim));
  });
  if (!ok) throw new Error("bench exchange failed");
  return start + verify;
});

measure(
  "startServerSrp alone",
  () => createSrpClient().srpA,
  (srpA) => startServerSrp(srpA, stored),
);

measure("verifyClaim alone", exchange, ({ step, claim }) => {
  if (!verifyClaim(step.state, claimArgs(claim))) throw new Error("bench exchange failed");
});

measure(
  "whole exchange (client + server)",
  () => null,
  () => {
    const { step, claim } = exchange();
    if (!verifyClaim(step.state, claimArgs(claim))) throw new Error("bench exchange failed");
  },
);
