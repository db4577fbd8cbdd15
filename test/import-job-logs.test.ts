// Reading an import job's row outcomes from CloudWatch Logs through the Context's Logs client,
// against moto_server (which serves CloudWatch Logs on its one port): the events are put there by
// the test in Cognito's format (COGNITO-FACTS §8b), paged through with a small page size, late
// events waited for, a missing stream given up on after the budget, and other lines ignored.
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  PutLogEventsCommand,
} from "@aws-sdk/client-cloudwatch-logs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GlobalOptions } from "../src/kernel/context.js";
import { createContext } from "../src/kernel/create-context.js";
import {
  importLogGroup,
  importLogStream,
  type LoggedRow,
  parseOutcomeEvent,
  REJECTIONS_PATTERN,
  readJobOutcomes,
  readJobRejections,
} from "../src/kernel/import/job-logs.js";
import { createTestIO } from "../src/kernel/io/test-io.js";
import { applyEnv, isolatedAwsEnv } from "./helpers/env.js";
import { type MotoServer, startMoto } from "./helpers/moto.js";

let moto: MotoServer;
let restoreEnv: () => void;
let direct: CloudWatchLogsClient;
// No directory of the machine's: these tests touch none, and would fail loudly if they did.
const env = isolatedAwsEnv({
  COGCTL_CONFIG_DIR: "/nonexistent/config",
  COGCTL_DATA_DIR: "/nonexistent/data",
  COGCTL_STATE_DIR: "/nonexistent/state",
});

beforeAll(async () => {
  restoreEnv = applyEnv(env);
  moto = await startMoto();
  direct = new CloudWatchLogsClient({
    region: "us-east-1",
    endpoint: moto.url,
    credentials: { accessKeyId: "t", secretAccessKey: "t" },
  });
}, 60_000);
afterAll(async () => {
  direct?.destroy();
  await moto?.stop();
  restoreEnv();
});

function context(debug = false) {
  const globals: GlobalOptions = {
    output: "json",
    outputExplicit: false,
    paginate: true,
    debug,
    color: "off",
    local: false,
    region: "us-east-1",
    endpointUrl: moto.url,
  };
  const io = createTestIO({ env });
  const ctx = createContext(io, globals, {});
  return Object.assign(ctx, { stderr: () => io.err() });
}

let clock = Date.now();
async function put(group: string, stream: string, messages: string[]) {
  await direct.send(
    new PutLogEventsCommand({
      logGroupName: group,
      logStreamName: stream,
      logEvents: messages.map((message) => ({ message, timestamp: clock++ })),
    }),
  );
}

async function newStream(poolId: string, jobId: string) {
  const group = importLogGroup(poolId, "people");
  const stream = importLogStream(jobId, "people");
  await direct.send(new CreateLogGroupCommand({ logGroupName: group })).catch(() => {});
  await direct.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: stream }));
  return { group, stream };
}

const succeeded = (line: number) => `[SUCCEEDED] Line Number ${line} - The import succeeded.`;

describe("parseOutcomeEvent", () => {
  it("reads Cognito's three kinds and nothing else", () => {
    expect(parseOutcomeEvent("[SKIPPED] Line Number 12 - The user already exists.")).toEqual({
      kind: "SKIPPED",
      line: 12,
      reason: "The user already exists.",
    });
    expect(
      parseOutcomeEvent(
        "[FAILED] Line Number 7 - The User Record does not set any of the auto verified attributes to true. (Example: email_verified to true).",
      ),
    ).toMatchObject({ kind: "FAILED", line: 7, reason: expect.stringContaining("auto verified") });
    expect(parseOutcomeEvent(succeeded(5956))).toMatchObject({ kind: "SUCCEEDED", line: 5956 });
    expect(parseOutcomeEvent("START RequestId: 42")).toBeUndefined();
    expect(parseOutcomeEvent("[FAILED] Line 7 - no number word")).toBeUndefined();
  });
});

