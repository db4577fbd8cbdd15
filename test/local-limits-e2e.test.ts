// `local serve --quotas / --faults` and COGCTL_LOCAL_QUOTAS / COGCTL_LOCAL_FAULTS end to end: the real
// `cogctl local serve` process on port 0 driven by the real AWS SDK, and `cogctl --local` through the
// CLI. Throttling is TooManyRequestsException (400, "Rate exceeded") that the SDK retries; the same
// seed gives the same faults; a fault after the operation leaves the write done though the client
// saw an error or nothing.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as C from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, describe, expect, it } from "vitest";
import { LocalEndpoint } from "../src/local/endpoint.js";
import { FaultPlan } from "../src/local/limits/faults.js";
import { parseFaults } from "../src/local/limits/spec.js";
import { BIN, runCli, spawnCli } from "./helpers/cli.js";

const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
});

interface Served {
  url: string;
  stderr: () => string;
  stop(): Promise<void>;
}

async function serve(args: string[], env: Record<string, string> = {}): Promise<Served> {
  const child = spawn(
    process.execPath,
    [BIN, "local", "serve", "--port", "0", "--log-level", "error", ...args],
    {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, ...env },
    },
  );
  children.push(child);
  let err = "";
  child.stderr?.on("data", (d) => (err += d));
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout?.on("data", (d) => {
      out += d;
      if (out.includes("\n")) resolve(out.trim());
    });
    child.once("exit", (code) => reject(new Error(`local serve exited ${code}: ${err}`)));
  });
  return {
    url,
    stderr: () => err,
    stop: async () => {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await exited;
    },
  };
}

/** Polls until the server's stderr holds text (stderr and stdout are separate pipes: no order between them). */
async function stderrContains(server: Served, text: string): Promise<string> {
  for (let i = 0; i < 250 && !server.stderr().includes(text); i++)
    await new Promise((r) => setTimeout(r, 20));
  return server.stderr();
}

const clientFor = (url: string, maxAttempts = 1) =>
  new C.CognitoIdentityProviderClient({
    region: "us-east-1",
    endpoint: url,
    credentials: { accessKeyId: "a", secretAccessKey: "b" },
    maxAttempts,
  });

/** What one call ended as: ok, the error's type, or reset for a dropped connection. */
async function outcome(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "ok";
  } catch (err) {
    const e = err as { name?: string; code?: string; $response?: { headers?: Record<string, string> } };
    if (e.code === "ECONNRESET") return "reset";
    const fault = e.$response?.headers?.["x-cogctl-fault"];
    return fault ? `${e.name}:${fault}` : String(e.name);
  }
}

const tmp = () => mkdtempSync(join(tmpdir(), "cogctl-limits-"));

