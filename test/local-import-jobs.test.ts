// Import jobs run in the background of the endpoint's process (here `local serve`'s HTTP server on
// port 0, driven by the real SDK): Start answers at once, counters move while Describe is polled,
// other requests are answered meanwhile, Stop mid-run, one active job at a time,
// UserImportInProgressException, the "Too many users" ending, rows checked as AdminCreateUser
// checks its request (a NUL byte in a username FAILS), and the 50,000-row job whose [FAILED] log
// lines are exactly the planted rows.
import {
  CloudWatchLogsClient,
  FilterLogEventsCommand,
  paginateFilterLogEvents,
} from "@aws-sdk/client-cloudwatch-logs";
import * as C from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RowRules } from "../src/cognito/csv/rules.js";
import { inputModel } from "../src/local/model/input-model.js";
import { TOO_MANY_MESSAGE, TOO_MANY_MIN_ROWS } from "../src/local/services/import-runner.js";
import { importRow } from "../src/local/services/user-import.js";
import { RequestValidator } from "../src/local/validate.js";
import { bigCsv, createJob, csvFor, importPool, put, waitForJob } from "./helpers/import-jobs.js";
import { failure, type LocalHarness, startLocal } from "./helpers/local-server.js";

let h: LocalHarness;
let logs: CloudWatchLogsClient;
beforeAll(async () => {
  h = await startLocal();
  logs = new CloudWatchLogsClient({
    region: "us-east-1",
    endpoint: h.server.url,
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
    maxAttempts: 1,
  });
});
afterAll(async () => {
  logs.destroy();
  await h.close();
});

const usersIn = (poolId: string) =>
  h.endpoint.services.db
    .prepare("SELECT COUNT(*) FROM users WHERE pool_id = ?")
    .pluck()
    .get(poolId) as number;

async function startedJob(rows: number, opts: { bad?: Set<number>; name?: string } = {}) {
  const pool = await importPool(h.client, opts.name ?? "bg");
  const job = await createJob(h.client, pool.id, opts.name ?? "bg");
  expect((await put(job.PreSignedUrl as string, bigCsv(pool.header, rows, opts.bad))).status).toBe(200);
  const { UserImportJob: started } = await h.client.send(
    new C.StartUserImportJobCommand({ UserPoolId: pool.id, JobId: job.JobId }),
  );
  return { pool, jobId: job.JobId as string, started: started as C.UserImportJobType };
}

