// The one parser of `--quotas` / COGCTL_LOCAL_QUOTAS and `--faults` / COGCTL_LOCAL_FAULTS. The CLI
// passes the strings as written and where they came from; a bad one is a LimitsSpecError naming that
// source, the bad part and what would be valid (the CLI maps it to exit 252).
import { QUOTA_CATEGORIES, type QuotaCategory } from "../../cognito/quotas.js";
import type { FaultRates } from "./faults.js";
import { LimitsSpecError } from "./limits-error.js";
import { type QuotaRates, quotaRates } from "./quota-gate.js";

export { LimitsSpecError };

/** Where a spec came from, for messages: `--quotas`, `COGCTL_LOCAL_FAULTS`, ... */
export type SpecSource = string;

const NUMBER = /^(?:\d+(?:\.\d*)?|\.\d+)$/;

/**
 * `default` (Cognito's default quotas, COGNITO-FACTS §11) or `Category=N,...` (requests a second;
 * the categories not named keep their default). 0 throttles every request of a category.
 */
export function parseQuotas(spec: string, source: SpecSource): QuotaRates {
  const text = spec.trim();
  if (text === "default") return quotaRates();
  const overrides: Partial<QuotaRates> = {};
  const valid = `Valid categories: ${QUOTA_CATEGORIES.join(", ")}.`;
  for (const part of splitList(text, source, "default or Category=N,... like UserCreation=20,UserList=10")) {
    const [name, value, extra] = part.split("=");
    if (!(QUOTA_CATEGORIES as string[]).includes(name)) {
      throw new LimitsSpecError(`${source}: unknown quota category '${name}' in '${part}'. ${valid}`);
    }
    if (value === undefined || extra !== undefined || !NUMBER.test(value)) {
      throw new LimitsSpecError(
        `${source}: '${part}' needs a number of requests per second, like ${name}=20 (0 refuses every request).`,
      );
    }
    overrides[name as QuotaCategory] = Number(value);
  }
  return quotaRates(overrides);
}

const FAULT_KEYS = ["throttle", "error", "reset", "after", "seed"] as const;

/**
 * `throttle=P,error=P,reset=P[,after=P][,seed=N]`: the probability of each fault per request (each
 * 0 to 1, together at most 1), the share of error and reset faults that come after the operation was
 * applied (default 0.5), and the seed (default: a random one, which the endpoint reports).
 */
export function parseFaults(spec: string, source: SpecSource, randomSeed: () => number): FaultRates {
  const rates: FaultRates = { throttle: 0, error: 0, reset: 0, after: 0.5, seed: Number.NaN };
  const seen = new Set<string>();
  const example = "throttle=0.05,error=0.02,reset=0.01,seed=7";
  for (const part of splitList(spec.trim(), source, example)) {
    const [key, value, extra] = part.split("=");
    if (!(FAULT_KEYS as readonly string[]).includes(key)) {
      throw new LimitsSpecError(
        `${source}: unknown fault '${key}' in '${part}'. Valid names: ${FAULT_KEYS.join(", ")} (like ${example}).`,
      );
    }
    if (seen.has(key)) throw new LimitsSpecError(`${source}: '${key}' is given twice.`);
    seen.add(key);
    if (value === undefined || extra !== undefined) {
      throw new LimitsSpecError(
        `${source}: '${part}' needs a value, like ${key}=${key === "seed" ? 7 : 0.05}.`,
      );
    }
    if (key === "seed") {
      if (!/^\d+$/.test(value) || Number(value) > 0xffffffff) {
        throw new LimitsSpecError(
          `${source}: seed must be a whole number from 0 to 4294967295; got '${value}'.`,
        );
      }
      rates.seed = Number(value);
      continue;
    }
    if (!NUMBER.test(value) || Number(value) > 1) {
      throw new LimitsSpecError(
        `${source}: ${key} must be a probability from 0 to 1, like ${key}=0.05; got '${value}'.`,
      );
    }
    rates[key as Exclude<(typeof FAULT_KEYS)[number], "seed">] = Number(value);
  }
  if (rates.throttle + rates.error + rates.reset > 1 + 1e-9) {
    throw new LimitsSpecError(
      `${source}: throttle + error + reset must be at most 1; got ${rates.throttle + rates.error + rates.reset}.`,
    );
  }
  if (Number.isNaN(rates.seed)) rates.seed = randomSeed() >>> 0;
  return rates;
}

function splitList(text: string, source: SpecSource, example: string): string[] {
  const parts = text.split(",").map((p) => p.trim());
  if (text === "" || parts.some((p) => p === "")) {
    throw new LimitsSpecError(`${source}: expected ${example}; got '${text}'.`);
  }
  return parts;
}
