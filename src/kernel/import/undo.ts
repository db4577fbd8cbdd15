// `users import --undo RUN`: deletes the users that run created (never those it skipped as existing),
// paced and journalled per user, so an interrupted undo resumes where it stopped. Each user is read
// first (AdminGetUser): one whose sub is not the sub the run recorded was deleted and created again by
// someone else since, and is kept; one already gone counts as deleted. A --via job row has no sub
// (the job names rows, not users): its user is kept when Cognito's UserCreateDate is later than the
// job's end (created again since), with the same clock tolerance as the API path's creation check.
import { setTimeout as sleep } from "node:timers/promises";
import type { CognitoCall } from "../cognito-call.js";
import { type CliError, ServiceError } from "../errors.js";
import { categoryOf, type Pacer } from "../pacer.js";
import { backoffMs, isTransient, ROW_BACKOFF } from "../retry.js";
import type { Journal, RowState, RunRecord } from "./journal.js";
import { CREATED_BY_RUN_TOLERANCE_MS } from "./via-api.js";

export interface UndoResult {
  deleted: number;
  /** Already gone before this undo (deleted by hand): nothing to do. */
  gone: number;
  /** Re-created by someone else since the run (another sub): left alone. */
  kept: number;
  failed: { username: string; reason: string }[];
  unsettled: number;
  lastError?: CliError;
}

const ATTEMPTS = 6;

/** The created users not yet settled by an earlier undo. */
export function undoTargets(journal: Journal, run: RunRecord): RowState[] {
  return journal
    .createdRows(run.id)
    .filter((r) => r.undoOutcome !== "deleted" && r.undoOutcome !== "gone" && r.undoOutcome !== "kept");
}

export async function undoRun(opts: {
  run: RunRecord;
  journal: Journal;
  call: CognitoCall;
  pacer: Pacer;
  concurrency: number;
  onSettled?: () => void;
  backoffMs?: (attempt: number) => number;
}): Promise<UndoResult> {
  const { run, journal, call, pacer } = opts;
  const paced = (operation: string, input: Record<string, unknown>) =>
    pacer.run(categoryOf(operation), () => call(operation, input));
  const backoff = opts.backoffMs ?? ((n: number) => backoffMs(n, ROW_BACKOFF));
  const result: UndoResult = { deleted: 0, gone: 0, kept: 0, failed: [], unsettled: 0 };
  const notFound = (err: unknown) => err instanceof ServiceError && err.code === "UserNotFoundException";

  const one = async (row: RowState) => {
    const user = { UserPoolId: run.poolId, Username: row.username };
    journal.undoIntent(run.id, row.idx);
    let current: Record<string, any> | undefined;
    try {
      current = await paced("AdminGetUser", user);
    } catch (err) {
      if (!notFound(err)) throw err;
    }
    const sub = (current?.UserAttributes as { Name: string; Value?: string }[] | undefined)?.find(
      (a) => a.Name === "sub",
    )?.Value;
    if (!current) {
      journal.undoOutcome(run.id, row.idx, "gone");
      result.gone++;
      return;
    }
    if (row.sub !== undefined && sub !== undefined && sub !== row.sub) {
      journal.undoOutcome(run.id, row.idx, "kept", "created again since the run (another sub)");
      result.kept++;
      return;
    }
    const createdAt = current.UserCreateDate instanceof Date ? current.UserCreateDate.getTime() : Number.NaN;
    if (
      row.sub === undefined &&
      row.createdUntil !== undefined &&
      createdAt > row.createdUntil + CREATED_BY_RUN_TOLERANCE_MS
    ) {
      journal.undoOutcome(run.id, row.idx, "kept", "created again since the run's import job ended");
      result.kept++;
      return;
    }
    try {
      await paced("AdminDeleteUser", user);
      journal.undoOutcome(run.id, row.idx, "deleted");
      result.deleted++;
    } catch (err) {
      if (!notFound(err)) throw err;
      journal.undoOutcome(run.id, row.idx, "gone");
      result.gone++;
    }
  };

  const targets = undoTargets(journal, run);
  let next = 0;
  let stop: unknown;
  const worker = async () => {
    while (stop === undefined && next < targets.length) {
      const row = targets[next++];
      for (let n = 0; ; n++) {
        try {
          await one(row);
          break;
        } catch (err) {
          if (isTransient(err)) {
            if (n + 1 >= ATTEMPTS) {
              result.unsettled++;
              result.lastError = err as CliError;
              break;
            }
            await sleep(backoff(n));
            continue;
          }
          if (err instanceof ServiceError) {
            const reason = `${err.code}: ${err.serviceMessage}`.split("\n")[0];
            journal.undoOutcome(run.id, row.idx, "failed", reason);
            result.failed.push({ username: row.username, reason });
            break;
          }
          stop ??= err;
          break;
        }
      }
      opts.onSettled?.();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, opts.concurrency) }, worker));
  if (stop !== undefined) throw stop;
  return result;
}