describe("an import job in the background", () => {
  it("answers Start at once, moves its counters while polled, and keeps other requests fast", async () => {
    const rows = 20_000;
    const { pool, jobId, started } = await startedJob(rows);
    expect(started.Status).toBe("Pending");
    expect(started.ImportedUsers).toBe(0);

    const seen = new Set<number>();
    const latencies: number[] = [];
    let done = false;
    const prober = (async () => {
      while (!done) {
        const t = performance.now();
        await h.client.send(new C.ListUserPoolsCommand({ MaxResults: 10 }));
        latencies.push(performance.now() - t);
      }
    })();
    const ended = await waitForJob(h.client, pool.id, jobId, {
      onPoll: (j) => {
        if (j.Status === "InProgress") seen.add(j.ImportedUsers as number);
      },
    });
    done = true;
    await prober;
    expect(ended).toMatchObject({
      Status: "Succeeded",
      ImportedUsers: rows,
      SkippedUsers: 0,
      FailedUsers: 0,
    });
    expect(ended.CompletionMessage).toBe("Import Job Completed Successfully.");
    // Counters moved: several distinct partial values were seen while it ran.
    expect(seen.size).toBeGreaterThanOrEqual(3);
    expect(usersIn(pool.id)).toBe(rows);
    // Other requests were answered meanwhile, each behind one small transaction at most (a few ms on
    // an idle machine). Generous bounds for a shared, loaded 2-core machine running suites in
    // parallel: before, a request waited for the whole import (7.1 s for 150,000 rows).
    latencies.sort((a, b) => a - b);
    expect(latencies.length).toBeGreaterThan(20);
    expect(latencies[Math.floor(latencies.length / 2)]).toBeLessThan(150);
    expect(latencies[latencies.length - 1]).toBeLessThan(2000);
    const user = await h.client.send(
      new C.AdminGetUserCommand({ UserPoolId: pool.id, Username: "u0012345" }),
    );
    expect(user.UserStatus).toBe("RESET_REQUIRED");
  });

  it("stops mid-run: Stopping, then Stopped, with exact counters, and cannot restart", async () => {
    const rows = 30_000;
    const { pool, jobId } = await startedJob(rows, { name: "stopper" });
    await waitForJob(h.client, pool.id, jobId, {
      until: (j) => j.Status === "InProgress" && (j.ImportedUsers as number) > 500,
    });
    const { UserImportJob: stopping } = await h.client.send(
      new C.StopUserImportJobCommand({ UserPoolId: pool.id, JobId: jobId }),
    );
    expect(stopping?.Status).toBe("Stopping");
    const ended = await waitForJob(h.client, pool.id, jobId);
    expect(ended.Status).toBe("Stopped");
    expect(ended.CompletionMessage).toBe("The user import job was stopped.");
    expect(ended.ImportedUsers).toBeLessThan(rows);
    expect(usersIn(pool.id)).toBe(ended.ImportedUsers);
    const again = await failure(
      h.client.send(new C.StartUserImportJobCommand({ UserPoolId: pool.id, JobId: jobId })),
    );
    expect(again.name).toBe("PreconditionNotMetException");
    const stopAgain = await failure(
      h.client.send(new C.StopUserImportJobCommand({ UserPoolId: pool.id, JobId: jobId })),
    );
    expect(stopAgain.name).toBe("PreconditionNotMetException");
  });

  it("one active job at a time; the pool refuses changes with UserImportInProgressException", async () => {
    const { pool, jobId } = await startedJob(20_000, { name: "first" });
    const other = await importPool(h.client, "second");
    const second = await createJob(h.client, other.id, "second");
    await put(second.PreSignedUrl as string, bigCsv(other.header, 10));
    const busy = await failure(
      h.client.send(new C.StartUserImportJobCommand({ UserPoolId: other.id, JobId: second.JobId })),
    );
    expect(busy.name).toBe("PreconditionNotMetException");
    expect(busy.message).toContain(`Another user import job (${jobId}) is in progress`);

    for (const attempt of [
      () => h.client.send(new C.DeleteUserPoolCommand({ UserPoolId: pool.id })),
      () =>
        h.client.send(
          new C.UpdateUserPoolCommand({ UserPoolId: pool.id, AutoVerifiedAttributes: ["email"] }),
        ),
      () =>
        h.client.send(
          new C.AddCustomAttributesCommand({
            UserPoolId: pool.id,
            CustomAttributes: [{ Name: "late", AttributeDataType: "String" }],
          }),
        ),
    ]) {
      const refused = await failure(attempt());
      expect(refused.name).toBe("UserImportInProgressException");
    }
    // Other pools are not held.
    await h.client.send(
      new C.UpdateUserPoolCommand({ UserPoolId: other.id, AutoVerifiedAttributes: ["email"] }),
    );

    expect((await waitForJob(h.client, pool.id, jobId)).Status).toBe("Succeeded");
    await h.client.send(new C.StartUserImportJobCommand({ UserPoolId: other.id, JobId: second.JobId }));
    expect(await waitForJob(h.client, other.id, second.JobId as string)).toMatchObject({
      Status: "Succeeded",
      ImportedUsers: 10,
    });
    await h.client.send(new C.DeleteUserPoolCommand({ UserPoolId: pool.id }));
  });

  it(`ends "${TOO_MANY_MESSAGE}" when most of a file is skipped or failed`, async () => {
    const rows = TOO_MANY_MIN_ROWS * 3;
    const pool = await importPool(h.client, "twice");
    const file = bigCsv(pool.header, rows);
    const first = await createJob(h.client, pool.id, "first");
    await put(first.PreSignedUrl as string, file);
    await h.client.send(new C.StartUserImportJobCommand({ UserPoolId: pool.id, JobId: first.JobId }));
    expect((await waitForJob(h.client, pool.id, first.JobId as string)).ImportedUsers).toBe(rows);
    // The same file again: every row's user exists.
    const again = await createJob(h.client, pool.id, "again");
    await put(again.PreSignedUrl as string, file);
    await h.client.send(new C.StartUserImportJobCommand({ UserPoolId: pool.id, JobId: again.JobId }));
    const ended = await waitForJob(h.client, pool.id, again.JobId as string);
    expect(ended.Status).toBe("Failed");
    expect(ended.CompletionMessage).toBe(TOO_MANY_MESSAGE);
    expect(ended.ImportedUsers).toBe(0);
    expect(ended.SkippedUsers).toBeGreaterThanOrEqual(TOO_MANY_MIN_ROWS);
    expect(ended.SkippedUsers).toBeLessThan(rows);
  });

  it("checks each row as AdminCreateUser checks its request: a NUL byte in a username FAILS", async () => {
    const pool = await importPool(h.client, "patterns");
    const ok = (u: string) => ({
      "cognito:username": u,
      "cognito:mfa_enabled": "false",
      email: "x@example.com",
      email_verified: "true",
    });
    const body = csvFor(pool.header, [
      ok("fine"),
      ok("nul\u0000byte"), // line 3
      ok("bell\u0007"), // line 4: a control character
      ok("x".repeat(129)), // line 5: longer than 128
      { ...ok("mfa"), "cognito:mfa_enabled": "true" }, // line 6: MFA is off in the pool
      { ...ok("unverified"), email_verified: "false" }, // line 7
    ]);
    const job = await createJob(h.client, pool.id, "patterns");
    await put(job.PreSignedUrl as string, body);
    await h.client.send(new C.StartUserImportJobCommand({ UserPoolId: pool.id, JobId: job.JobId }));
    const ended = await waitForJob(h.client, pool.id, job.JobId as string);
    expect(ended).toMatchObject({ Status: "Succeeded", ImportedUsers: 1, FailedUsers: 5 });
    const { Users } = await h.client.send(new C.ListUsersCommand({ UserPoolId: pool.id }));
    expect(Users?.map((u) => u.Username)).toEqual(["fine"]);

    const { events } = await logs.send(
      new FilterLogEventsCommand({
        logGroupName: `/aws/cognito/userpools/${pool.id}/patterns`,
        logStreamNames: [`${job.JobId}/patterns`],
      }),
    );
    const messages = (events ?? []).map((e) => e.message as string);
    expect(messages[0]).toBe("[SUCCEEDED] Line Number 2 - The import succeeded.");
    expect(messages[1]).toBe(
      "[FAILED] Line Number 3 - The cognito:username value holds a control or unprintable character.",
    );
    expect(messages[2]).toBe(
      "[FAILED] Line Number 4 - The cognito:username value holds a control or unprintable character.",
    );
    expect(messages[3]).toBe(
      "[FAILED] Line Number 5 - The cognito:username value is longer than 128 characters.",
    );
    expect(messages[4]).toBe(
      "[FAILED] Line Number 6 - cognito:mfa_enabled is true, but the pool has MFA off.",
    );
    expect(messages[5]).toBe(
      "[FAILED] Line Number 7 - The User Record does not set any of the auto verified attributes to true. (Example: email_verified to true).",
    );
    // No user data in the logs: neither the usernames nor the addresses.
    for (const m of messages) {
      expect(m).not.toContain("nul");
      expect(m).not.toContain("example.com");
      expect(m).not.toContain("xxxx");
    }
  });

  it("behind the shared row rules, the AdminCreateUser request model refuses a NUL byte too", async () => {
    const pool = await importPool(h.client, "model");
    const services = h.endpoint.services;
    const stored = services.pools.get(pool.id);
    const values = (u: string) =>
      pool.header.map((c) =>
        c === "cognito:username"
          ? u
          : c === "cognito:mfa_enabled"
            ? "false"
            : c === "email"
              ? "x@example.com"
              : c === "email_verified"
                ? "true"
                : "",
      );
    // Rules that find nothing: what is left is the router's own check of AdminCreateUser.
    const lenient = { check: () => [] } as unknown as RowRules;
    const check = (op: string, input: unknown) => {
      new RequestValidator(inputModel).validateWithoutValues(op, input);
    };
    const outcome = importRow(services, stored, pool.header, lenient, 2, values("a\u0000b").join(","), check);
    expect(outcome).toEqual({
      kind: "FAILED",
      reason: expect.stringMatching(
        /^The row is not a valid user: 1 validation error detected: Value at 'username' failed to satisfy constraint: Member must satisfy regular expression pattern: /,
      ),
    });
    expect(services.users.find(stored, "a\u0000b")).toBeUndefined();
    expect(importRow(services, stored, pool.header, lenient, 3, values("ok").join(","), check)).toEqual({
      kind: "SUCCEEDED",
    });
  });

  it("fails the whole job for a file that is not UTF-8", async () => {
    const pool = await importPool(h.client, "latin1");
    const job = await createJob(h.client, pool.id, "latin1");
    const text = bigCsv(pool.header, 3);
    const bytes = Buffer.concat([Buffer.from(text), Buffer.from([0xe9, 0x0a])]);
    await put(job.PreSignedUrl as string, bytes);
    await h.client.send(new C.StartUserImportJobCommand({ UserPoolId: pool.id, JobId: job.JobId }));
    const ended = await waitForJob(h.client, pool.id, job.JobId as string);
    expect(ended.Status).toBe("Failed");
    expect(ended.CompletionMessage).toContain("not valid UTF-8");
    expect(ended.ImportedUsers).toBe(0);
    expect(usersIn(pool.id)).toBe(0);
  });
});

