// The CloudWatch Logs read API of the embedded endpoint (Logs_20140328.*, JSON 1.1), read with the
// real @aws-sdk/client-cloudwatch-logs client over HTTP and in process: an import job's group
// (/aws/cognito/userpools/POOL_ID/POOL_NAME), stream (JOB_ID/JOB_NAME) and one event per row, with
// CloudWatch Logs' pagination, limits and errors; the router never mixes Logs and Cognito targets.
import {
  CloudWatchLogsClient,
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
  FilterLogEventsCommand,
  GetLogEventsCommand,
  paginateFilterLogEvents,
  paginateGetLogEvents,
} from "@aws-sdk/client-cloudwatch-logs";
import * as C from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalEndpoint } from "../src/local/endpoint.js";
import { createInProcessRequestHandler } from "../src/local/in-process.js";
import { bigCsv, createJob, importPool, put, waitForJob } from "./helpers/import-jobs.js";
import { failure, type LocalHarness, startLocal } from "./helpers/local-server.js";

const ROWS = 1_050;
// Row indexes (1-based) planted bad (FAILED) and existing before the import (SKIPPED).
const BAD = new Set([3, 500, 1_050]);
const EXISTING = [10, 700];

let h: LocalHarness;
let logs: CloudWatchLogsClient;
let group: string;
let stream: string;
let poolId: string;

const lineOf = (message: string) => Number(/Line Number (\d+) /.exec(message)?.[1]);

beforeAll(async () => {
  h = await startLocal();
  logs = new CloudWatchLogsClient({
    region: "us-east-1",
    endpoint: h.server.url,
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
    maxAttempts: 1,
  });
  const pool = await importPool(h.client, "logs-pool");
  poolId = pool.id;
  for (const i of EXISTING) {
    await h.client.send(
      new C.AdminCreateUserCommand({
        UserPoolId: pool.id,
        Username: `u${String(i).padStart(7, "0")}`,
        MessageAction: "SUPPRESS",
      }),
    );
  }
  const job = await createJob(h.client, pool.id, "logs job");
  await put(job.PreSignedUrl as string, bigCsv(pool.header, ROWS, BAD));
  await h.client.send(new C.StartUserImportJobCommand({ UserPoolId: pool.id, JobId: job.JobId }));
  expect(await waitForJob(h.client, pool.id, job.JobId as string)).toMatchObject({
    Status: "Succeeded",
    ImportedUsers: ROWS - BAD.size - EXISTING.length,
    FailedUsers: BAD.size,
    SkippedUsers: EXISTING.length,
  });
  group = `/aws/cognito/userpools/${pool.id}/logs-pool`;
  stream = `${job.JobId}/logs job`;
});
afterAll(async () => {
  logs.destroy();
  await h.close();
});

