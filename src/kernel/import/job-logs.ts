// Reads an import job's row outcomes from CloudWatch Logs (COGNITO-FACTS §8b): group
// /aws/cognito/userpools/POOL_ID/POOL_NAME, stream JOB_ID/JOB_NAME, one event per row,
// `[FAILED] Line Number 7 - reason`. Two ways, both paced and paginated; events may arrive after the
// job has ended, so reading goes on until every counted row has its event, or a time budget runs out:
// - readJobOutcomes: every event, GetLogEvents from the head of the stream (nextForwardToken, which
//   stays the same at the end), for a job that did not succeed (which rows did it reach?);
// - readJobRejections: only the FAILED and SKIPPED events, FilterLogEvents with a text pattern, for
//   a job that succeeded: every other row was imported, and a 500,000-row job's log is not read whole
//   for a handful of failures. An endpoint that ignores the pattern (moto) just sends more events.
import type { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { normalize } from "../error-mapping.js";
import type { OutcomeCounts } from "../progress.js";
import { loadLogsSdk } from "../sdk.js";

export type LoggedOutcome = "SUCCEEDED" | "SKIPPED" | "FAILED";

export interface LoggedRow {
  kind: LoggedOutcome;
  /** The line of the uploaded file (the header is line 1). */
  line: number;
  reason: string;
}

const EVENT = /^\s*\[(SUCCEEDED|SKIPPED|FAILED)\]\s+Line Number\s+(\d+)\s*-\s*(.*)$/s;

/** One event's message as a row outcome; undefined for anything else the stream may hold. */
export function parseOutcomeEvent(message: string): LoggedRow | undefined {
  const m = EVENT.exec(message);
  if (!m) return undefined;
  return { kind: m[1] as LoggedOutcome, line: Number(m[2]), reason: m[3].trim() };
}

export const importLogGroup = (poolId: string, poolName: string) =>
  `/aws/cognito/userpools/${poolId}/${poolName}`;
export const importLogStream = (jobId: string, jobName: string) => `${jobId}/${jobName}`;

export interface ReadOptions {
  /** The job's final counters: reading stops once this many outcome events were seen. */
  expected: OutcomeCounts;
  /** How long to wait for late events (and for the stream to appear). */
  budgetMs?: number;
  /** Between two polls once the stream's end is reached and events are still missing. */
  retryMs?: number;
  /** At least this long between two calls (GetLogEvents' quota is 25/s per account: 10/s leaves room). */
  minIntervalMs?: number;
  /** Events per GetLogEvents page (the service's default and maximum: 10,000). */
  pageSize?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  endpointUrl?: string;
}

export interface ReadResult {
  /** Outcome events seen, by kind. */
  seen: Record<LoggedOutcome, number>;
  /** True when every expected row had its event within the budget. */
  complete: boolean;
  calls: number;
}

/** How both readers wait: the clock, the budget for late events, and the gap between calls. */
function readPace(opts: ReadOptions, defaultInterval: number) {
  return {
    sleep: opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms))),
    now: opts.now ?? (() => Date.now()),
    budget: opts.budgetMs ?? 120_000,
    retry: opts.retryMs ?? 2_000,
    minInterval: opts.minIntervalMs ?? defaultInterval,
  };
}

/** The pattern of FAILED or SKIPPED events (CloudWatch Logs' text syntax: ?term is "or"). */
export const REJECTIONS_PATTERN = '?"[FAILED]" ?"[SKIPPED]"';

/**
 * Calls onRow for each FAILED or SKIPPED event of the stream (other events an endpoint sends anyway
 * are passed on too); complete once `expected.failed + expected.skipped` such events were seen.
 */
