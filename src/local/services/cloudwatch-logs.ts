// The CloudWatch Logs side of the embedded endpoint: the log groups, streams and events import jobs
// write (COGNITO-FACTS §8b: group `/aws/cognito/userpools/POOL_ID/POOL_NAME`, stream
// `JOB_ID/JOB_NAME`, one event per row by line number), and the queries behind the read API
// (targets/logs/). Events are appended inside the import job's own chunk transaction, so a row's
// user, its counter and its log line are committed together or not at all. An event's id is its
// ingestion order, within a stream and across a group's streams alike.
import type BetterSqlite3 from "better-sqlite3";
import type { Db } from "../store/database.js";
import { LOCAL_ACCOUNT_ID } from "./ids.js";

export interface LogEventRow {
  id: number;
  stream_name: string;
  timestamp: number;
  message: string;
}

export interface LogStreamRow {
  id: number;
  name: string;
  created: number;
  first_event: number | null;
  last_event: number | null;
}

export interface LogGroupRow {
  name: string;
  created: number;
  stored: number;
}

/** The log group of a pool's import jobs. */
export const importLogGroup = (poolId: string, poolName: string) =>
  `/aws/cognito/userpools/${poolId}/${poolName}`;

/** The log stream of one import job. */
export const importLogStream = (jobId: string, jobName: string) => `${jobId}/${jobName}`;

/** PutLogEvents counts an event as its UTF-8 message plus 26 bytes. */
export const EVENT_OVERHEAD_BYTES = 26;

const STREAM_COLUMNS = "id, name, created, first_event, last_event";

export class LogsService {
  private statements?: Record<string, BetterSqlite3.Statement>;

  constructor(
    private readonly db: Db,
    private readonly region: string,
  ) {}

  /** Prepared once, on first use (most endpoints never touch the logs). */
  private get s(): Record<string, BetterSqlite3.Statement> {
    this.statements ??= {
      group: this.db.prepare("INSERT OR IGNORE INTO log_groups (name, created) VALUES (?, ?)"),
      stream: this.db.prepare(
        "INSERT OR IGNORE INTO log_streams (group_name, name, created) VALUES (?, ?, ?)",
      ),
      streamId: this.db.prepare("SELECT id FROM log_streams WHERE group_name = ? AND name = ?").pluck(),
      event: this.db.prepare("INSERT INTO log_events (stream_id, timestamp, message) VALUES (?, ?, ?)"),
      touch: this.db.prepare(
        "UPDATE log_streams SET first_event = COALESCE(first_event, ?), last_event = ? WHERE id = ?",
      ),
    };
    return this.statements;
  }

  groupArn(name: string): string {
    return `arn:aws:logs:${this.region}:${LOCAL_ACCOUNT_ID}:log-group:${name}`;
  }

  /** The stream's id, creating it and its group when missing (what the job's role may do). */
  ensureStream(group: string, stream: string, now: number): number {
    this.s.group.run(group, now);
    this.s.stream.run(group, stream, now);
    return this.s.streamId.get(group, stream) as number;
  }

  /** Appends events to a stream (PutLogEvents); call inside the writer's transaction. */
  append(streamId: number, messages: string[], now: number): void {
    if (messages.length === 0) return;
    for (const m of messages) this.s.event.run(streamId, now, m);
    this.s.touch.run(now, now, streamId);
  }

  /** A group by name (its stored bytes are counted only by groups(), for DescribeLogGroups). */
  group(name: string): LogGroupRow | undefined {
    return this.db.prepare("SELECT name, created, 0 AS stored FROM log_groups WHERE name = ?").get(name) as
      | LogGroupRow
      | undefined;
  }

  /** Groups in name order after `after`, optionally by prefix or substring. */
  groups(opts: { after: string; prefix?: string; pattern?: string; limit: number }): LogGroupRow[] {
    return this.db
      .prepare(
        `SELECT g.name, g.created,
           (SELECT COALESCE(SUM(LENGTH(CAST(e.message AS BLOB)) + ${EVENT_OVERHEAD_BYTES}), 0)
              FROM log_streams s JOIN log_events e ON e.stream_id = s.id WHERE s.group_name = g.name) AS stored
         FROM log_groups g
         WHERE g.name > ? AND substr(g.name, 1, length(?)) = ? AND instr(g.name, ?) > 0
         ORDER BY g.name LIMIT ?`,
      )
      .all(opts.after, opts.prefix ?? "", opts.prefix ?? "", opts.pattern ?? "", opts.limit) as LogGroupRow[];
  }

  stream(group: string, name: string): LogStreamRow | undefined {
    return this.db
      .prepare(`SELECT ${STREAM_COLUMNS} FROM log_streams WHERE group_name = ? AND name = ?`)
      .get(group, name) as LogStreamRow | undefined;
  }

  streams(group: string): LogStreamRow[] {
    return this.db
      .prepare(`SELECT ${STREAM_COLUMNS} FROM log_streams WHERE group_name = ?`)
      .all(group) as LogStreamRow[];
  }

