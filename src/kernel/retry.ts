// Asking again after a failure that may pass: the one definition of "transient" and of the wait
// between tries, for the bulk work (import, export, copy, undo) that must outlast what the SDK's own
// retries (3 attempts) ride out. The pacer (pacer.ts) handles throttling of paced calls itself;
// this is for what is left after it.
import type { CognitoCall } from "./cognito-call.js";
import { NetworkError, ServiceError } from "./errors.js";

const TRANSIENT_CODES = new Set([
  "TooManyRequestsException",
  "InternalErrorException",
  "ServiceUnavailable",
  "ThrottlingException",
]);

/** Throttling, a server fault, or no readable answer: worth another try later (never a bad request). */
export function isTransient(err: unknown): boolean {
  if (err instanceof ServiceError) return /^5\d\d$/.test(err.code) || TRANSIENT_CODES.has(err.code);
  return err instanceof NetworkError;
}

export interface Backoff {
  /** The first wait's ceiling, doubled each try. */
  baseMs: number;
  /** The most any wait can be. */
  capMs: number;
}

/**
 * "Full jitter" (a random wait up to base x 2^attempt, capped): many workers that failed together
 * do not come back together and throttle each other again.
 */
export function backoffMs(attempt: number, { baseMs, capMs }: Backoff): number {
  return Math.random() * Math.min(capMs, baseMs * 2 ** attempt);
}

/** Between tries of one row of bulk work (import, undo): up to 10 s, so a throttled run spreads out. */
export const ROW_BACKOFF: Backoff = { baseMs: 500, capMs: 10_000 };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** fn, tried up to `attempts` times in all while it fails transiently; any other error at once. */
export async function withRetries<T>(
  fn: () => Promise<T>,
  attempts: number,
  backoff: Backoff = { baseMs: 250, capMs: 5000 },
): Promise<T> {
  for (let n = 0; ; n++) {
    try {
      return await fn();
    } catch (err) {
      if (!isTransient(err) || n + 1 >= attempts) throw err;
      await sleep(backoffMs(n, backoff));
    }
  }
}

/** A call that tries each request up to `attempts` times (reads and idempotent writes only). */
export function retryingCall(call: CognitoCall, attempts = 5): CognitoCall {
  return (operation, input) => withRetries(() => call(operation, input), attempts);
}
