// --debug must not let anyone confirm a guessed password. The trace hides the password itself, but
// anything computed from the body (its SHA-256 in x-amz-content-sha256, the SigV4 signature, whose
// key is public with --local) confirms a guess just as well: hash each body a guess would give and
// compare. This runs the real bin/cogctl against the embedded endpoint over HTTP, in process
// (--local) and against moto_server, and checks stderr for every derivation of every body the
// password could have been sent in.
import { createHash, createHmac } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliSignInUser, loginArgs } from "./helpers/auth-e2e.js";
import { spawnCli, spawnCliOk } from "./helpers/cli.js";
import { isolatedAwsEnv } from "./helpers/env.js";
import { type LocalHarness, startLocal } from "./helpers/local-server.js";
import { type MotoServer, startMoto } from "./helpers/moto.js";

const PASSWORD = "Guess-me-1!";
/** The secret keys the trace could have been signed with: the test env's and --local's fixed one. */
const SIGNING_KEYS = ["testing", "cogctl-local"];

interface Exchange {
  target: string;
  requestBody: string;
  responseBody: string;
}

/** An HTTP proxy in front of an endpoint that keeps each body exactly as sent and received. */
async function recordingProxy(
  upstream: string,
): Promise<{ url: string; exchanges: Exchange[]; close(): Promise<void> }> {
  const exchanges: Exchange[] = [];
  const read = async (req: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    return Buffer.concat(chunks);
  };
  const server: Server = createServer(async (req, res) => {
    const body = await read(req);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) {
      if (typeof v === "string" && !["host", "content-length", "connection"].includes(k)) headers[k] = v;
    }
    const answer = await fetch(`${upstream}${req.url}`, { method: req.method, headers, body });
    const answerBody = Buffer.from(await answer.arrayBuffer());
    exchanges.push({
      target: String(req.headers["x-amz-target"] ?? ""),
      requestBody: body.toString("utf8"),
      responseBody: answerBody.toString("utf8"),
    });
    res.writeHead(answer.status, {
      "content-type": answer.headers.get("content-type") ?? "application/json",
    });
    res.end(answerBody);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    exchanges,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Every key order of an object (nested objects too): the bodies a serializer could produce. */
function orderings(value: unknown): unknown[] {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return [value];
  const entries = Object.entries(value);
  const out: unknown[] = [];
  const permute = (rest: [string, unknown][], done: [string, unknown][]) => {
    if (rest.length === 0) {
      // Each nested value in each of its own orders.
      let partials: [string, unknown][][] = [[]];
      for (const [k, v] of done)
        partials = partials.flatMap((p) => orderings(v).map((o) => [...p, [k, o] as [string, unknown]]));
      for (const p of partials) out.push(Object.fromEntries(p));
      return;
    }
    for (const [i, e] of rest.entries()) permute([...rest.slice(0, i), ...rest.slice(i + 1)], [...done, e]);
  };
  permute(entries, []);
  return out;
}

function candidateBodies(input: Record<string, unknown>): string[] {
  return orderings(input).map((o) => JSON.stringify(o));
}

/** What a trace could show that confirms `text`: the text, its encodings, digests and HMACs. */
function derivations(text: string): string[] {
  const out = [
    text,
    Buffer.from(text).toString("base64"),
    Buffer.from(text).toString("base64url"),
    Buffer.from(text).toString("hex"),
    encodeURIComponent(text),
  ];
  for (const algorithm of ["sha256", "sha1", "md5", "sha512"]) {
    const digest = createHash(algorithm).update(text).digest();
    out.push(digest.toString("hex"), digest.toString("base64"));
  }
  for (const key of SIGNING_KEYS) {
    const mac = createHmac("sha256", key).update(text).digest();
    out.push(mac.toString("hex"), mac.toString("base64"));
  }
  return out;
}

function leaks(stderr: string, texts: string[]): string[] {
  const found = texts.flatMap((t) =>
    derivations(t).filter((d) => stderr.toLowerCase().includes(d.toLowerCase())),
  );
  // Any SHA-256 or HMAC-SHA256 at all, in hex or base64, whatever it was computed over.
  // (Any longer hex run too: SRP values are hex.)
  const hex = stderr.match(/[0-9a-f]{64,}/gi) ?? [];
  const b64 = stderr.match(/[A-Za-z0-9+/]{43}=/g) ?? [];
  return [...found, ...hex, ...b64];
}

interface Target {
  name: string;
  /** Global flags reaching it. */
  flags: string[];
  /** Recorded exchanges, when the requests go over HTTP through the recording proxy. */
  exchanges?: Exchange[];
}

const dirs: string[] = [];
const closers: (() => Promise<void>)[] = [];
let local: LocalHarness;
let moto: MotoServer;
let env: Record<string, string | undefined>;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), "cogctl-sec-debug-"));
  dirs.push(dir);
  env = isolatedAwsEnv({ COGCTL_DATA_DIR: join(dir, "data"), COGCTL_CONFIG_DIR: join(dir, "cfg") });
  [local, moto] = await Promise.all([startLocal(), startMoto()]);
  closers.push(
    () => local.close(),
    () => moto.stop(),
  );
});