describe("CloudWatch Logs over HTTP", () => {
  it("DescribeLogGroups and DescribeLogStreams find the job's group and stream", async () => {
    const { logGroups } = await logs.send(
      new DescribeLogGroupsCommand({ logGroupNamePrefix: "/aws/cognito/" }),
    );
    expect(logGroups?.map((g) => g.logGroupName)).toEqual([group]);
    expect(logGroups?.[0]).toMatchObject({
      arn: `arn:aws:logs:us-east-1:000000000000:log-group:${group}:*`,
      logGroupArn: `arn:aws:logs:us-east-1:000000000000:log-group:${group}`,
    });
    expect(logGroups?.[0].storedBytes).toBeGreaterThan(ROWS * 26);
    const { logStreams } = await logs.send(new DescribeLogStreamsCommand({ logGroupName: group }));
    expect(logStreams?.map((s) => s.logStreamName)).toEqual([stream]);
    expect(logStreams?.[0].lastEventTimestamp).toBeGreaterThan(0);
    const byTime = await logs.send(
      new DescribeLogStreamsCommand({ logGroupName: group, orderBy: "LastEventTime", descending: true }),
    );
    expect(byTime.logStreams?.[0].logStreamName).toBe(stream);

    const noGroup = await failure(
      logs.send(new DescribeLogStreamsCommand({ logGroupName: "/aws/cognito/nope" })),
    );
    expect(noGroup).toEqual({
      name: "ResourceNotFoundException",
      message: "The specified log group does not exist.",
    });
    const prefixAndTime = await failure(
      logs.send(
        new DescribeLogStreamsCommand({
          logGroupName: group,
          orderBy: "LastEventTime",
          logStreamNamePrefix: "x",
        }),
      ),
    );
    expect(prefixAndTime.name).toBe("InvalidParameterException");
    const tooMany = await failure(logs.send(new DescribeLogGroupsCommand({ limit: 51 })));
    expect(tooMany).toEqual({
      name: "InvalidParameterException",
      message:
        "1 validation error detected: Value '51' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 50",
    });
  });

  it("GetLogEvents: one event per row in line order, paged forward to the same token at the end", async () => {
    const lines: number[] = [];
    const tokens: string[] = [];
    // stopOnSameToken: how a client knows a stream's end (the token it sent comes back).
    for await (const page of paginateGetLogEvents(
      { client: logs, stopOnSameToken: true },
      { logGroupName: group, logStreamName: stream, startFromHead: true, limit: 100 },
    )) {
      for (const e of page.events ?? []) lines.push(lineOf(e.message as string));
      tokens.push(page.nextForwardToken as string);
    }
    expect(lines).toEqual(Array.from({ length: ROWS }, (_, i) => i + 2));
    // The paginator stopped because the last page handed back the token it was given.
    expect(tokens[tokens.length - 1]).toBe(tokens[tokens.length - 2]);
    expect(tokens[0]).toMatch(/^f\/\d{56}$/);

    // Without startFromHead: the tail of the stream, and backward from there.
    const tail = await logs.send(
      new GetLogEventsCommand({ logGroupName: group, logStreamName: stream, limit: 10 }),
    );
    expect(tail.events?.map((e) => lineOf(e.message as string))).toEqual(
      Array.from({ length: 10 }, (_, i) => ROWS + 1 - 9 + i),
    );
    const before = await logs.send(
      new GetLogEventsCommand({
        logGroupName: group,
        logStreamName: stream,
        limit: 10,
        nextToken: tail.nextBackwardToken,
      }),
    );
    expect(before.events?.map((e) => lineOf(e.message as string))).toEqual(
      Array.from({ length: 10 }, (_, i) => ROWS + 1 - 19 + i),
    );
    const forwardAtEnd = await logs.send(
      new GetLogEventsCommand({
        logGroupName: group,
        logStreamName: stream,
        nextToken: tail.nextForwardToken,
        startFromHead: true,
      }),
    );
    expect(forwardAtEnd.events).toEqual([]);
    expect(forwardAtEnd.nextForwardToken).toBe(tail.nextForwardToken);

    const messages = tail.events?.map((e) => e.message);
    expect(messages?.[9]).toBe(`[FAILED] Line Number ${ROWS + 1} - The email value is not an email address.`);
    const noStream = await failure(
      logs.send(new GetLogEventsCommand({ logGroupName: group, logStreamName: "nope" })),
    );
    expect(noStream).toEqual({
      name: "ResourceNotFoundException",
      message: "The specified log stream does not exist.",
    });
    const badToken = await failure(
      logs.send(
        new GetLogEventsCommand({ logGroupName: group, logStreamName: stream, nextToken: "garbage" }),
      ),
    );
    expect(badToken.name).toBe("InvalidParameterException");
    const zero = await failure(
      logs.send(new GetLogEventsCommand({ logGroupName: group, logStreamName: stream, limit: 0 })),
    );
    expect(zero.message).toContain("Member must have value greater than or equal to 1");
  });

  it("FilterLogEvents: patterns, paging with nextToken, newest first, and its errors", async () => {
    const failedLines = [...BAD].map((i) => i + 1);
    const skippedLines = EXISTING.map((i) => i + 1);
    const filter = async (filterPattern: string) =>
      (
        (await logs.send(new FilterLogEventsCommand({ logGroupName: group, filterPattern }))).events ?? []
      ).map((e) => lineOf(e.message as string));
    expect(await filter('"[FAILED]"')).toEqual(failedLines);
    expect(await filter('"[SKIPPED]" "already exists"')).toEqual(skippedLines);
    expect(await filter("?FAILED ?SKIPPED")).toEqual([...failedLines, ...skippedLines].sort((a, b) => a - b));
    expect((await filter("-SUCCEEDED")).length).toBe(BAD.size + EXISTING.length);
    expect(await filter("%Line Number 1[0-9] %")).toEqual(Array.from({ length: 10 }, (_, i) => i + 10));
    // Space-delimited: `[FAILED]` is one field, `[...]` encloses one, `...` is any number of fields.
    expect(await filter("[status=FAILED, ...]")).toEqual(failedLines);
    expect(await filter('[status="SKIP*", w1, w2, line < 100, ...]')).toEqual([11]);
    expect(await filter("[status!=SUCCEEDED, w1, w2, line>=1000, ...]")).toEqual([1051]);
    expect(await filter("[FAILED]")).toEqual([]);
    const json = await failure(
      logs.send(new FilterLogEventsCommand({ logGroupName: group, filterPattern: "{ $.a = 1 }" })),
    );
    expect(json.name).toBe("InvalidParameterException");

    // Paging: 7 a page, through nextToken, gives the same events as one request.
    const paged: number[] = [];
    let pages = 0;
    for await (const page of paginateFilterLogEvents(
      { client: logs, pageSize: 7 },
      {
        logGroupIdentifier: `arn:aws:logs:us-east-1:000000000000:log-group:${group}`,
        filterPattern: "?FAILED ?SKIPPED",
      },
    )) {
      pages++;
      for (const e of page.events ?? []) {
        expect(e.logStreamName).toBe(stream);
        expect(e.eventId).toMatch(/^\d{56}$/);
        paged.push(lineOf(e.message as string));
      }
    }
    expect(paged).toEqual([...failedLines, ...skippedLines].sort((a, b) => a - b));
    expect(pages).toBe(1);
    const small = await logs.send(new FilterLogEventsCommand({ logGroupName: group, limit: 2 }));
    expect(small.events?.map((e) => lineOf(e.message as string))).toEqual([2, 3]);
    expect(small.nextToken).toBeDefined();
    const next = await logs.send(
      new FilterLogEventsCommand({ logGroupName: group, limit: 2, nextToken: small.nextToken }),
    );
    expect(next.events?.map((e) => lineOf(e.message as string))).toEqual([4, 5]);
    const newest = await logs.send(
      new FilterLogEventsCommand({ logGroupName: group, limit: 3, startFromHead: false }),
    );
    expect(newest.events?.map((e) => lineOf(e.message as string))).toEqual([ROWS + 1, ROWS, ROWS - 1]);
    const all = await logs.send(
      new FilterLogEventsCommand({ logGroupName: group, logStreamNames: [stream] }),
    );
    expect(all.events).toHaveLength(ROWS);
    expect(all.nextToken).toBeUndefined();

    const both = await failure(
      logs.send(
        new FilterLogEventsCommand({
          logGroupName: group,
          logStreamNames: [stream],
          logStreamNamePrefix: "import-",
        }),
      ),
    );
    expect(both.name).toBe("InvalidParameterException");
    const nameAndArn = await failure(
      logs.send(new FilterLogEventsCommand({ logGroupName: group, logGroupIdentifier: group })),
    );
    expect(nameAndArn.name).toBe("InvalidParameterException");
    const missing = await failure(
      logs.send(new FilterLogEventsCommand({ logGroupName: "/aws/cognito/userpools/none" })),
    );
    expect(missing).toEqual({
      name: "ResourceNotFoundException",
      message: "The specified log group does not exist.",
    });
    const over = await failure(logs.send(new FilterLogEventsCommand({ logGroupName: group, limit: 10_001 })));
    expect(over.message).toContain("Member must have value less than or equal to 10000");
  });

  it("the router keeps Logs and Cognito targets apart", async () => {
    const call = async (target: string, body = "{}") => {
      const r = await fetch(h.server.url, {
        method: "POST",
        headers: { "x-amz-target": target, "content-type": "application/x-amz-json-1.1" },
        body,
      });
      return { status: r.status, body: (await r.json()) as { __type: string; message: string } };
    };
    for (const target of [
      "AWSCognitoIdentityProviderService.FilterLogEvents",
      "AWSCognitoIdentityProviderService.GetLogEvents",
      "Logs_20140328.ListUsers",
      "Logs_20140328.DescribeUserPool",
      "Logs_20140328.PutLogEvents",
    ]) {
      const r = await call(target, JSON.stringify({ UserPoolId: poolId, logGroupName: group }));
      expect(r.status).toBe(400);
      expect(r.body.__type).toBe("UnknownOperationException");
    }
    const ok = await call("Logs_20140328.DescribeLogGroups");
    expect(ok.status).toBe(200);
  });
});

