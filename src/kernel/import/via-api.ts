// `users import --via api`: one AdminCreateUser per row, paced to the UserCreation quota, a few in
// flight at once, then the row's post-steps (groups, SMS MFA, disable), each journalled.
//
// Exactly once (journal.ts keeps the intents and outcomes):
// - a row without an intent was never sent: send it;
// - a row with an outcome is finished: leave it;
// - a row with an intent but no answer (the process died, or the connection dropped, mid-request) is
//   read back with AdminGetUser first: absent → the request never landed, send it again; present →
//   this run created it if Cognito's UserCreateDate is not earlier than the intent (less a clock
//   tolerance), otherwise it existed before the run and is "skipped", as the job counts it;
// - UsernameExistsException on the row's only send ever means the user was there before the run:
//   skipped. After any earlier send (an SDK retry after a dropped connection or a 5xx, our own
//   retry, or a resume whose lost request landed after the AdminGetUser) it is judged by the date as
//   above, because that send may have created it. So the clock tolerance only matters for requests
//   whose fate is unknown, never for a plain re-import;
// - post-steps are idempotent (adding to a group twice, disabling twice), so a step whose intent is
//   journalled without an outcome is simply sent again; each is journalled, so a resume does the
//   remaining ones and never a finished one again.
// Transient answers (throttling past the pacer's retries, 5xx, dropped connections) leave a row
// unsettled rather than failed: it is tried again a few times here, and a resume settles the rest.
import { setTimeout as sleep } from "node:timers/promises";
import type { CsvRow } from "../../cognito/csv/types.js";
import type { CognitoCall, ServiceOutput } from "../cognito-call.js";
import { CliError, ExitCode, ServiceError, UsageError } from "../errors.js";
import { categoryOf, type Pacer } from "../pacer.js";
import { backoffMs, isTransient, ROW_BACKOFF } from "../retry.js";
import type { Journal, RowState, RunRecord } from "./journal.js";
import { type Attribute, type PostStep, postSteps, USERNAME_COLUMN, userAttributes } from "./row-request.js";
import type { RowOutcome } from "./types.js";

/**
 * How much earlier than our intent Cognito's UserCreateDate may read for a user we created: the two
 * clocks differ (NTP keeps AWS and a laptop within a second; the embedded endpoint and moto share
 * ours) and some endpoints round the date down to whole seconds. A user created by someone else
 * within this window before the row was sent would be counted as ours: an accepted edge.
 */
export const CREATED_BY_RUN_TOLERANCE_MS = 2000;
/** Attempts of one row on transient errors within one invocation before it is left for a resume. */
const ROW_ATTEMPTS = 6;

export type TemporaryPasswordSource = (row: CsvRow) => Promise<string>;

export interface ApiImportInput {
  run: RunRecord;
  journal: Journal;
  /** The unpaced call; every request goes through `pacer` under its operation's category. */
  call: CognitoCall;
  pacer: Pacer;
  /** The file's rows (all of them: invalid ones are passed over). */
  rows: AsyncIterable<CsvRow>;
  concurrency: number;
  /** Undefined: Cognito makes the temporary password. */
  temporaryPassword?: TemporaryPasswordSource;
  passwordColumn?: string;
  sendInvitations: boolean;
  /** Called once per row settled in this invocation. */
  onSettled?: (outcome: RowOutcome) => void;
  /** Random wait between a row's attempts (tests shorten it). */
  backoffMs?: (attempt: number) => number;
  /**
   * A row's AdminCreateUser attributes and post-steps when they do not come from its CSV values:
   * `users copy` builds rows from another pool's users, whose values are the API's already (kept as
   * they are, spaces and line breaks included) and whose group names may hold the CSV's `;`.
   */
  attributesOf?: (row: CsvRow) => Attribute[];
  stepsOf?: (row: CsvRow, poolId: string, username: string) => PostStep[];
}

export interface ApiImportResult {
  /** Rows still without an outcome (transient errors): a resume settles them. */
  unsettled: number;
  /** The last transient error of an unsettled row. */
  lastError?: CliError;
}