describe("local serve --quotas", () => {
  it("refuses a burst past UserCreation=5 with TooManyRequestsException, lets it through after a wait, and the SDK's retries get there", async () => {
    const server = await serve(["--in-memory", "--quotas", "UserCreation=5"]);
    const client = clientFor(server.url);
    try {
      expect(await stderrContains(server, "UserCreation=5,")).toContain("Enforcing Cognito request quotas");
      const { UserPool } = await client.send(new C.CreateUserPoolCommand({ PoolName: "burst" }));
      const UserPoolId = UserPool?.Id as string;
      const create = (Username: string, c = client) =>
        c.send(new C.AdminCreateUserCommand({ UserPoolId, Username, MessageAction: "SUPPRESS" }));
      const started = performance.now();
      const results = await Promise.allSettled(Array.from({ length: 12 }, (_, i) => create(`burst-${i}`)));
      const took = performance.now() - started;
      const ok = results.filter((r) => r.status === "fulfilled").length;
      // Five at once, plus one per 200 ms the burst took to arrive (a loaded machine spreads it out).
      expect(ok).toBeGreaterThanOrEqual(5);
      expect(ok).toBeLessThanOrEqual(5 + Math.ceil(took / 200));
      expect(ok).toBeLessThan(12);
      const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
      for (const r of refused) {
        const e = r.reason as C.TooManyRequestsException;
        expect(e.name).toBe("TooManyRequestsException");
        expect(e.message).toBe("Rate exceeded");
        expect(e.$metadata.httpStatusCode).toBe(400);
      }
      // Other categories are not touched by the UserCreation bucket.
      await client.send(new C.ListUsersCommand({ UserPoolId }));
      await new Promise((r) => setTimeout(r, 1100));
      const later = await Promise.allSettled(Array.from({ length: 5 }, (_, i) => create(`later-${i}`)));
      expect(later.map((r) => r.status)).toEqual(Array(5).fill("fulfilled"));
      // With its retries on, the SDK takes TooManyRequestsException as throttling and backs off until done.
      const retrying = clientFor(server.url, 8);
      const attempts = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          create(`retried-${i}`, retrying).then((o) => o.$metadata.attempts ?? 1),
        ),
      );
      retrying.destroy();
      expect(Math.max(...attempts)).toBeGreaterThan(1);
      const { Users } = await client.send(new C.ListUsersCommand({ UserPoolId }));
      expect(Users).toHaveLength(ok + 11);
    } finally {
      client.destroy();
      await server.stop();
    }
  });

  it("refuses a bad --quotas, --faults or COGCTL_LOCAL_* value with exit 252 naming it", async () => {
    const quotas = await spawnCli([
      "local",
      "serve",
      "--in-memory",
      "--port",
      "0",
      "--quotas",
      "UserCreation=20,Users=3",
    ]);
    expect(quotas.code).toBe(252);
    expect(quotas.stderr).toContain("--quotas: unknown quota category 'Users' in 'Users=3'");
    expect(quotas.stderr).toContain("UserCreation, UserFederation");
    const faults = await spawnCli([
      "local",
      "serve",
      "--in-memory",
      "--port",
      "0",
      "--faults",
      "throttle=lots",
    ]);
    expect(faults.code).toBe(252);
    expect(faults.stderr).toContain("--faults: throttle must be a probability from 0 to 1");
    const env = await spawnCli(["local", "serve", "--in-memory", "--port", "0"], {
      env: { COGCTL_LOCAL_QUOTAS: "UserList=x" },
    });
    expect(env.code).toBe(252);
    expect(env.stderr).toContain("COGCTL_LOCAL_QUOTAS: 'UserList=x' needs a number");
    expect(quotas.stderr + faults.stderr + env.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });
});

describe("local serve --faults", () => {
  const SPEC = "throttle=0.15,error=0.15,reset=0.15";

  /** A seed whose request 1 (CreateUserPool) is clean, so the run has a pool to write to. */
  function seedWithCleanStart(): number {
    for (let seed = 1; ; seed++)
      if (!new FaultPlan(parseFaults(`${SPEC},seed=${seed}`, "t", () => 0)).at(1)) return seed;
  }

  async function run(seed: number): Promise<{ outcomes: string[]; users: string[]; expected: string[] }> {
    const dataDir = join(tmp(), "data");
    const server = await serve(["--data-dir", dataDir, "--faults", `${SPEC},seed=${seed}`]);
    const client = clientFor(server.url);
    const plan = new FaultPlan(parseFaults(`${SPEC},seed=${seed}`, "t", () => 0));
    const outcomes: string[] = [];
    const expected: string[] = [];
    try {
      const notice = `Injecting faults on Cognito operations: ${plan.describe()}`;
      expect(await stderrContains(server, notice)).toContain(notice);
      const { UserPool } = await client.send(new C.CreateUserPoolCommand({ PoolName: "faulty" }));
      for (let n = 2; n <= 40; n++) {
        const Username = `user-${n}`;
        outcomes.push(
          await outcome(
            client.send(
              new C.AdminCreateUserCommand({ UserPoolId: UserPool?.Id, Username, MessageAction: "SUPPRESS" }),
            ),
          ),
        );
        const fault = plan.at(n);
        if (!fault || fault.when === "after") expected.push(Username);
      }
    } finally {
      client.destroy();
      await server.stop();
    }
    // What was written, read from the data directory with no faults in the way.
    const endpoint = await LocalEndpoint.open({ region: "us-east-1", dataDir });
    try {
      const users = (
        endpoint.services.db.prepare("SELECT username FROM users").pluck().all() as string[]
      ).sort();
      return { outcomes, users, expected: expected.sort() };
    } finally {
      endpoint.close();
    }
  }

  it("gives the same faults for the same seed, and a fault after the operation leaves the user created", async () => {
    const seed = seedWithCleanStart();
    const first = await run(seed);
    const second = await run(seed);
    expect(second.outcomes).toEqual(first.outcomes);
    const plan = new FaultPlan(parseFaults(`${SPEC},seed=${seed}`, "t", () => 0));
    const predicted = first.outcomes.map((_, i) => {
      const f = plan.at(i + 2);
      if (!f) return "ok";
      if (f.kind === "reset") return "reset";
      return f.kind === "throttle"
        ? "TooManyRequestsException:throttle"
        : `InternalErrorException:error-${f.when}`;
    });
    expect(first.outcomes).toEqual(predicted);
    // Every kind happened, including the nasty ones: the write landed and the client heard an error or nothing.
    for (const k of [
      "ok",
      "reset",
      "TooManyRequestsException:throttle",
      "InternalErrorException:error-after",
    ])
      expect(first.outcomes).toContain(k);
    const resetAfter = first.outcomes.findIndex(
      (_, i) => plan.at(i + 2)?.kind === "reset" && plan.at(i + 2)?.when === "after",
    );
    expect(resetAfter).toBeGreaterThanOrEqual(0);
    expect(first.users).toContain(`user-${resetAfter + 2}`);
    expect(first.users).toEqual(first.expected);
    expect(second.users).toEqual(first.users);
  });
});