describe("the 50,000-row job", () => {
  it("imports every good row and logs [FAILED] for exactly the planted line numbers", async () => {
    const rows = 50_000;
    // Planted bad rows: spread over the file, first and last included.
    const bad = new Set<number>([1, 2, 777, 4096, 12_345, 25_000, 33_333, 49_999, 50_000]);
    for (let i = 100; i <= rows; i += 1_234) bad.add(i);
    const { pool, jobId } = await startedJob(rows, { bad, name: "fifty" });
    const ended = await waitForJob(h.client, pool.id, jobId, { timeoutMs: 60_000 });
    expect(ended).toMatchObject({
      Status: "Succeeded",
      ImportedUsers: rows - bad.size,
      FailedUsers: bad.size,
      SkippedUsers: 0,
    });
    expect(usersIn(pool.id)).toBe(rows - bad.size);

    const failedLines: number[] = [];
    for await (const page of paginateFilterLogEvents(
      { client: logs, pageSize: 10_000 },
      { logGroupName: `/aws/cognito/userpools/${pool.id}/fifty`, filterPattern: '"[FAILED]"' },
    )) {
      for (const e of page.events ?? []) {
        const m = /^\[FAILED\] Line Number (\d+) - /.exec(e.message as string);
        expect(m).not.toBeNull();
        expect(e.logStreamName).toBe(`${jobId}/fifty`);
        failedLines.push(Number(m?.[1]));
      }
    }
    // Line = row index + 1 (the header is line 1).
    expect(failedLines).toEqual([...bad].sort((a, b) => a - b).map((i) => i + 1));
  }, 90_000);
});
