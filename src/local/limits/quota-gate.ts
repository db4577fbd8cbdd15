// `local serve --quotas`: Cognito's per-category request rates (src/cognito/quotas.ts), enforced the
// way the service states them: one bucket per category for the whole endpoint (AWS meters the account
// and Region, across all its user pools), and RespondToAuthChallenge / AdminRespondToAuthChallenge
// first from their own allowance of three times UserAuthentication, then from UserAuthentication.
// Not modelled: the 5/s per-pool limit of the pool-resource and pool-client categories and the
// per-user 10 reads / 10 writes a second.
import {
  CHALLENGE_RESPONSE_MULTIPLIER,
  CHALLENGE_RESPONSE_OPERATIONS,
  operationCategory,
  QUOTAS,
  type QuotaCategory,
} from "../../cognito/quotas.js";
import { type Milliseconds, TokenBucket } from "./token-bucket.js";

export type QuotaRates = Record<QuotaCategory, number>;

export interface QuotaVerdict {
  /** The category that refused the request; undefined when it may go on. */
  throttledBy?: QuotaCategory;
}

export class QuotaGate {
  private readonly buckets = new Map<QuotaCategory, TokenBucket>();
  private readonly challengeBucket: TokenBucket;

  constructor(
    readonly rates: QuotaRates,
    now: Milliseconds,
  ) {
    for (const [category, rate] of Object.entries(rates))
      this.buckets.set(category as QuotaCategory, new TokenBucket(rate, now));
    this.challengeBucket = new TokenBucket(rates.UserAuthentication * CHALLENGE_RESPONSE_MULTIPLIER, now);
  }

  /** Counts one request of the operation; says which category refused it, if one did. */
  admit(operation: string): QuotaVerdict {
    const category = operationCategory(operation);
    // Outside the table (the provisioned-limit operations): not metered.
    if (!category) return {};
    if (CHALLENGE_RESPONSE_OPERATIONS.includes(operation) && this.challengeBucket.take()) return {};
    return this.buckets.get(category)?.take() ? {} : { throttledBy: category };
  }
}

/** Cognito's default quotas with some categories overridden. */
export function quotaRates(overrides: Partial<QuotaRates> = {}): QuotaRates {
  return { ...QUOTAS, ...overrides };
}
