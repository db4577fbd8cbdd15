// `local serve --faults`: injected failures on Cognito operations, for testing clients' retries and
// exactly-once logic. Each request the endpoint receives for a Cognito operation gets a number
// (1, 2, 3, ... per endpoint, that is per `local serve` process or per `--local` command), and its
// fault is a pure function of (seed, number): the same seed gives the same fault at the same request
// number, whatever happened before it.
//
// How a request's fault is chosen: a first uniform draw u picks the kind by the rates in order,
// throttle in [0, throttle), error in [throttle, throttle + error), reset in the next `reset`, none
// above. Throttling always comes before the operation runs (Cognito refuses at the door, and clients
// rightly take TooManyRequestsException to mean "not done"). For error and reset a second draw picks
// when: after the operation was applied with probability `after` (default 0.5, i.e. half of each),
// else before it. After is the nasty case: the write happened and the client heard a 500, or nothing.
//
// Hand-written: what is needed is a stateless hash of (seed, n) to [0, 1), a few lines; seeded PRNG
// packages are sequential generators, whose draws would shift with every earlier request.

export type FaultKind = "throttle" | "error" | "reset";
export type FaultTiming = "before" | "after";

export interface Fault {
  kind: FaultKind;
  when: FaultTiming;
}

export interface FaultRates {
  throttle: number;
  error: number;
  reset: number;
  /** The share of error and reset faults that come after the operation was applied. */
  after: number;
  seed: number;
}

export class FaultPlan {
  constructor(readonly rates: FaultRates) {}

  /** The fault for request number n (1-based), or undefined for none. */
  at(n: number): Fault | undefined {
    const { throttle, error, reset, after, seed } = this.rates;
    const u = unit(seed, 2 * n);
    if (u < throttle) return { kind: "throttle", when: "before" };
    const when: FaultTiming = unit(seed, 2 * n + 1) < after ? "after" : "before";
    if (u < throttle + error) return { kind: "error", when };
    if (u < throttle + error + reset) return { kind: "reset", when };
    return undefined;
  }

  /** The spec that reproduces this plan, seed included (for the start-up notice). */
  describe(): string {
    const { throttle, error, reset, after, seed } = this.rates;
    return `throttle=${throttle},error=${error},reset=${reset},after=${after},seed=${seed}`;
  }
}

/** A uniform draw in [0, 1) from (seed, i): mulberry32's output mix over a key built from both. */
export function unit(seed: number, i: number): number {
  let a = (Math.imul(i, 0x9e3779b1) ^ seed) >>> 0;
  a = (a + 0x6d2b79f5) | 0;
  let t = Math.imul(a ^ (a >>> 15), 1 | a);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