describe("readJobOutcomes against moto_server", () => {
  it("pages through the stream and hands every outcome over, in order", async () => {
    const { group, stream } = await newStream("us-east-1_Pages", "import-Pages1");
    const messages: string[] = [];
    for (let line = 2; line <= 26; line++) {
      if (line === 9) messages.push(`[FAILED] Line Number ${line} - The birthdate value must be mm/dd/yyyy.`);
      else if (line === 20) messages.push(`[SKIPPED] Line Number ${line} - The user already exists.`);
      else messages.push(succeeded(line));
    }
    messages.splice(3, 0, "some other line the stream may hold");
    await put(group, stream, messages);
    // --debug: the Logs client traces as the Cognito client does (same factory).
    const ctx = context(true);
    try {
      const rows: LoggedRow[] = [];
      const result = await readJobOutcomes(await ctx.logs(), group, stream, (r) => rows.push(r), {
        expected: { imported: 23, skipped: 1, failed: 1 },
        pageSize: 7,
        minIntervalMs: 0,
      });
      expect(result.complete).toBe(true);
      expect(result.seen).toEqual({ SUCCEEDED: 23, SKIPPED: 1, FAILED: 1 });
      // 26 events in pages of 7: four pages, and the call that finds the end.
      expect(result.calls).toBe(5);
      expect(rows.map((r) => r.line)).toEqual(Array.from({ length: 25 }, (_, i) => i + 2));
      expect(ctx.stderr()).toContain(`request: POST ${moto.url}/ Logs_20140328.GetLogEvents`);
      expect(ctx.stderr()).toContain(`"logStreamName":"${stream}"`);
      expect(rows.find((r) => r.line === 9)).toEqual({
        kind: "FAILED",
        line: 9,
        reason: "The birthdate value must be mm/dd/yyyy.",
      });
    } finally {
      await ctx.close();
    }
  });

  it("waits for events that arrive after the job ended", async () => {
    const { group, stream } = await newStream("us-east-1_Late", "import-Late1");
    await put(group, stream, [succeeded(2), succeeded(3)]);
    const ctx = context();
    let sleeps = 0;
    try {
      const rows: LoggedRow[] = [];
      const result = await readJobOutcomes(await ctx.logs(), group, stream, (r) => rows.push(r), {
        expected: { imported: 3, skipped: 0, failed: 1 },
        minIntervalMs: 0,
        retryMs: 10,
        sleep: async () => {
          // The rest lands while the reader waits at the stream's end.
          if (sleeps++ === 0) await put(group, stream, [succeeded(4), "[FAILED] Line Number 5 - Bad phone."]);
        },
      });
      expect(result.complete).toBe(true);
      expect(rows.map((r) => `${r.kind}:${r.line}`)).toEqual([
        "SUCCEEDED:2",
        "SUCCEEDED:3",
        "SUCCEEDED:4",
        "FAILED:5",
      ]);
    } finally {
      await ctx.close();
    }
  });

  it("gives up after the budget when the stream never appears, saying it is incomplete", async () => {
    const ctx = context();
    let t = 0;
    try {
      const result = await readJobOutcomes(
        await ctx.logs(),
        importLogGroup("us-east-1_None", "people"),
        "import-None/people",
        () => {},
        {
          expected: { imported: 1, skipped: 0, failed: 0 },
          budgetMs: 10_000,
          retryMs: 2_000,
          minIntervalMs: 0,
          now: () => t,
          sleep: async (ms) => {
            t += ms;
          },
        },
      );
      expect(result.complete).toBe(false);
      // At 0, 2, 4, 6, 8 and 10 s of the budget, then no more.
      expect(result.calls).toBe(6);
    } finally {
      await ctx.close();
    }
  });

  it("readJobRejections: FilterLogEvents for the FAILED and SKIPPED events (moto ignores the pattern: the rest is passed on)", async () => {
    const { group, stream } = await newStream("us-east-1_Filter", "import-Filter1");
    const messages = Array.from({ length: 30 }, (_, i) =>
      i === 4
        ? "[FAILED] Line Number 6 - The phone_number value must be E.164."
        : i === 20
          ? "[SKIPPED] Line Number 22 - The user already exists."
          : succeeded(i + 2),
    );
    await put(group, stream, messages);
    const ctx = context(true);
    try {
      const rows: LoggedRow[] = [];
      const result = await readJobRejections(await ctx.logs(), group, stream, (r) => rows.push(r), {
        expected: { imported: 28, skipped: 1, failed: 1 },
        pageSize: 8,
        minIntervalMs: 0,
      });
      expect(result.complete).toBe(true);
      expect(result.seen.FAILED + result.seen.SKIPPED).toBe(2);
      expect(rows.filter((r) => r.kind !== "SUCCEEDED").map((r) => [r.kind, r.line])).toEqual([
        ["FAILED", 6],
        ["SKIPPED", 22],
      ]);
      expect(ctx.stderr()).toContain("Logs_20140328.FilterLogEvents");
      expect(ctx.stderr()).toContain(`"filterPattern":${JSON.stringify(REJECTIONS_PATTERN)}`);
    } finally {
      await ctx.close();
    }
  });
});
