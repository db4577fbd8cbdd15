// FilterLogEvents: a group's events across its streams in ingestion (= time) order (startFromHead, default true;
// false: newest first), optionally only some streams (logStreamNames or logStreamNamePrefix, not
// both), a time range and a filter pattern; up to `limit` (1-10,000, default 10,000) a page, and a
// nextToken while more may match. Filter patterns: the unstructured-text syntax (terms that must all
// appear, "quoted phrases", ?either ?or, -excluded, %regex%), which is what log lines like
// `[FAILED] Line Number 7 - ...` are searched with; JSON and space-delimited patterns are refused.
import { InvalidParameterException } from "../../errors.js";
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

const MAX_EVENTS = 10_000;
/** Events read per query while filling a page. */
const BATCH = 1000;
/** Events examined by one request at most; past this a page may come back short, with a nextToken. */
const SCAN_LIMIT = 200_000;

/** A page's end: the direction and the last event id examined. */
interface Position {
  d: "f" | "b";
  i: number;
}
const isPosition = (v: unknown): v is Position =>
  typeof v === "object" &&
  v !== null &&
  ((v as Position).d === "f" || (v as Position).d === "b") &&
  Number.isSafeInteger((v as Position).i);

type Matcher = (message: string) => boolean;

/** The unstructured-text filter pattern syntax. */
export function compileFilterPattern(pattern: string | undefined): Matcher {
  const text = (pattern ?? "").trim();
  if (text === "" || text === '""') return () => true;
  if (text.startsWith("{") || text.startsWith("["))
    throw new InvalidParameterException(
      'Invalid filter pattern: the cogctl local endpoint supports only text patterns (terms, "phrases", ?any, -not, %regex%).',
    );
  if (text.length > 2 && text.startsWith("%") && text.endsWith("%")) {
    let re: RegExp;
    try {
      re = new RegExp(text.slice(1, -1));
    } catch {
      throw new InvalidParameterException("Invalid filter pattern: the regular expression does not compile.");
    }
    return (m) => re.test(m);
  }
  const all: string[] = [];
  const any: string[] = [];
  const none: string[] = [];
  for (const raw of text.match(/[?-]?"(?:[^"\\]|\\.)*"|\S+/g) ?? []) {
    const sign = raw[0] === "?" || raw[0] === "-" ? raw[0] : "";
    let term = sign ? raw.slice(1) : raw;
    if (term.startsWith('"') && term.endsWith('"') && term.length >= 2)
      term = term.slice(1, -1).replace(/\\(.)/g, "$1");
    if (term === "") continue;
    (sign === "?" ? any : sign === "-" ? none : all).push(term);
  }
  return (m) =>
    all.every((t) => m.includes(t)) &&
    (any.length === 0 || any.some((t) => m.includes(t))) &&
    !none.some((t) => m.includes(t));
}

export default defineTarget<Input>((input, { services }) => {
  const checks = new Checks(input);
  const groupName = readLogGroup(checks);
  const streams = checks.strings("logStreamNames", 100, LOG_STREAM_NAME);
  const prefix = checks.string("logStreamNamePrefix", LOG_STREAM_NAME);
  const startTime = checks.timestamp("startTime");
  const endTime = checks.timestamp("endTime");
  const pattern = checks.string("filterPattern", { min: 0, max: 1024 });
  const nextToken = checks.string("nextToken", NEXT_TOKEN);
  const limit = checks.integer("limit", 1, MAX_EVENTS) ?? MAX_EVENTS;
  const startFromHead = checks.boolean("startFromHead") ?? true;
  checks.done();
  const name = groupName();
  if (streams !== undefined && prefix !== undefined)
    throw new InvalidParameterException(
      "logStreamNames and logStreamNamePrefix are mutually exclusive parameters.",
    );
  const group = existingGroup(services, name);
  const wanted = services.logs
    .streams(group.name)
    .filter((s) => (streams ? streams.includes(s.name) : prefix === undefined || s.name.startsWith(prefix)));
  const matches = compileFilterPattern(pattern);
  // The token's direction wins over startFromHead, as the API reference says.
  const from = nextToken === undefined ? undefined : decodeToken(nextToken, isPosition);
  const descending = from ? from.d === "b" : !startFromHead;

  const events: Record<string, unknown>[] = [];
  let position = from?.i;
  let scanned = 0;
  let exhausted = false;
  while (events.length < limit && scanned < SCAN_LIMIT) {
    const rows = services.logs.groupEvents(wanted, {
      fromId: position,
      descending,
      startTime,
      endTime,
      batch: BATCH,
    });
    for (const e of rows) {
      scanned++;
      position = e.id;
      if (matches(e.message)) {
        events.push({
          logStreamName: e.stream_name,
          timestamp: e.timestamp,
          message: e.message,
          ingestionTime: e.timestamp,
          eventId: String(e.id).padStart(56, "0"),
        });
        if (events.length === limit) break;
      }
    }
    if (rows.length < BATCH && events.length < limit) {
      exhausted = true;
      break;
    }
  }
  // A full page may be the last one: look one event ahead rather than hand out a token to nothing.
  if (!exhausted && position !== undefined) {
    const ahead = services.logs.groupEvents(wanted, {
      fromId: position,
      descending,
      startTime,
      endTime,
      batch: 1,
    });
    if (ahead.length === 0) exhausted = true;
  }
  return {
    events,
    ...(!exhausted && position !== undefined
      ? { nextToken: encodeToken({ d: descending ? "b" : "f", i: position }) }
      : {}),
  };
});
