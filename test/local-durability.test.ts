// Persistence across processes: acknowledged writes survive kill -9 of the serving process, and two
// processes (plus an in-process `--local` endpoint) writing one data directory at once neither lose
// nor corrupt data.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as C from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, describe, expect, it } from "vitest";
import { LocalEndpoint } from "../src/local/endpoint.js";
import { createInProcessRequestHandler } from "../src/local/in-process.js";
import { BIN } from "./helpers/cli.js";

const children: ChildProcess[] = [];

afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
});

async function startProcess(dataDir: string): Promise<{ url: string; child: ChildProcess }> {
  // The real `cogctl local serve` (bin/cogctl runs the build `npm test` makes first).
  const child = spawn(
    process.execPath,
    [BIN, "local", "serve", "--port", "0", "--data-dir", dataDir, "--log-level", "error"],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  children.push(child);
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout?.on("data", (d) => {
      out += d;
      if (out.includes("\n")) resolve(out.trim());
    });
    child.once("exit", (code) => reject(new Error(`server exited ${code}`)));
  });
  return { url, child };
}

const clientFor = (url: string) =>
  new C.CognitoIdentityProviderClient({
    region: "us-east-1",
    endpoint: url,
    credentials: { accessKeyId: "a", secretAccessKey: "b" },
    maxAttempts: 1,
  });

async function killHard(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGKILL");
  await exited;
}

describe("durability", () => {
  it("every acknowledged write survives kill -9", async () => {
    const dir = join(mkdtempSync(join(tmpdir(), "cogctl-dur-")), "data");
    const first = await startProcess(dir);
    const c1 = clientFor(first.url);
    const { UserPool } = await c1.send(new C.CreateUserPoolCommand({ PoolName: "durable" }));
    const poolId = UserPool?.Id as string;
    const N = 200;
    const names = Array.from({ length: N }, (_, i) => `user-${String(i).padStart(4, "0")}`);
    for (let i = 0; i < N; i += 8) {
      await Promise.all(
        names
          .slice(i, i + 8)
          .map((u) =>
            c1.send(
              new C.AdminCreateUserCommand({ UserPoolId: poolId, Username: u, MessageAction: "SUPPRESS" }),
            ),
          ),
      );
    }
    await c1.send(new C.CreateGroupCommand({ UserPoolId: poolId, GroupName: "last-write" }));
    c1.destroy();
    await killHard(first.child); // no close(), no checkpoint

    const second = await startProcess(dir);
    const c2 = clientFor(second.url);
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const page = await c2.send(new C.ListUsersCommand({ UserPoolId: poolId, PaginationToken: token }));
      seen.push(...(page.Users ?? []).map((u) => u.Username as string));
      token = page.PaginationToken;
    } while (token);
    expect(seen).toEqual(names);
    expect(
      (await c2.send(new C.GetGroupCommand({ UserPoolId: poolId, GroupName: "last-write" }))).Group
        ?.GroupName,
    ).toBe("last-write");
    c2.destroy();
    await killHard(second.child);
  });

  it("two server processes and an in-process endpoint share one data directory", async () => {
    const dir = join(mkdtempSync(join(tmpdir(), "cogctl-conc-")), "data");
    const a = await startProcess(dir);
    const b = await startProcess(dir);
    const ca = clientFor(a.url);
    const cb = clientFor(b.url);
    const local = await LocalEndpoint.open({ region: "us-east-1", dataDir: dir });
    const cl = new C.CognitoIdentityProviderClient({
      region: "us-east-1",
      credentials: { accessKeyId: "a", secretAccessKey: "b" },
      requestHandler: createInProcessRequestHandler(local),
    });
    const { UserPool } = await ca.send(new C.CreateUserPoolCommand({ PoolName: "shared" }));
    const poolId = UserPool?.Id as string;
    // A pool made by one process is at once visible to the others (no stale caches).
    expect((await cb.send(new C.DescribeUserPoolCommand({ UserPoolId: poolId }))).UserPool?.Name).toBe(
      "shared",
    );

    const clients = [ca, cb, cl];
    const N = 90;
    const results = await Promise.allSettled(
      Array.from({ length: N * 2 }, (_, i) =>
        // Every username is attempted twice, by two different writers.
        clients[i % 3].send(
          new C.AdminCreateUserCommand({
            UserPoolId: poolId,
            Username: `u${i % N}`,
            MessageAction: "SUPPRESS",
          }),
        ),
      ),
    );
    const ok = results.filter((r) => r.status === "fulfilled").length;
    const dup = results.filter(
      (r) => r.status === "rejected" && (r.reason as Error).name === "UsernameExistsException",
    ).length;
    expect(ok).toBe(N);
    expect(dup).toBe(N);
    // Concurrent read-modify-writes of one pool document lose nothing.
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        clients[i % 3].send(
          new C.TagResourceCommand({ ResourceArn: UserPool?.Arn, Tags: { [`k${i}`]: String(i) } }),
        ),
      ),
    );
    const tags = (await cb.send(new C.ListTagsForResourceCommand({ ResourceArn: UserPool?.Arn }))).Tags ?? {};
    expect(Object.keys(tags)).toHaveLength(12);
    const count = (await cl.send(new C.DescribeUserPoolCommand({ UserPoolId: poolId }))).UserPool
      ?.EstimatedNumberOfUsers;
    expect(count).toBe(N);
    for (const c of clients) c.destroy();
    local.close();
    await killHard(a.child);
    await killHard(b.child);
  });
});
