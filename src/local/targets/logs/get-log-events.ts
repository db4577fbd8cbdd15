// GetLogEvents: one stream's events in order, a page at a time. Without a token the page is the
// stream's head (startFromHead) or, by default, its tail; nextForwardToken / nextBackwardToken
// continue either way, and at the end of the stream the same token comes back (how clients,
// the SDK's paginator included, know they are done). Default: as many events as fit in 1 MB, up
// to 10,000; limit 1-10,000.
import { InvalidParameterException, ResourceNotFoundException } from "../../errors.js";
import { EVENT_OVERHEAD_BYTES, type LogEventRow } from "../../services/cloudwatch-logs.js";
import { defineTarget } from "../target.js";
import { Checks, existingGroup, type Input, LOG_STREAM_NAME, readLogGroup } from "./input.js";

const MAX_EVENTS = 10_000;
const MAX_BYTES = 1024 * 1024;
const eventBytes = (e: LogEventRow) => Buffer.byteLength(e.message) + EVENT_OVERHEAD_BYTES;

// f/ and b/ then a position, as CloudWatch Logs' own tokens look (f/3652...; 56 digits).
const token = (dir: "f" | "b", position: number) => `${dir}/${String(position).padStart(56, "0")}`;

function parseToken(t: string): { dir: "f" | "b"; position: number } {
  const m = /^([fb])\/(\d{1,56})$/.exec(t);
  const position = m ? Number(m[2]) : Number.NaN;
  if (!m || !Number.isSafeInteger(position))
    throw new InvalidParameterException("The specified nextToken is invalid.");
  return { dir: m[1] as "f" | "b", position };
}

export default defineTarget<Input>((input, { services }) => {
  const checks = new Checks(input);
  const groupName = readLogGroup(checks);
  checks.required("logStreamName");
  const streamName = checks.string("logStreamName", LOG_STREAM_NAME) as string;
  const startTime = checks.timestamp("startTime");
  const endTime = checks.timestamp("endTime");
  const limit = checks.integer("limit", 1, MAX_EVENTS);
  const nextToken = checks.string("nextToken", { min: 1 });
  const startFromHead = checks.boolean("startFromHead") ?? false;
  checks.done();
  const group = existingGroup(services, groupName());
  const stream = services.logs.stream(group.name, streamName);
  if (!stream) throw new ResourceNotFoundException("The specified log stream does not exist.");

  let dir: "f" | "b";
  let position: number;
  if (nextToken !== undefined) {
    ({ dir, position } = parseToken(nextToken));
  } else if (startFromHead) {
    dir = "f";
    position = 0;
  } else {
    dir = "b";
    position = services.logs.lastEventId(stream) + 1;
  }
  const rows = services.logs.streamEvents(stream, {
    ...(dir === "f" ? { afterId: position } : { beforeId: position }),
    startTime,
    endTime,
    limit: limit ?? MAX_EVENTS,
  });
  if (limit === undefined) {
    // Up to 1 MB of events when no limit is given.
    let bytes = 0;
    let keep = 0;
    while (keep < rows.length && bytes + eventBytes(rows[keep]) <= MAX_BYTES)
      bytes += eventBytes(rows[keep++]);
    rows.length = keep;
  }
  if (dir === "b") rows.reverse();
  const first = rows[0];
  const last = rows[rows.length - 1];
  return {
    events: rows.map((e) => ({ timestamp: e.timestamp, message: e.message, ingestionTime: e.timestamp })),
    nextForwardToken: last
      ? token("f", last.id)
      : dir === "f"
        ? token("f", position)
        : token("f", position - 1),
    nextBackwardToken: first
      ? token("b", first.id)
      : dir === "b"
        ? token("b", position)
        : token("b", position + 1),
  };
});
