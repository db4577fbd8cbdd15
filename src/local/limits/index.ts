// What `--quotas` and `--faults` (or COGCTL_LOCAL_QUOTAS / COGCTL_LOCAL_FAULTS) make of the endpoint:
// each Cognito operation request gets a number, a quota verdict and maybe a fault. Only Cognito
// operations (X-Amz-Target AWSCognitoIdentityProviderService.*) pass through here: the presigned
// import upload (PUT), the CloudWatch Logs targets (Logs_20140328.*), /health and the well-known
// documents are never throttled or failed, so a test of a client's Cognito calls is not also a test
// of its upload or log reading (and `users import --via job` reads its logs reliably).
import { randomInt } from "node:crypto";
import type { QuotaCategory } from "../../cognito/quotas.js";
import { type Fault, FaultPlan } from "./faults.js";
import { QuotaGate } from "./quota-gate.js";
import { parseFaults, parseQuotas } from "./spec.js";
import type { Milliseconds } from "./token-bucket.js";

export { LimitsSpecError } from "./limits-error.js";

export interface LimitSettings {
  /** `--quotas` as written; undefined or "" for none, "default" for Cognito's default quotas. */
  quotas?: string;
  /** `--faults` as written; undefined or "" for none. */
  faults?: string;
  /** What to name when a spec is bad (default `--quotas` / `--faults`). */
  quotasSource?: string;
  faultsSource?: string;
  /** Milliseconds for the quota buckets (tests inject one). */
  now?: Milliseconds;
  /** The seed when the fault spec gives none. */
  randomSeed?: () => number;
}

export interface RequestVerdict {
  /** This request's number among the endpoint's Cognito requests (1-based). */
  number: number;
  /** Refused by this quota category (TooManyRequestsException before anything runs). */
  throttledBy?: QuotaCategory;
  /** The injected fault: a throttle whatever the quotas, an error or reset when they let the request in. */
  fault?: Fault;
}

export class EndpointLimits {
  private count = 0;

  private constructor(
    readonly quotas: QuotaGate | undefined,
    readonly faults: FaultPlan | undefined,
    /** The fault spec named no seed, so one was drawn: it must be reported for a rerun to repeat. */
    readonly seedDrawn: boolean,
  ) {}

  /** Parses the settings (throwing LimitsSpecError on a bad one); undefined when neither is on. */
  static from(settings: LimitSettings = {}): EndpointLimits | undefined {
    const now = settings.now ?? (() => performance.now());
    const quotas = settings.quotas
      ? new QuotaGate(parseQuotas(settings.quotas, settings.quotasSource ?? "--quotas"), now)
      : undefined;
    const faults = settings.faults
      ? new FaultPlan(
          parseFaults(
            settings.faults,
            settings.faultsSource ?? "--faults",
            settings.randomSeed ?? (() => randomInt(0, 2 ** 32 - 1)),
          ),
        )
      : undefined;
    const seedDrawn = faults !== undefined && !/(^|,)\s*seed\s*=/.test(settings.faults ?? "");
    return quotas || faults ? new EndpointLimits(quotas, faults, seedDrawn) : undefined;
  }

  /**
   * Numbers one Cognito request and says what happens to it. An injected throttle is decided first and
   * takes no quota token: Cognito answers TooManyRequestsException when the bucket is empty, so a
   * refused request never uses up any of the quota (a client that retries it at once is within its
   * rate). Errors and resets come after the quota, which the request did use.
   */
  admit(operation: string): RequestVerdict {
    const number = ++this.count;
    const fault = this.faults?.at(number);
    if (fault?.kind === "throttle") return { number, fault };
    const throttledBy = this.quotas?.admit(operation).throttledBy;
    if (throttledBy) return { number, throttledBy };
    return { number, fault };
  }

  /** One line per setting, for the start-up notice (the fault line carries its seed). */
  describe(): string[] {
    const lines: string[] = [];
    if (this.quotas) {
      const r = this.quotas.rates;
      lines.push(
        `Enforcing Cognito request quotas per second: ${Object.entries(r)
          .map(([c, n]) => `${c}=${n}`)
          .join(",")}`,
      );
    }
    if (this.faults) lines.push(`Injecting faults on Cognito operations: ${this.faults.describe()}`);
    return lines;
  }
}
