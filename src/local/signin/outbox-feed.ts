// Reading the outbox from outside the endpoint: `cogctl local messages` (list and --follow) and the
// one line `local serve` logs per message. The log line never carries the code or the message text:
// the outbox itself is the one place codes are readable.

import type { OutboxMessage } from "../services/messages.js";
import { MessagesService } from "../services/messages.js";
import type { Db } from "../store/database.js";

export interface OutboxQuery {
  /** Destination (email address or phone number), exact, case-insensitive. */
  to?: string;
  poolId?: string;
  /** Only messages with a larger id (for following). */
  afterId?: number;
  /** The newest `limit` messages (oldest first). */
  limit?: number;
}

const COLUMNS =
  "id, pool_id AS poolId, username, channel, destination, kind, subject, message, code, created";

export function readOutbox(db: Db, q: OutboxQuery): OutboxMessage[] {
  const where: string[] = ["id > ?"];
  const params: unknown[] = [q.afterId ?? 0];
  if (q.to) {
    where.push("lower(destination) = lower(?)");
    params.push(q.to);
  }
  if (q.poolId) {
    where.push("pool_id = ?");
    params.push(q.poolId);
  }
  params.push(q.limit ?? -1);
  const rows = db
    .prepare(`SELECT ${COLUMNS} FROM outbox WHERE ${where.join(" AND ")} ORDER BY id DESC LIMIT ?`)
    .all(...params) as OutboxMessage[];
  return rows.reverse().map((r) => ({ ...r, subject: r.subject ?? undefined, code: r.code ?? undefined }));
}

/** Calls onMessage for every message stored after `afterId`, polling until `stop` settles. */
export async function followOutbox(
  db: Db,
  q: OutboxQuery,
  onMessage: (m: OutboxMessage) => void,
  stop: Promise<void>,
  intervalMs = 300,
): Promise<void> {
  let stopped = false;
  void stop.then(() => {
    stopped = true;
  });
  let afterId = q.afterId ?? 0;
  while (!stopped) {
    for (const m of readOutbox(db, { ...q, afterId, limit: undefined })) {
      onMessage(m);
      afterId = m.id;
    }
    await Promise.race([stop, new Promise((r) => setTimeout(r, intervalMs))]);
  }
}

/** The newest message id (where a follower starts when it should show only new messages). */
export function lastOutboxId(db: Db): number {
  return (db.prepare("SELECT COALESCE(MAX(id), 0) FROM outbox").pluck().get() as number) ?? 0;
}

/** `outbox: EMAIL VERIFICATION to b***@e***.com (bob, us-east-1_X): cogctl local messages --to ...` — no code. */
export function outboxLogLine(m: OutboxMessage): string {
  const masked = MessagesService.mask({ channel: m.channel, destination: m.destination });
  return `outbox #${m.id}: ${m.channel} ${m.kind} to ${masked} (user ${m.username}, pool ${m.poolId}); read it with: cogctl local messages --pool ${m.poolId}`;
}

/** The wire-style view of a message for printing. */
export function messageView(m: OutboxMessage): Record<string, unknown> {
  return {
    Id: m.id,
    UserPoolId: m.poolId,
    Username: m.username,
    Channel: m.channel,
    Destination: m.destination,
    Kind: m.kind,
    ...(m.subject ? { Subject: m.subject } : {}),
    Message: m.message,
    ...(m.code ? { Code: m.code } : {}),
    Created: new Date(m.created).toISOString(),
  };
}