/** Errors that stop the whole run (bad credentials, a usage error): no row can succeed. */
function isFatal(err: unknown): boolean {
  return err instanceof CliError && (err.exitCode === ExitCode.CONFIG || err.exitCode === ExitCode.USAGE);
}

const codeOf = (err: unknown) => (err instanceof ServiceError ? err.code : undefined);
const reasonOf = (err: unknown) =>
  (err instanceof ServiceError
    ? `${err.code}: ${err.serviceMessage}`
    : String((err as Error)?.message ?? err)
  ).split("\n")[0];

function subOf(user: ServiceOutput | undefined): string | undefined {
  const attrs = (user?.Attributes ?? user?.UserAttributes ?? []) as { Name: string; Value?: string }[];
  return attrs.find((a) => a.Name === "sub")?.Value;
}

class Transient extends Error {
  constructor(readonly error: CliError) {
    super(error.message);
  }
}

export async function importViaApi(input: ApiImportInput): Promise<ApiImportResult> {
  const { run, journal, pacer, call } = input;
  const poolId = run.poolId;
  const states = journal.rowStates(run.id);
  const paced = (operation: string, request: Record<string, unknown>) =>
    pacer.run(categoryOf(operation), () => call(operation, request));
  const backoff = input.backoffMs ?? ((attempt: number) => backoffMs(attempt, ROW_BACKOFF));

  const getUser = async (username: string): Promise<ServiceOutput | undefined> => {
    try {
      return await paced("AdminGetUser", { UserPoolId: poolId, Username: username });
    } catch (err) {
      if (codeOf(err) === "UserNotFoundException") return undefined;
      throw err;
    }
  };
  const createdByRun = (user: ServiceOutput, intentAt: number) => {
    const at = user.UserCreateDate instanceof Date ? user.UserCreateDate.getTime() : Number.NaN;
    // No date (an endpoint that omits it): the intent says we sent it, the user is there: ours.
    return Number.isNaN(at) || at >= intentAt - CREATED_BY_RUN_TOLERANCE_MS;
  };

  const settle = (state: RowState, outcome: RowOutcome, reason?: string) => {
    journal.outcome(run.id, state.idx, outcome, reason);
    state.outcome = outcome;
    state.reason = reason;
    input.onSettled?.(outcome);
  };

  /** One attempt at a row; throws Transient when it must be tried again. */
  const attempt = async (row: CsvRow): Promise<void> => {
    const username = row.values[USERNAME_COLUMN];
    let state = states.get(row.index);
    if (state?.outcome) return;

    if (state?.created === undefined) {
      if (state !== undefined) {
        // Sent before without an answer: ask the pool rather than send it again.
        const found = await getUser(username);
        if (found) {
          state.created = createdByRun(found, state.intentAt);
          state.sub = subOf(found);
          journal.created(run.id, row.index, state.created, state.sub);
        }
      }
      if (state?.created === undefined) {
        let password: string | undefined;
        if (input.temporaryPassword) {
          try {
            password = await input.temporaryPassword(row);
          } catch (err) {
            const reason = `no temporary password: ${(err as Error).message}`;
            if (state === undefined) {
              journal.failedUnsent(run.id, row.index, row.line, username, reason);
              state = { idx: row.index, line: row.line, username, intentAt: Date.now(), created: false };
              states.set(row.index, state);
              state.outcome = "failed";
              input.onSettled?.("failed");
            } else settle(state, "failed", reason);
            return;
          }
        }
        // A fresh intent: no earlier send of this row can still land (see UsernameExistsException).
        const fresh = state === undefined;
        if (state === undefined) {
          const intentAt = journal.intent(run.id, row.index, row.line, username);
          state = { idx: row.index, line: row.line, username, intentAt };
          states.set(row.index, state);
        }
        const attributes = input.attributesOf?.(row) ?? userAttributes(row, input.passwordColumn);
        const media = [
          ...(attributes.some((a) => a.Name === "email") ? ["EMAIL"] : []),
          ...(attributes.some((a) => a.Name === "phone_number") ? ["SMS"] : []),
        ];
        // Every send counts, the pacer's own retries after a throttle included: a first send that
        // landed but whose answer was lost (a dropped connection, then throttled SDK retries) must
        // not make a later UsernameExistsException look like a user that was there before the run.
        let sends = 0;
        try {
          const out = await pacer.run(categoryOf("AdminCreateUser"), () => {
            sends++;
            return call("AdminCreateUser", {
              UserPoolId: poolId,
              Username: username,
              UserAttributes: attributes,
              ...(password !== undefined ? { TemporaryPassword: password } : {}),
              ...(input.sendInvitations
                ? media.length
                  ? { DesiredDeliveryMediums: media }
                  : {}
                : { MessageAction: "SUPPRESS" }),
            });
          });
          state.created = true;
          state.sub = subOf(out.User);
        } catch (err) {
          if (
            codeOf(err) === "UsernameExistsException" &&
            fresh &&
            sends === 1 &&
            (err as ServiceError).retries === 0
          ) {
            // Refused on the row's only send ever: the user was there before this run.
            state.created = false;
          } else if (codeOf(err) === "UsernameExistsException") {
            // Refused on a retry: the first send may have landed before its connection dropped.
            const found = await getUser(username);
            if (!found) throw new Transient(new CliError(reasonOf(err), ExitCode.OTHER));
            state.created = createdByRun(found, state.intentAt);
            state.sub = subOf(found);
          } else if (isTransient(err)) throw new Transient(err as CliError);
          else if (isFatal(err)) throw err;
          // Not the service's answer (an unexpected failure on our side of the wire): the send may
          // have landed, so the row is asked again, which checks before it counts.
          else if (!(err instanceof ServiceError)) throw new Transient(err as CliError);
          else {
            journal.created(run.id, row.index, false, undefined);
            state.created = false;
            settle(state, "failed", reasonOf(err));
            return;
          }
        }
        journal.created(run.id, row.index, state.created, state.sub);
      }
    }

    if (!state.created) {
      settle(state, "skipped", "the user already exists");
      return;
    }
    const done = journal.steps(run.id, row.index);
    let failure: string | undefined;
    for (const step of (input.stepsOf ?? postSteps)(row, poolId, username)) {
      const known = done.get(step.name);
      if (known?.outcome === "done") continue;
      if (known?.outcome === "failed") {
        failure ??= `created, but ${step.operation} failed: ${known.reason}`;
        continue;
      }
      journal.stepIntent(run.id, row.index, step.name);
      try {
        await paced(step.operation, step.input);
        journal.stepOutcome(run.id, row.index, step.name, "done");
      } catch (err) {
        if (isTransient(err)) throw new Transient(err as CliError);
        if (isFatal(err)) throw err;
        // As for the creation: no answer from the service is no outcome (the steps are idempotent).
        if (!(err instanceof ServiceError)) throw new Transient(err as CliError);
        const reason = reasonOf(err);
        journal.stepOutcome(run.id, row.index, step.name, "failed", reason);
        failure ??= `created, but ${step.operation} failed: ${reason}`;
      }
    }
    settle(state, failure ? "failed" : "imported", failure);
  };

  let unsettled = 0;
  let lastError: CliError | undefined;
  const rowWithRetries = async (row: CsvRow) => {
    for (let n = 0; ; n++) {
      try {
        await attempt(row);
        return;
      } catch (err) {
        const cause = err instanceof Transient ? err.error : isTransient(err) ? (err as CliError) : undefined;
        if (!cause) throw err;
        if (n + 1 >= ROW_ATTEMPTS) {
          unsettled++;
          lastError = cause;
          return;
        }
        await sleep(backoff(n));
      }
    }
  };

  const iterator = input.rows[Symbol.asyncIterator]();
  let stop: unknown;
  const worker = async () => {
    while (stop === undefined) {
      const next = await iterator.next();
      if (next.done) return;
      const row = next.value;
      if (row.problems.length > 0) continue;
      try {
        await rowWithRetries(row);
      } catch (err) {
        stop ??= err;
      }
    }
  };
  if (input.concurrency < 1) throw new UsageError("--concurrency must be at least 1.");
  await Promise.all(Array.from({ length: input.concurrency }, worker));
  if (stop !== undefined) {
    await iterator.return?.();
    throw stop;
  }
  return { unsettled, lastError };
}
