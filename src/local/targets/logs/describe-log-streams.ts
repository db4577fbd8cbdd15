// DescribeLogStreams: a group's streams (one per import job), by name or by last event time,
// ascending or descending, 1-50 a page (default 50).
import { InvalidParameterException } from "../../errors.js";
import type { LogStreamRow } from "../../services/cloudwatch-logs.js";
import { defineTarget } from "../target.js";
import {
  Checks,
  decodeToken,
  encodeToken,
  existingGroup,
  type Input,
  LOG_STREAM_NAME,
  NEXT_TOKEN,
  readLogGroup,
} from "./input.js";

const isOffset = (v: unknown): v is { offset: number } =>
  typeof v === "object" && v !== null && Number.isSafeInteger((v as { offset?: unknown }).offset);

export default defineTarget<Input>((input, { services }) => {
  const checks = new Checks(input);
  const groupName = readLogGroup(checks);
  const prefix = checks.string("logStreamNamePrefix", LOG_STREAM_NAME);
  const orderBy = checks.string("orderBy");
  const descending = checks.boolean("descending") ?? false;
  const limit = checks.integer("limit", 1, 50) ?? 50;
  const token = checks.string("nextToken", NEXT_TOKEN);
  if (orderBy !== undefined && orderBy !== "LogStreamName" && orderBy !== "LastEventTime") {
    throw new InvalidParameterException(
      `1 validation error detected: Value '${orderBy}' at 'orderBy' failed to satisfy constraint: Member must satisfy enum value set: [LogStreamName, LastEventTime]`,
    );
  }
  checks.done();
  const name = groupName();
  if (orderBy === "LastEventTime" && prefix !== undefined)
    throw new InvalidParameterException("Cannot order by LastEventTime with a logStreamNamePrefix.");
  const group = existingGroup(services, name);
  const byTime = orderBy === "LastEventTime";
  const key = (s: LogStreamRow) => (byTime ? (s.last_event ?? s.created) : 0);
  const streams = services.logs
    .streams(group.name)
    .filter((s) => prefix === undefined || s.name.startsWith(prefix))
    .sort((a, b) => key(a) - key(b) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  if (descending) streams.reverse();
  const offset = token === undefined ? 0 : decodeToken(token, isOffset).offset;
  const page = streams.slice(offset, offset + limit);
  return {
    logStreams: page.map((s) => ({
      logStreamName: s.name,
      creationTime: s.created,
      ...(s.first_event !== null ? { firstEventTimestamp: s.first_event } : {}),
      ...(s.last_event !== null ? { lastEventTimestamp: s.last_event } : {}),
      ...(s.last_event !== null ? { lastIngestionTime: s.last_event } : {}),
      arn: `${services.logs.groupArn(group.name)}:log-stream:${s.name}`,
      storedBytes: 0,
    })),
    ...(offset + limit < streams.length ? { nextToken: encodeToken({ offset: offset + limit }) } : {}),
  };
});