  /**
   * A stream's events by position: `after` an id ascending (forward) or `before` one descending
   * (backward; the caller reverses), within [startTime, endTime).
   */
  streamEvents(
    stream: LogStreamRow,
    opts: { afterId?: number; beforeId?: number; startTime?: number; endTime?: number; limit: number },
  ): LogEventRow[] {
    const backward = opts.beforeId !== undefined;
    return this.db
      .prepare(
        `SELECT id, ? AS stream_name, timestamp, message FROM log_events
         WHERE stream_id = ? AND id > ? AND id < ? AND timestamp >= ? AND timestamp < ?
         ORDER BY id ${backward ? "DESC" : "ASC"} LIMIT ?`,
      )
      .all(
        stream.name,
        stream.id,
        opts.afterId ?? 0,
        opts.beforeId ?? Number.MAX_SAFE_INTEGER,
        opts.startTime ?? 0,
        opts.endTime ?? Number.MAX_SAFE_INTEGER,
        opts.limit,
      ) as LogEventRow[];
  }

  /** The highest event id of a stream (0 when it has none). */
  lastEventId(stream: LogStreamRow): number {
    return (
      (this.db.prepare("SELECT MAX(id) FROM log_events WHERE stream_id = ?").pluck().get(stream.id) as
        | number
        | null) ?? 0
    );
  }

  /**
   * FilterLogEvents with a pattern SQLite applies (filter: an SQL condition on `message`): the
   * matching events among the next `scan` events of the streams from a position (exclusive), at most
   * `limit`, in ingestion order; where the page ends (the last event returned when the page is full,
   * else the last event examined), and whether the streams hold nothing after it.
   */
  filteredEvents(
    streams: LogStreamRow[],
    opts: {
      fromId?: number;
      descending: boolean;
      startTime?: number;
      endTime?: number;
      limit: number;
      scan: number;
      filter: { sql: string; params: string[] };
    },
  ): { events: LogEventRow[]; position?: number; exhausted: boolean } {
    if (streams.length === 0) return { events: [], position: opts.fromId, exhausted: true };
    const names = new Map(streams.map((s) => [s.id, s.name]));
    const ids = streams.map((s) => s.id);
    const where = `stream_id IN (${streams.map(() => "?").join(", ")}) AND timestamp >= ? AND timestamp <= ?`;
    const cmp = opts.descending ? "<" : ">";
    const order = `ORDER BY id ${opts.descending ? "DESC" : "ASC"}`;
    const from = opts.fromId ?? (opts.descending ? Number.MAX_SAFE_INTEGER : 0);
    const base = [...ids, opts.startTime ?? 0, opts.endTime ?? Number.MAX_SAFE_INTEGER];
    // The window's last event: the scan-th from the position (none: the window runs to the end).
    const last = this.db
      .prepare(`SELECT id FROM log_events WHERE ${where} AND id ${cmp} ? ${order} LIMIT 1 OFFSET ?`)
      .pluck()
      .get(...base, from, opts.scan - 1) as number | undefined;
    const bound = last ?? (opts.descending ? 0 : Number.MAX_SAFE_INTEGER);
    const rows = this.db
      .prepare(
        `SELECT id, stream_id, timestamp, message FROM log_events
         WHERE ${where} AND id ${cmp} ? AND id ${opts.descending ? ">=" : "<="} ? AND (${opts.filter.sql})
         ${order} LIMIT ?`,
      )
      .all(...base, from, bound, ...opts.filter.params, opts.limit) as (Omit<LogEventRow, "stream_name"> & {
      stream_id: number;
    })[];
    const events = rows.map((r) => ({
      id: r.id,
      stream_name: names.get(r.stream_id) as string,
      timestamp: r.timestamp,
      message: r.message,
    }));
    if (events.length === opts.limit)
      return { events, position: events[events.length - 1].id, exhausted: false };
    if (last === undefined)
      return { events, position: events[events.length - 1]?.id ?? opts.fromId, exhausted: true };
    return { events, position: last, exhausted: false };
  }

  /**
   * Events of some of a group's streams in ingestion order from a position (exclusive), within
   * [startTime, endTime], a batch at a time, for FilterLogEvents (the caller applies the pattern).
   */
  groupEvents(
    streams: LogStreamRow[],
    opts: { fromId?: number; descending: boolean; startTime?: number; endTime?: number; batch: number },
  ): LogEventRow[] {
    if (streams.length === 0) return [];
    const names = new Map(streams.map((s) => [s.id, s.name]));
    const rows = this.db
      .prepare(
        `SELECT id, stream_id, timestamp, message FROM log_events
         WHERE stream_id IN (${streams.map(() => "?").join(", ")}) AND timestamp >= ? AND timestamp <= ?
           AND id ${opts.descending ? "<" : ">"} ?
         ORDER BY id ${opts.descending ? "DESC" : "ASC"} LIMIT ?`,
      )
      .all(
        ...streams.map((s) => s.id),
        opts.startTime ?? 0,
        opts.endTime ?? Number.MAX_SAFE_INTEGER,
        opts.fromId ?? (opts.descending ? Number.MAX_SAFE_INTEGER : 0),
        opts.batch,
      ) as (Omit<LogEventRow, "stream_name"> & { stream_id: number })[];
    return rows.map((r) => ({
      id: r.id,
      stream_name: names.get(r.stream_id) as string,
      timestamp: r.timestamp,
      message: r.message,
    }));
  }
}