describe("FilterLogEvents over a stream of 300,000 events", () => {
  it("applies plain terms in SQLite: the FAILED and SKIPPED lines of 250,000 events a request, the same as the JavaScript matcher", async () => {
    const endpoint = await LocalEndpoint.open({ region: "us-east-1", inMemory: true });
    const local = new CloudWatchLogsClient({
      region: "us-east-1",
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
      requestHandler: createInProcessRequestHandler(endpoint),
    });
    const N = 300_000;
    const streamId = endpoint.services.logs.ensureStream("/big", "job/big", 1);
    // Every 997th line FAILED, every 1,009th SKIPPED, the rest SUCCEEDED: written by SQLite itself.
    endpoint.services.db
      .prepare(
        `WITH RECURSIVE n(i) AS (SELECT 2 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
         INSERT INTO log_events (stream_id, timestamp, message)
         SELECT ?, 1, CASE WHEN i % 997 = 0 THEN '[FAILED] Line Number ' || i || ' - The email value is not an email address.'
                           WHEN i % 1009 = 0 THEN '[SKIPPED] Line Number ' || i || ' - The user already exists.'
                           ELSE '[SUCCEEDED] Line Number ' || i || ' - The import succeeded.' END FROM n`,
      )
      .run(N + 1, streamId);
    const lines = (events: { message?: string }[] | undefined) =>
      (events ?? []).map((e) => lineOf(e.message as string));
    const wanted = Array.from({ length: N }, (_, k) => k + 2).filter((i) => i % 997 === 0 || i % 1009 === 0);
    const read = async (filterPattern: string) => {
      const pages: number[][] = [];
      let nextToken: string | undefined;
      do {
        const page = await local.send(
          new FilterLogEventsCommand({ logGroupName: "/big", filterPattern, nextToken }),
        );
        pages.push(lines(page.events));
        nextToken = page.nextToken;
      } while (nextToken);
      return pages;
    };
    // Plain terms (SQL): 250,000 events examined by the first request, the rest by the second
    // (25,000 a request, the JavaScript matcher's bound, took 12).
    const terms = await read('?"[FAILED]" ?"[SKIPPED]"');
    expect(terms.map((p) => p.length)).toEqual([
      wanted.filter((i) => i <= 250_001).length,
      wanted.filter((i) => i > 250_001).length,
    ]);
    expect(terms.flat()).toEqual(wanted);
    // A regular expression is matched in JavaScript, 25,000 events a request: the same events.
    const regex = await read("%^\\[(FAILED|SKIPPED)\\]%");
    expect(regex).toHaveLength(12);
    expect(regex.flat()).toEqual(wanted);
    // -terms and the limit: a full page ends at its last event; newest first.
    const page = await local.send(
      new FilterLogEventsCommand({ logGroupName: "/big", filterPattern: "-SUCCEEDED -SKIPPED", limit: 5 }),
    );
    expect(lines(page.events)).toEqual(wanted.filter((i) => i % 997 === 0).slice(0, 5));
    const next = await local.send(
      new FilterLogEventsCommand({
        logGroupName: "/big",
        filterPattern: "-SUCCEEDED -SKIPPED",
        limit: 5,
        nextToken: page.nextToken,
      }),
    );
    expect(lines(next.events)).toEqual(wanted.filter((i) => i % 997 === 0).slice(5, 10));
    const newest = await local.send(
      new FilterLogEventsCommand({
        logGroupName: "/big",
        filterPattern: '"[SKIPPED]"',
        startFromHead: false,
        limit: 2,
      }),
    );
    expect(lines(newest.events)).toEqual(
      wanted
        .filter((i) => i % 1009 === 0 && i % 997 !== 0)
        .slice(-2)
        .reverse(),
    );
    local.destroy();
    endpoint.close();
  });
});