export async function readJobRejections(
  logs: CloudWatchLogsClient,
  group: string,
  stream: string,
  onRow: (row: LoggedRow) => void,
  opts: ReadOptions,
): Promise<ReadResult> {
  const { FilterLogEventsCommand } = loadLogsSdk();
  // FilterLogEvents' quota: 5/s per account.
  const { sleep, now, budget, retry, minInterval } = readPace(opts, 250);
  const expected = opts.expected.skipped + opts.expected.failed;
  const seen: Record<LoggedOutcome, number> = { SUCCEEDED: 0, SKIPPED: 0, FAILED: 0 };
  // A pass that finds the stream's end short of the count starts over (FilterLogEvents has no
  // token at its end): events already handed over are known by id and not counted twice.
  const handed = new Set<string>();
  const started = now();
  let calls = 0;
  let lastCall = -Infinity;
  let token: string | undefined;
  for (;;) {
    const wait = lastCall + minInterval - now();
    if (wait > 0) await sleep(wait);
    lastCall = now();
    calls++;
    let page: { events?: { message?: string; eventId?: string }[]; nextToken?: string };
    try {
      page = await logs.send(
        new FilterLogEventsCommand({
          logGroupName: group,
          logStreamNames: [stream],
          filterPattern: REJECTIONS_PATTERN,
          ...(opts.pageSize ? { limit: opts.pageSize } : {}),
          ...(token ? { nextToken: token } : {}),
        }),
      );
    } catch (err) {
      if ((err as { name?: string }).name !== "ResourceNotFoundException")
        throw normalize(err, "FilterLogEvents", opts.endpointUrl);
      page = {};
    }
    for (const event of page.events ?? []) {
      const row = parseOutcomeEvent(event.message ?? "");
      if (!row) continue;
      const id = event.eventId ?? `${row.kind}:${row.line}`;
      if (handed.has(id)) continue;
      handed.add(id);
      seen[row.kind]++;
      onRow(row);
    }
    token = page.nextToken;
    if (token) continue;
    if (seen.SKIPPED + seen.FAILED >= expected) return { seen, complete: true, calls };
    if (now() - started + retry > budget) return { seen, complete: false, calls };
    await sleep(retry);
  }
}

/** Calls onRow for each outcome event of the stream, in the stream's order (a line may repeat: the last wins). */
export async function readJobOutcomes(
  logs: CloudWatchLogsClient,
  group: string,
  stream: string,
  onRow: (row: LoggedRow) => void,
  opts: ReadOptions,
): Promise<ReadResult> {
  const { GetLogEventsCommand } = loadLogsSdk();
  const { sleep, now, budget, retry, minInterval } = readPace(opts, 100);
  const expected = opts.expected.imported + opts.expected.skipped + opts.expected.failed;
  const seen: Record<LoggedOutcome, number> = { SUCCEEDED: 0, SKIPPED: 0, FAILED: 0 };
  const total = () => seen.SUCCEEDED + seen.SKIPPED + seen.FAILED;
  const started = now();
  let token: string | undefined;
  let calls = 0;
  let lastCall = -Infinity;
  for (;;) {
    const wait = lastCall + minInterval - now();
    if (wait > 0) await sleep(wait);
    lastCall = now();
    calls++;
    let page: { events?: { message?: string }[]; nextForwardToken?: string };
    try {
      page = await logs.send(
        new GetLogEventsCommand({
          logGroupName: group,
          logStreamName: stream,
          startFromHead: true,
          ...(opts.pageSize ? { limit: opts.pageSize } : {}),
          ...(token ? { nextToken: token } : {}),
        }),
      );
    } catch (err) {
      // The stream is created by the job's first PutLogEvents: it may not exist yet.
      if ((err as { name?: string }).name !== "ResourceNotFoundException")
        throw normalize(err, "GetLogEvents", opts.endpointUrl);
      if (now() - started + retry > budget) return { seen, complete: total() >= expected, calls };
      await sleep(retry);
      continue;
    }
    for (const event of page.events ?? []) {
      const row = parseOutcomeEvent(event.message ?? "");
      if (!row) continue;
      seen[row.kind]++;
      onRow(row);
    }
    const atEnd =
      !page.nextForwardToken || page.nextForwardToken === token || (page.events ?? []).length === 0;
    token = page.nextForwardToken ?? token;
    if (!atEnd) continue;
    if (total() >= expected) return { seen, complete: true, calls };
    if (now() - started + retry > budget) return { seen, complete: false, calls };
    await sleep(retry);
  }
}