afterAll(async () => {
  for (const close of closers.reverse()) await close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function proxied(name: string, upstream: () => string): Promise<Target> {
  const proxy = await recordingProxy(upstream());
  closers.push(() => proxy.close());
  return { name, flags: ["--endpoint-url", proxy.url], exchanges: proxy.exchanges };
}

async function cogctl(target: Target, argv: string[]) {
  const r = await spawnCli([...target.flags, ...argv], { env });
  return r;
}

async function json(target: Target, argv: string[]): Promise<Record<string, any>> {
  return JSON.parse((await spawnCliOk([...target.flags, ...argv], { env })).stdout);
}

const targets: [string, () => Promise<Target>][] = [
  ["the embedded endpoint over --endpoint-url", () => proxied("local-http", () => local.server.url)],
  ["moto_server over --endpoint-url", () => proxied("moto", () => moto.url)],
  ["the embedded endpoint in process (--local)", async () => ({ name: "local", flags: ["--local"] })],
];

describe.each(targets)("--debug against %s", (_label, makeTarget) => {
  let target: Target;
  let pool: string;
  let client: string;

  beforeAll(async () => {
    target = await makeTarget();
    pool = (await json(target, ["create-user-pool", "--pool-name", `debug-${target.name}`])).UserPool.Id;
    client = (
      await json(target, [
        "create-user-pool-client",
        "--user-pool-id",
        pool,
        "--client-name",
        "c",
        "--explicit-auth-flows",
        "ALLOW_USER_PASSWORD_AUTH",
        "ALLOW_REFRESH_TOKEN_AUTH",
      ])
    ).UserPoolClient.ClientId;
    await json(target, ["admin-create-user", "--user-pool-id", pool, "--username", "bob"]);
  });

  /** Runs a traced command and checks its stderr against every body the password could be in. */
  async function tracedWithoutLeaks(
    argv: string[],
    input: Record<string, unknown>,
    operation: string,
    signed = true,
  ) {
    const before = target.exchanges?.length ?? 0;
    const r = await cogctl(target, ["--debug", ...argv]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`request body: `);
    // Signed operations carry the body's SHA-256; InitiateAuth is unsigned and carries none.
    if (signed) expect(r.stderr).toContain(`"x-amz-content-sha256":"****"`);
    const candidates = candidateBodies(input);
    const sent = target.exchanges?.slice(before).find((e) => e.target.endsWith(`.${operation}`));
    if (target.exchanges) {
      // The recorded bytes are among the guessed bodies: the guesses are what an attacker would try,
      // and what the in-process case (nothing to record) relies on.
      expect(sent).toBeDefined();
      expect(candidates).toContain(sent!.requestBody);
    }
    expect(leaks(r.stderr, [...candidates, PASSWORD])).toEqual([]);
    return { r, sent };
  }

  it("admin-set-user-password --password shows no value derived from the password", async () => {
    await tracedWithoutLeaks(
      [
        "admin-set-user-password",
        "--user-pool-id",
        pool,
        "--username",
        "bob",
        "--password",
        PASSWORD,
        "--permanent",
      ],
      { UserPoolId: pool, Username: "bob", Password: PASSWORD, Permanent: true },
      "AdminSetUserPassword",
    );
  });

  it("admin-create-user --temporary-password shows no value derived from the password", async () => {
    await tracedWithoutLeaks(
      ["admin-create-user", "--user-pool-id", pool, "--username", "carol", "--temporary-password", PASSWORD],
      { UserPoolId: pool, Username: "carol", TemporaryPassword: PASSWORD },
      "AdminCreateUser",
    );
  });

  it("initiate-auth with a password shows neither the password's derivations nor the tokens", async () => {
    const { r, sent } = await tracedWithoutLeaks(
      [
        "initiate-auth",
        "--client-id",
        client,
        "--auth-flow",
        "USER_PASSWORD_AUTH",
        "--auth-parameters",
        `USERNAME=bob,PASSWORD=${PASSWORD}`,
      ],
      { AuthFlow: "USER_PASSWORD_AUTH", ClientId: client, AuthParameters: { USERNAME: "bob", PASSWORD } },
      "InitiateAuth",
      false,
    );
    const tokens = Object.values(JSON.parse(r.stdout).AuthenticationResult ?? {}).filter(
      (v): v is string => typeof v === "string" && v.length > 20,
    );
    expect(tokens.length).toBeGreaterThan(0);
    if (sent) expect(sent.responseBody).toContain(tokens[0]);
    expect(leaks(r.stderr, tokens)).toEqual([]);
  });

  it("still shows the body digest of a request that holds nothing secret (the check can see one)", async () => {
    const before = target.exchanges?.length ?? 0;
    const r = await cogctl(target, ["--debug", "list-user-pools", "--max-results", "5"]);
    expect(r.code).toBe(0);
    const body = target.exchanges?.slice(before)[0]?.requestBody ?? JSON.stringify({ MaxResults: 5 });
    const digest = createHash("sha256").update(body).digest("hex");
    expect(r.stderr).toContain(`"x-amz-content-sha256":"${digest}"`);
    expect(leaks(r.stderr, [body])).toContain(digest);
    // The signature is hidden even here: with --local its key is public.
    expect(r.stderr).toMatch(
      /Credential=\*\*\*\*\/\d{8}\/us-east-1\/cognito-idp\/aws4_request, SignedHeaders=[a-z0-9;-]+, Signature=\*\*\*\*"/,
    );
  });
});

describe("--debug and presigned URLs", () => {
  it("create-user-import-job shows the PreSignedUrl's origin only (its path holds the upload token)", async () => {
    const target: Target = { name: "local", flags: ["--local"] };
    const pool = (await json(target, ["create-user-pool", "--pool-name", "debug-import"])).UserPool.Id;
    const r = await cogctl(target, [
      "--debug",
      "create-user-import-job",
      "--user-pool-id",
      pool,
      "--job-name",
      "j",
      "--cloud-watch-logs-role-arn",
      "arn:aws:iam::123456789012:role/import",
    ]);
    expect(r.code, r.stderr).toBe(0);
    const url = new URL(JSON.parse(r.stdout).UserImportJob.PreSignedUrl);
    const signature = url.searchParams.get("X-Amz-Signature");
    expect(signature).toBeTruthy();
    expect(r.stderr).toContain(`"PreSignedUrl":"${url.origin}/****?****"`);
    for (const secret of [signature!, url.pathname, ...url.pathname.split("/").filter((p) => p.length > 8)]) {
      expect(r.stderr).not.toContain(secret);
    }
  });
});

describe.each(targets.filter(([label]) => !label.startsWith("moto")))(
  "auth login --debug (SRP) against %s",
  (_label, makeTarget) => {
    it("shows nothing derived from the password: no SRP values, no password claim signature", async () => {
      const target = await makeTarget();
      const run = async (argv: string[]) => (await spawnCliOk([...target.flags, ...argv], { env })).stdout;
      const { pool, client } = await cliSignInUser(run, {
        pool: `srp-${target.name}`,
        username: "dave",
        password: PASSWORD,
      });
      const passwordFile = join(dirs[0]!, `password-${target.name}`);
      writeFileSync(passwordFile, PASSWORD);
      const r = await cogctl(target, [
        "--debug",
        ...loginArgs(pool, client, "dave"),
        "--password-file",
        passwordFile,
      ]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toContain('"ChallengeName":"PASSWORD_VERIFIER"');
      expect(r.stderr).toContain('"PASSWORD_CLAIM_SIGNATURE":"****"');
      expect(leaks(r.stderr, [PASSWORD])).toEqual([]);
    });
  },
);
