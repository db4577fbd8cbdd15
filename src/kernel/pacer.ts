// Keeps a process under Cognito's request quotas (COGNITO-FACTS §11): one token bucket per quota
// category, shared by every call in the process, that halves its rate on repeated
// TooManyRequestsException, backs off with jitter and retries, then climbs back slowly. Bulk verbs
// and listings call through it so a thousand-user run is throttled by us, not refused by the service.
// Hand-written: the token-bucket libraries on npm neither know Cognito's categories nor adapt to
// throttling, and the algorithm is a few lines.
import { AsyncLocalStorage } from "node:async_hooks";
import { operationCategory, QUOTAS, type QuotaCategory } from "../cognito/quotas.js";
import type { CognitoCall } from "./cognito-call.js";

export { QUOTAS, type QuotaCategory };

/** The quota category an operation counts against (unlisted operations: the pool-read quota, the tightest common one). */
export function categoryOf(operation: string): QuotaCategory {
  return operationCategory(operation) ?? "UserPoolRead";
}

export interface PacerOptions {
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Retries after TooManyRequestsException before giving up (the error is then thrown). */
  maxRetries?: number;
  /** Overrides the default quotas (tests; accounts with raised quotas). */
  quotas?: Partial<Record<QuotaCategory, number>>;
  /**
   * No pace until the endpoint throttles (then Cognito's quota, halved as throttles repeat): for
   * endpoints that are not AWS (--local, moto, LocalStack), which have no quotas to keep to.
   */
  unmetered?: boolean;
  /**
   * Requests a bucket may hold for a burst (default: one second's worth, the quota). A long run at the
   * quota itself (users import) holds 1: a burst would drain the service's own bucket, and then every
   * request that arrives a little early is throttled; sent evenly, the service's bucket stays full and
   * absorbs the jitter.
   */
  burst?: number;
}

interface Bucket {
  category: QuotaCategory;
  quota: number;
  rate: number;
  tokens: number;
  updated: number;
  lastThrottle: number;
  lastHalving: number;
  lastRaise: number;
}

/**
 * How close two throttles must come for the second to halve the rate. A throttle reaches the pacer
 * only after the SDK's own retries were refused too (three refusals in a row); a lone one happens by
 * chance under noise (another client, a fault): about once in 3,000 rows under 8% faults, and halving
 * for it cost a 2,000-row import 4 s at a lower rate (97% → 90-94% of --rate). Over the quota they
 * come many a second, so the second one, a moment later, still halves.
 */
const REPEATED_THROTTLE_MS = 2000;

/** Whether an error (cogctl's or the SDK's) is Cognito refusing a request over its quota. */
export const isThrottle = (err: unknown) => {
  const e = err as { code?: string; name?: string } | undefined;
  return e?.code === "TooManyRequestsException" || e?.name === "TooManyRequestsException";
};

/** What a call inside Pacer.run is paced by: the SDK's retries within it are paced the same way. */
export interface Pace {
  pacer: Pacer;
  category: QuotaCategory;
}

const runningPace = new AsyncLocalStorage<Pace>();

/** The pace of the call running now; undefined outside Pacer.run (see paced-retries.ts). */
export function currentPace(): Pace | undefined {
  return runningPace.getStore();
}

export class Pacer {
  private readonly buckets = new Map<QuotaCategory, Bucket>();
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly maxRetries: number;
  private readonly quotas: Partial<Record<QuotaCategory, number>>;
  private readonly unmetered: boolean;
  private readonly burst: number | undefined;

  constructor(opts: PacerOptions = {}) {
    this.now = opts.now ?? (() => performance.now());
    this.sleep = opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.random = opts.random ?? Math.random;
    this.maxRetries = opts.maxRetries ?? 6;
    this.quotas = opts.quotas ?? {};
    this.unmetered = opts.unmetered ?? false;
    this.burst = opts.burst;
  }

  /** The current rate of a category (requests per second). */
  rate(category: QuotaCategory): number {
    return this.bucket(category).rate;
  }

  private bucket(category: QuotaCategory): Bucket {
    let b = this.buckets.get(category);
    if (!b) {
      const quota = this.unmetered ? Number.POSITIVE_INFINITY : (this.quotas[category] ?? QUOTAS[category]);
      const t = this.now();
      const tokens = Math.min(quota, this.burst ?? quota);
      b = {
        category,
        quota,
        rate: quota,
        tokens,
        updated: t,
        lastThrottle: -Infinity,
        lastHalving: -Infinity,
        lastRaise: t,
      };
      this.buckets.set(category, b);
    }
    return b;
  }

  /** Waits for a token. Tokens may go negative: concurrent callers queue behind each other. */
  async acquire(category: QuotaCategory): Promise<void> {
    const b = this.bucket(category);
    const t = this.now();
    // Capacity of one second's worth at the current rate: bursts stay within the quota.
    b.tokens = Math.min(this.burst ?? b.rate, b.rate, b.tokens + ((t - b.updated) / 1000) * b.rate);
    b.updated = t;
    b.tokens -= 1;
    if (!Number.isFinite(b.rate)) return;
    if (b.tokens < 0) await this.sleep((-b.tokens / b.rate) * 1000);
  }

  /** Runs fn under the category's pace, retrying throttled calls with a slower rate. */
  async run<T>(category: QuotaCategory, fn: () => Promise<T>): Promise<T> {
    const b = this.bucket(category);
    for (let attempt = 0; ; attempt++) {
      await this.acquire(category);
      const sentAt = this.now();
      try {
        const result = await runningPace.run({ pacer: this, category }, fn);
        this.recover(b);
        return result;
      } catch (err) {
        if (!isThrottle(err) || attempt >= this.maxRetries) throw err;
        // An unmetered endpoint that throttles gets metered from then on, from Cognito's quota.
        if (!Number.isFinite(b.rate)) b.quota = b.rate = this.quotas[b.category] ?? QUOTAS[b.category];
        const t = this.now();
        // Halved when throttles repeat, once per excess: requests sent before the last halving report
        // the same one (a retry sent after it, throttled again, halves again).
        if (t - b.lastThrottle < REPEATED_THROTTLE_MS && sentAt >= b.lastHalving) {
          b.rate = Math.max(0.5, b.rate / 2);
          b.lastHalving = t;
        }
        b.tokens = Math.min(b.tokens, 0);
        b.lastThrottle = t;
        // Full jitter (AWS architecture blog): a random wait up to an exponential ceiling.
        await this.sleep(this.random() * Math.min(20_000, 100 * 2 ** attempt));
      }
    }
  }

  /** Additive increase: a tenth of the quota per quiet second, never above the quota. */
  private recover(b: Bucket): void {
    if (b.rate >= b.quota) return;
    const t = this.now();
    // Once a second, unless throttled in the last 200 ms: a rare throttle (another client, an
    // injected fault) must not keep the rate down for good by never leaving a quiet second.
    if (t - b.lastThrottle < 200 || t - b.lastRaise < 1000) return;
    b.rate = Math.min(b.quota, b.rate + b.quota / 10);
    b.lastRaise = t;
  }
}

/** The pacer every call of this process to AWS shares. */
export const processPacer = new Pacer();
/** The pacer for endpoints without quotas (--local, --endpoint-url): free until throttled. */
export const unmeteredPacer = new Pacer({ unmetered: true });

/** A CognitoCall whose every request goes through the pacer under its operation's category. */
export function pacedCall(call: CognitoCall, pacer: Pacer = processPacer): CognitoCall {
  return (operation, input) => pacer.run(categoryOf(operation), () => call(operation, input));
}