describe("CloudWatch Logs in process (--local)", () => {
  it("serves the same API through createInProcessRequestHandler", async () => {
    const endpoint = await LocalEndpoint.open({ region: "eu-west-1", inMemory: true });
    const handler = createInProcessRequestHandler(endpoint);
    const cognito = new C.CognitoIdentityProviderClient({
      region: "eu-west-1",
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
      requestHandler: handler,
    });
    const local = new CloudWatchLogsClient({
      region: "eu-west-1",
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
      requestHandler: handler,
    });
    const pool = await importPool(cognito, "inproc");
    const job = await createJob(cognito, pool.id, "inproc");
    const accepted = endpoint.acceptUpload(job.PreSignedUrl as string, bigCsv(pool.header, 5, new Set([4])), {
      "x-amz-server-side-encryption": "aws:kms",
    });
    expect(accepted.status).toBe(200);
    await cognito.send(new C.StartUserImportJobCommand({ UserPoolId: pool.id, JobId: job.JobId }));
    await waitForJob(cognito, pool.id, job.JobId as string);
    const { events } = await local.send(
      new GetLogEventsCommand({
        logGroupName: `/aws/cognito/userpools/${pool.id}/inproc`,
        logStreamName: `${job.JobId}/inproc`,
        startFromHead: true,
      }),
    );
    expect(events?.map((e) => e.message)).toEqual([
      "[SUCCEEDED] Line Number 2 - The import succeeded.",
      "[SUCCEEDED] Line Number 3 - The import succeeded.",
      "[SUCCEEDED] Line Number 4 - The import succeeded.",
      "[FAILED] Line Number 5 - The email value is not an email address.",
      "[SUCCEEDED] Line Number 6 - The import succeeded.",
    ]);
    const { logGroups } = await local.send(new DescribeLogGroupsCommand({}));
    expect(logGroups?.[0].logGroupArn).toBe(
      `arn:aws:logs:eu-west-1:000000000000:log-group:/aws/cognito/userpools/${pool.id}/inproc`,
    );
    cognito.destroy();
    local.destroy();
    endpoint.close();
  });
});
