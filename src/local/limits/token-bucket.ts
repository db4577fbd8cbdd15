// A token bucket on an injected clock: `rate` tokens a second, holding at most one second's worth, so
// a burst of `rate` requests passes at once and then one every 1/rate seconds. Hand-written: the npm
// limiters wait (we must refuse at once, as Cognito does) or read the wall clock (tests must not).
export type Milliseconds = () => number;

export class TokenBucket {
  private tokens: number;
  private updated: number;

  constructor(
    readonly rate: number,
    private readonly now: Milliseconds,
  ) {
    this.tokens = rate;
    this.updated = now();
  }

  /** Takes a token if there is one; false (and nothing taken) when the bucket is empty. */
  take(): boolean {
    this.refill();
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Whole tokens available now (tests, logs). */
  available(): number {
    this.refill();
    return Math.floor(this.tokens);
  }

  private refill(): void {
    const t = this.now();
    // A clock that steps back (a test's, or NTP) adds nothing rather than draining the bucket.
    if (t > this.updated)
      this.tokens = Math.min(this.rate, this.tokens + ((t - this.updated) / 1000) * this.rate);
    this.updated = Math.max(t, this.updated);
  }
}
