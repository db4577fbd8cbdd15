// FilterLogEvents: a group's events across its streams in ingestion (= time) order (startFromHead, default true;
// false: newest first), optionally only some streams (logStreamNames or logStreamNamePrefix, not
// both), a time range and a filter pattern; up to `limit` (1-10,000, default 10,000) a page, and a
// nextToken while more may match. Filter patterns: the unstructured-text syntax (terms that must all
// appear, "quoted phrases", ?either ?or, -excluded, %regex%), which is what log lines like
// `[FAILED] Line Number 7 - ...` are searched with, and space-delimited patterns (`[status, ...]`,
// `[w1=FAILED, ...]`, `*` wildcards, `!=`, numeric comparisons); JSON patterns (`{ $.x = 1 }`) are
// refused: no import log line is JSON.
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
/**
 * Events examined by one request at most; past this a page may come back short, with a nextToken
 * (as CloudWatch's own pages do), so one request's work and garbage stay small whatever the stream's
 * size. (The ~390 MB endpoint RSS `bench/users-import-job.mjs` saw was the in-memory store's
 * ":memory:" database holding the pool; see store/database.ts.)
 */
const SCAN_LIMIT = 25_000;
/**
 * Events one request examines at most when SQLite applies the pattern itself (plain terms, the
 * import logs' own case): it skips the non-matching events without making a JavaScript object of
 * each, so a wider window costs little. With 25,000 a reader of a 500,000-row job's FAILED and
 * SKIPPED lines needed 20 requests (5 s at FilterLogEvents' 5 a second), and the endpoint made
 * 500,000 objects to keep 1,000.
 */
const SQL_SCAN_LIMIT = 250_000;

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
  if (text.startsWith("{"))
    throw new InvalidParameterException(
      "Invalid filter pattern: JSON filter patterns are not supported by the cogctl local endpoint (import log lines are text).",
    );
  if (text.startsWith("[")) return spaceDelimited(text);
  if (text.length > 2 && text.startsWith("%") && text.endsWith("%")) {
    let re: RegExp;
    try {
      re = new RegExp(text.slice(1, -1));
    } catch {
      throw new InvalidParameterException("Invalid filter pattern: the regular expression does not compile.");
    }
    return (m) => re.test(m);
  }
  const { all, any, none } = termsOf(text);
  return (m) =>
    all.every((t) => m.includes(t)) &&
    (any.length === 0 || any.some((t) => m.includes(t))) &&
    !none.some((t) => m.includes(t));
}

/** A pattern of plain terms: all of them, at least one of the `?` ones, none of the `-` ones. */
function termsOf(text: string): { all: string[]; any: string[]; none: string[] } {
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
  return { all, any, none };
}

/**
 * The pattern as an SQL condition on `message`, when SQLite can apply it: plain terms (substrings,
 * case-sensitive, as instr() matches them). Undefined for the other syntaxes (and for the empty
 * pattern, which matches every event), which JavaScript applies event by event.
 */
export function sqlFilterOf(pattern: string | undefined): { sql: string; params: string[] } | undefined {
  const text = (pattern ?? "").trim();
  if (text === "" || text === '""' || text.startsWith("{") || text.startsWith("[")) return undefined;
  if (text.length > 2 && text.startsWith("%") && text.endsWith("%")) return undefined;
  const { all, any, none } = termsOf(text);
  const has = "instr(message, ?) > 0";
  const parts = [
    ...all.map(() => has),
    ...(any.length ? [`(${any.map(() => has).join(" OR ")})`] : []),
    ...none.map(() => "instr(message, ?) = 0"),
  ];
  if (parts.length === 0) return undefined;
  return { sql: parts.join(" AND "), params: [...all, ...any, ...none] };
}

/** The fields of a message as space-delimited patterns see them: `[...]` and `"..."` enclose one. */
function fieldsOf(message: string): string[] {
  return (message.match(/\[[^\]]*\]|"[^"]*"|\S+/g) ?? []).map((f) =>
    (f.startsWith("[") && f.endsWith("]")) || (f.startsWith('"') && f.endsWith('"')) ? f.slice(1, -1) : f,
  );
}

/** `[a, b=v, c!=v*, n>=3, ...]`: field by field, `...` standing for any number of fields. */
function spaceDelimited(pattern: string): Matcher {
  if (!pattern.endsWith("]"))
    throw new InvalidParameterException("Invalid filter pattern: a space-delimited pattern ends with ].");
  const tests = pattern
    .slice(1, -1)
    .split(",")
    .map((e) => e.trim())
    .map((e): ((field: string) => boolean) | "..." => {
      if (e === "...") return "...";
      const m = /^([A-Za-z_][\w.]*)\s*(=|!=|<=|>=|<|>)?\s*(.*)$/.exec(e);
      if (!m || (m[2] && m[3] === "") || (!m[2] && m[3] !== ""))
        throw new InvalidParameterException(`Invalid filter pattern: ${e} is not a field.`);
      const [, , op, raw] = m;
      if (!op) return () => true;
      const value = raw.replace(/^"(.*)"$/, "$1");
      if (op === "=" || op === "!=") {
        const body = value
          .split("*")
          .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
          .join(".*");
        const re = new RegExp(`^${body}$`);
        return op === "=" ? (f) => re.test(f) : (f) => !re.test(f);
      }
      const n = Number(value);
      if (!Number.isFinite(n))
        throw new InvalidParameterException(`Invalid filter pattern: ${value} is not a number.`);
      return (f) => {
        const x = Number(f);
        if (f === "" || !Number.isFinite(x)) return false;
        return op === "<" ? x < n : op === ">" ? x > n : op === "<=" ? x <= n : x >= n;
      };
    });
  const match = (fields: string[], i: number, t: number): boolean => {
    if (t === tests.length) return i === fields.length;
    const test = tests[t];
    if (test === "...") {
      for (let k = i; k <= fields.length; k++) if (match(fields, k, t + 1)) return true;
      return false;
    }
    return i < fields.length && test(fields[i]) && match(fields, i + 1, t + 1);
  };
  return (message) => match(fieldsOf(message), 0, 0);
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
  let exhausted = false;
  const toEvent = (e: { id: number; stream_name: string; timestamp: number; message: string }) => ({
    logStreamName: e.stream_name,
    timestamp: e.timestamp,
    message: e.message,
    ingestionTime: e.timestamp,
    eventId: String(e.id).padStart(56, "0"),
  });
  const sql = sqlFilterOf(pattern);
  if (sql) {
    // One query for the page: SQLite skips what does not match within the next SQL_SCAN_LIMIT events.
    const page = services.logs.filteredEvents(wanted, {
      fromId: position,
      descending,
      startTime,
      endTime,
      limit,
      scan: SQL_SCAN_LIMIT,
      filter: sql,
    });
    // The same matcher as the other path: SQLite's instr() only narrowed the rows down.
    for (const e of page.events) if (matches(e.message)) events.push(toEvent(e));
    position = page.position;
    exhausted = page.exhausted;
  } else {
    // The other syntaxes: JavaScript applies the pattern, a batch of events at a time.
    for (let scanned = 0; events.length < limit && scanned < SCAN_LIMIT; ) {
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
          events.push(toEvent(e));
          if (events.length === limit) break;
        }
      }
      if (rows.length < BATCH && events.length < limit) {
        exhausted = true;
        break;
      }
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
