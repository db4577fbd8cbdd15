// The CloudWatch Logs side of the embedded endpoint: the log groups, streams and events import jobs
// write (COGNITO-FACTS §8b: group `/aws/cognito/userpools/POOL_ID/POOL_NAME`, stream
// `JOB_ID/JOB_NAME`, one event per row by line number), and the queries behind the read API
// (targets/logs/). Events are appended inside the import job's own chunk transaction, so a row's
// user, its counter and its log line are committed together or not at all.
import type { Db } from "../store/database.js";
import { LOCAL_ACCOUNT_ID } from "./ids.js";

export interface LogEventRow {
  id: number;
  stream_name: string;
  timestamp: number;
  ingestion: number;
  message: string;
}

export interface LogStreamRow {
  name: string;
  created: number;
  first_event: number | null;
  last_event: number | null;
  last_ingestion: number | null;
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

export class LogsService {
  constructor(
    private readonly db: Db,
    private readonly region: string,
  ) {}

  groupArn(name: string): string {
    return `arn:aws:logs:${this.region}:${LOCAL_ACCOUNT_ID}:log-group:${name}`;
  }

  /** Creates the group and the stream when missing (CreateLogGroup / CreateLogStream of the job's role). */
  ensureStream(group: string, stream: string, now: number): void {
    this.db.prepare("INSERT OR IGNORE INTO log_groups (name, created) VALUES (?, ?)").run(group, now);
    this.db
      .prepare("INSERT OR IGNORE INTO log_streams (group_name, name, created) VALUES (?, ?, ?)")
      .run(group, stream, now);
  }

  /** Appends events to a stream (PutLogEvents); call inside the writer's transaction. */
  append(group: string, stream: string, messages: string[], now: number): void {
    if (messages.length === 0) return;
    const insert = this.db.prepare(
      "INSERT INTO log_events (group_name, stream_name, timestamp, ingestion, message) VALUES (?, ?, ?, ?, ?)",
    );
    for (const m of messages) insert.run(group, stream, now, now, m);
    this.db
      .prepare(
        "UPDATE log_streams SET first_event = COALESCE(first_event, ?), last_event = ?, last_ingestion = ? WHERE group_name = ? AND name = ?",
      )
      .run(now, now, now, group, stream);
  }

  /** A group by name (its stored bytes are counted only by groups(), for DescribeLogGroups). */
  group(name: string): LogGroupRow | undefined {
    return this.db.prepare("SELECT name, created, 0 AS stored FROM log_groups WHERE name = ?").get(name) as
      | LogGroupRow
      | undefined;
  }

  /** Groups in name order after `after`, optionally by prefix or substring. */
  groups(opts: { after: string; prefix?: string; pattern?: string; limit: number }): LogGroupRow[] {
    const rows = this.db
      .prepare(
        "SELECT name, created, (SELECT COALESCE(SUM(LENGTH(CAST(message AS BLOB)) + 26), 0) FROM log_events e WHERE e.group_name = log_groups.name) AS stored FROM log_groups WHERE name > ? AND substr(name, 1, length(?)) = ? AND instr(name, ?) > 0 ORDER BY name LIMIT ?",
      )
      .all(opts.after, opts.prefix ?? "", opts.prefix ?? "", opts.pattern ?? "", opts.limit) as LogGroupRow[];
    return rows;
  }

  stream(group: string, name: string): LogStreamRow | undefined {
    return this.db
      .prepare(
        "SELECT name, created, first_event, last_event, last_ingestion FROM log_streams WHERE group_name = ? AND name = ?",
      )
      .get(group, name) as LogStreamRow | undefined;
  }

  streams(group: string): LogStreamRow[] {
    return this.db
      .prepare(
        "SELECT name, created, first_event, last_event, last_ingestion FROM log_streams WHERE group_name = ?",
      )
      .all(group) as LogStreamRow[];
  }

  /**
   * A stream's events by position: `after` an id ascending (forward) or `before` one descending
   * (backward, the caller reverses), within [startTime, endTime).
   */
  streamEvents(
    group: string,
    stream: string,
    opts: { afterId?: number; beforeId?: number; startTime?: number; endTime?: number; limit: number },
  ): LogEventRow[] {
    const backward = opts.beforeId !== undefined;
    return this.db
      .prepare(
        `SELECT id, stream_name, timestamp, ingestion, message FROM log_events
         WHERE group_name = ? AND stream_name = ? AND id > ? AND id < ? AND timestamp >= ? AND timestamp < ?
         ORDER BY id ${backward ? "DESC" : "ASC"} LIMIT ?`,
      )
      .all(
        group,
        stream,
        opts.afterId ?? 0,
        opts.beforeId ?? Number.MAX_SAFE_INTEGER,
        opts.startTime ?? 0,
        opts.endTime ?? Number.MAX_SAFE_INTEGER,
        opts.limit,
      ) as LogEventRow[];
  }

  /** The highest event id of a stream (0 when it has none). */
  lastEventId(group: string, stream: string): number {
    return (
      (this.db
        .prepare("SELECT MAX(id) FROM log_events WHERE group_name = ? AND stream_name = ?")
        .pluck()
        .get(group, stream) as number | null) ?? 0
    );
  }

  /**
   * Events of a group in (timestamp, id) order from a keyset position, for FilterLogEvents; a batch
   * at a time (the caller filters by pattern and keeps reading until its page is full).
   */
  groupEvents(
    group: string,
    opts: {
      streams?: string[];
      prefix?: string;
      from?: { timestamp: number; id: number };
      descending: boolean;
      startTime?: number;
      endTime?: number;
      batch: number;
    },
  ): LogEventRow[] {
    const where = ["group_name = ?", "timestamp >= ?", "timestamp <= ?"];
    const args: unknown[] = [group, opts.startTime ?? 0, opts.endTime ?? Number.MAX_SAFE_INTEGER];
    if (opts.streams) {
      where.push(`stream_name IN (${opts.streams.map(() => "?").join(", ")})`);
      args.push(...opts.streams);
    }
    if (opts.prefix !== undefined) {
      where.push("substr(stream_name, 1, length(?)) = ?");
      args.push(opts.prefix, opts.prefix);
    }
    if (opts.from) {
      where.push(opts.descending ? "(timestamp, id) < (?, ?)" : "(timestamp, id) > (?, ?)");
      args.push(opts.from.timestamp, opts.from.id);
    }
    const dir = opts.descending ? "DESC" : "ASC";
    return this.db
      .prepare(
        `SELECT id, stream_name, timestamp, ingestion, message FROM log_events WHERE ${where.join(" AND ")} ORDER BY timestamp ${dir}, id ${dir} LIMIT ?`,
      )
      .all(...args, opts.batch) as LogEventRow[];
  }
}