describe("--local with COGCTL_LOCAL_FAULTS and COGCTL_LOCAL_QUOTAS", () => {
  const env = (dataDir: string, extra: Record<string, string> = {}) => ({
    env: {
      COGCTL_DATA_DIR: dataDir,
      AWS_MAX_ATTEMPTS: "3",
      COGCTL_LOCAL_FAULTS: "",
      COGCTL_LOCAL_QUOTAS: "",
      ...extra,
    },
  });

  it("drops the connection in process as over the wire: the SDK retries each ECONNRESET, and resets after the write still write", async () => {
    const dataDir = join(tmp(), "data");
    const after = await runCli(
      ["--local", "create-user-pool", "--pool-name", "retried"],
      env(dataDir, { COGCTL_LOCAL_FAULTS: "reset=1,after=1,seed=3" }),
    );
    expect(after.code).toBe(255);
    expect(after.stderr).toContain(
      'Connection was closed before we received a valid response from endpoint URL: "the embedded endpoint (--local)".',
    );
    // Three attempts (the SDK's default), each applied before its connection dropped: three pools.
    const listed = await runCli(["--local", "list-user-pools", "--max-results", "10"], env(dataDir));
    expect(listed.code).toBe(0);
    const names = JSON.parse(listed.stdout).UserPools.map((p: { Name: string }) => p.Name);
    expect(names).toEqual(["retried", "retried", "retried"]);

    const before = await runCli(
      ["--local", "create-user-pool", "--pool-name", "never"],
      env(dataDir, { COGCTL_LOCAL_FAULTS: "reset=1,after=0,seed=3" }),
    );
    expect(before.code).toBe(255);
    const again = JSON.parse(
      (await runCli(["--local", "list-user-pools", "--max-results", "10"], env(dataDir))).stdout,
    );
    expect(again.UserPools).toHaveLength(3);
  });

  it("throttles and fails through the real CLI, says a drawn seed, and refuses a bad variable with 252", async () => {
    const dataDir = join(tmp(), "data");
    const throttled = await spawnCli(["--local", "list-user-pools", "--max-results", "5"], {
      env: { COGCTL_DATA_DIR: dataDir, AWS_MAX_ATTEMPTS: "2", COGCTL_LOCAL_FAULTS: "throttle=1" },
    });
    expect(throttled.code).toBe(254);
    expect(throttled.stderr).toContain(
      "An error occurred (TooManyRequestsException) when calling the ListUserPools operation (reached max retries: 1): Rate exceeded",
    );
    // No seed given: the one drawn is printed, so the run can be repeated.
    expect(throttled.stderr).toMatch(
      /Injecting faults on Cognito operations: throttle=1,error=0,reset=0,after=0.5,seed=\d+/,
    );
    const quota = await runCli(
      ["--local", "list-user-pools", "--max-results", "5"],
      env(dataDir, { COGCTL_LOCAL_QUOTAS: "UserPoolRead=0", AWS_MAX_ATTEMPTS: "1" }),
    );
    expect(quota.code).toBe(254);
    expect(quota.stderr).toContain("(TooManyRequestsException)");
    const error = await runCli(
      ["--local", "list-user-pools", "--max-results", "5"],
      env(dataDir, { COGCTL_LOCAL_FAULTS: "error=1,seed=1", AWS_MAX_ATTEMPTS: "1" }),
    );
    expect(error.code).toBe(254);
    expect(error.stderr).toContain("An error occurred (InternalErrorException)");
    const bad = await runCli(
      ["--local", "list-user-pools", "--max-results", "5"],
      env(dataDir, { COGCTL_LOCAL_FAULTS: "reset=0.1,boom=1" }),
    );
    expect(bad.code).toBe(252);
    expect(bad.stderr).toContain("COGCTL_LOCAL_FAULTS: unknown fault 'boom'");
  });
});
