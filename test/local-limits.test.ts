// `local serve --quotas` / `--faults` below the transports: the token bucket on a fake clock, the
// per-category gate (with the challenge-response allowance), the seeded fault plan, the spec parser's
// messages, the quota table against every SDK operation, and LocalEndpoint.handle() answering as
// Cognito does (status, __type, message, x-amzn-ErrorType) with the write applied or not.
import { describe, expect, it } from "vitest";
import { loadIndex } from "../src/cognito/catalog.js";
import {
  CATEGORY_OPERATIONS,
  operationCategory,
  QUOTA_CATEGORIES,
  QUOTAS,
  UNCATEGORISED_OPERATIONS,
} from "../src/cognito/quotas.js";
import { categoryOf } from "../src/kernel/pacer.js";
import { LocalEndpoint, TARGET_PREFIX, type WireResponse } from "../src/local/endpoint.js";
import { FaultPlan, type FaultRates } from "../src/local/limits/faults.js";
import { EndpointLimits, LimitsSpecError } from "../src/local/limits/index.js";
import { QuotaGate, quotaRates } from "../src/local/limits/quota-gate.js";
import { parseFaults, parseQuotas } from "../src/local/limits/spec.js";
import { TokenBucket } from "../src/local/limits/token-bucket.js";

function fakeClock() {
  let t = 1_000;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe("TokenBucket", () => {
  it("lets a second's worth through at once, then one per 1/rate seconds, never more than a second's worth", () => {
    const clock = fakeClock();
    const bucket = new TokenBucket(5, clock.now);
    expect(Array.from({ length: 7 }, () => bucket.take())).toEqual([
      true,
      true,
      true,
      true,
      true,
      false,
      false,
    ]);
    clock.advance(199);
    expect(bucket.take()).toBe(false);
    clock.advance(1);
    expect(bucket.take()).toBe(true);
    expect(bucket.take()).toBe(false);
    clock.advance(60_000); // a quiet minute refills to the cap, not to 300
    expect(bucket.available()).toBe(5);
  });

  it("refuses everything at rate 0 and survives a clock that steps back", () => {
    const clock = fakeClock();
    const zero = new TokenBucket(0, clock.now);
    clock.advance(10_000);
    expect(zero.take()).toBe(false);
    const bucket = new TokenBucket(2, clock.now);
    bucket.take();
    bucket.take();
    clock.advance(-5_000);
    expect(bucket.take()).toBe(false);
    clock.advance(5_500); // back to where it was, plus half a second: one token
    expect(bucket.take()).toBe(true);
  });
});

describe("QuotaGate", () => {
  it("meters each category apart, account-wide, and leaves uncategorised operations alone", () => {
    const clock = fakeClock();
    const gate = new QuotaGate(quotaRates({ UserCreation: 2, UserList: 1 }), clock.now);
    expect(gate.admit("AdminCreateUser")).toEqual({});
    expect(gate.admit("SignUp")).toEqual({}); // same category, another operation
    expect(gate.admit("AdminConfirmSignUp")).toEqual({ throttledBy: "UserCreation" });
    expect(gate.admit("ListUsers")).toEqual({});
    expect(gate.admit("ListUsersInGroup")).toEqual({ throttledBy: "UserList" });
    expect(gate.admit("AdminGetUser")).toEqual({}); // UserRead untouched
    for (let i = 0; i < 100; i++) expect(gate.admit("GetProvisionedLimit")).toEqual({});
  });

  it("gives RespondToAuthChallenge three times UserAuthentication, then takes from UserAuthentication", () => {
    const clock = fakeClock();
    const gate = new QuotaGate(quotaRates({ UserAuthentication: 2 }), clock.now);
    for (let i = 0; i < 6; i++) expect(gate.admit("RespondToAuthChallenge")).toEqual({});
    // The separate allowance (6) is spent: the next ones count against UserAuthentication (2).
    expect(gate.admit("AdminRespondToAuthChallenge")).toEqual({});
    expect(gate.admit("InitiateAuth")).toEqual({});
    expect(gate.admit("InitiateAuth")).toEqual({ throttledBy: "UserAuthentication" });
    expect(gate.admit("RespondToAuthChallenge")).toEqual({ throttledBy: "UserAuthentication" });
  });
});

describe("the quota table", () => {
  const sdkOperations = loadIndex().operations.map((o) => o.name);

  it("puts every operation of the pinned SDK in exactly one category, or names it uncategorised", () => {
    const listed = Object.values(CATEGORY_OPERATIONS).flat();
    const unplaced = sdkOperations.filter(
      (op) => operationCategory(op) === undefined && !UNCATEGORISED_OPERATIONS.includes(op),
    );
    expect(unplaced).toEqual([]);
    expect(listed.filter((op, i) => listed.indexOf(op) !== i)).toEqual([]);
    expect(listed.filter((op) => !sdkOperations.includes(op))).toEqual([]);
  });

  it("places the operations COGNITO-FACTS names where the facts say, and the pacer reads the same table", () => {
    expect(operationCategory("AdminCreateUser")).toBe("UserCreation");
    expect(operationCategory("ListUsersInGroup")).toBe("UserList");
    expect(operationCategory("AdminAddUserToGroup")).toBe("UserResourceUpdate");
    expect(operationCategory("AdminDisableUser")).toBe("UserUpdate");
    expect(operationCategory("AdminUpdateUserAttributes")).toBe("UserUpdate");
    expect(operationCategory("AdminListGroupsForUser")).toBe("UserResourceRead");
    expect(operationCategory("CreateGroup")).toBe("UserPoolResourceUpdate");
    expect(QUOTAS.UserCreation).toBe(50);
    for (const op of sdkOperations) {
      expect(categoryOf(op)).toBe(operationCategory(op) ?? "UserPoolRead");
    }
  });
});

describe("FaultPlan", () => {
  const rates: FaultRates = { throttle: 0.05, error: 0.02, reset: 0.01, after: 0.5, seed: 42 };

  it("gives request n the same fault for the same seed, whatever order it is asked in", () => {
    const a = new FaultPlan(rates);
    const b = new FaultPlan(rates);
    const forward = Array.from({ length: 500 }, (_, i) => a.at(i + 1));
    const backward = Array.from({ length: 500 }, (_, i) => b.at(500 - i)).reverse();
    expect(backward).toEqual(forward);
    const other = new FaultPlan({ ...rates, seed: 43 });
    expect(Array.from({ length: 500 }, (_, i) => other.at(i + 1))).not.toEqual(forward);
  });

  it("injects each kind at its rate, throttles only before, errors and resets half before and half after", () => {
    const plan = new FaultPlan({ ...rates, throttle: 0.1, error: 0.1, reset: 0.1 });
    const n = 20_000;
    const count: Record<string, number> = {};
    for (let i = 1; i <= n; i++) {
      const f = plan.at(i);
      const key = f ? `${f.kind}-${f.when}` : "none";
      count[key] = (count[key] ?? 0) + 1;
    }
    expect(count["throttle-after"]).toBeUndefined();
    expect(count["throttle-before"] / n).toBeCloseTo(0.1, 1);
    for (const kind of ["error", "reset"]) {
      expect(count[`${kind}-before`] / n).toBeCloseTo(0.05, 1);
      expect(count[`${kind}-after`] / n).toBeCloseTo(0.05, 1);
    }
    expect(count.none / n).toBeCloseTo(0.7, 1);
  });

  it("puts every error and reset after the operation with after=1, none with all rates 0", () => {
    const after = new FaultPlan({ ...rates, error: 0.5, reset: 0.5, throttle: 0, after: 1 });
    for (let i = 1; i <= 200; i++) expect(after.at(i)?.when).toBe("after");
    const none = new FaultPlan({ ...rates, throttle: 0, error: 0, reset: 0 });
    for (let i = 1; i <= 200; i++) expect(none.at(i)).toBeUndefined();
  });
});

describe("spec parsing", () => {
  const bad = (f: () => unknown) => {
    try {
      f();
    } catch (err) {
      expect(err).toBeInstanceOf(LimitsSpecError);
      return (err as Error).message;
    }
    throw new Error("expected a LimitsSpecError");
  };

  it("reads default and category overrides", () => {
    expect(parseQuotas("default", "--quotas")).toEqual(QUOTAS);
    const r = parseQuotas("UserCreation=20, UserList=10,UserRead=0.5", "--quotas");
    expect(r).toEqual({ ...QUOTAS, UserCreation: 20, UserList: 10, UserRead: 0.5 });
  });

  it("names the source, the bad part and the valid names", () => {
    const unknown = bad(() => parseQuotas("UserCreation=20,UserMake=3", "--quotas"));
    expect(unknown).toContain("--quotas");
    expect(unknown).toContain("'UserMake'");
    for (const c of QUOTA_CATEGORIES) expect(unknown).toContain(c);
    expect(bad(() => parseQuotas("UserCreation=fast", "COGCTL_LOCAL_QUOTAS"))).toMatch(
      /^COGCTL_LOCAL_QUOTAS: 'UserCreation=fast' needs a number/,
    );
    expect(bad(() => parseQuotas("UserCreation=-1", "--quotas"))).toContain("'UserCreation=-1'");
    expect(bad(() => parseQuotas("UserCreation=1,", "--quotas"))).toContain("--quotas: expected");
  });

  it("reads faults with defaults, and refuses what would be ambiguous", () => {
    expect(parseFaults("throttle=0.05,error=0.02,reset=0.01,seed=7", "--faults", () => 1)).toEqual({
      throttle: 0.05,
      error: 0.02,
      reset: 0.01,
      after: 0.5,
      seed: 7,
    });
    expect(parseFaults("reset=0.1", "--faults", () => 99).seed).toBe(99);
    const unknown = bad(() => parseFaults("throttle=0.1,drop=0.1", "COGCTL_LOCAL_FAULTS", () => 1));
    expect(unknown).toContain("COGCTL_LOCAL_FAULTS");
    expect(unknown).toContain("'drop'");
    expect(unknown).toContain("throttle, error, reset, after, seed");
    expect(bad(() => parseFaults("throttle=1.5", "--faults", () => 1))).toContain("from 0 to 1");
    expect(bad(() => parseFaults("throttle=0.6,error=0.6", "--faults", () => 1))).toContain("at most 1");
    expect(bad(() => parseFaults("seed=-3", "--faults", () => 1))).toContain("seed must be a whole number");
    expect(bad(() => parseFaults("error=0.1,error=0.2", "--faults", () => 1))).toContain("given twice");
  });

  it("turns nothing on for an absent or empty value", () => {
    expect(EndpointLimits.from({})).toBeUndefined();
    expect(EndpointLimits.from({ quotas: "", faults: "" })).toBeUndefined();
    expect(EndpointLimits.from({ faults: "reset=0.1", randomSeed: () => 5 })?.describe()).toEqual([
      "Injecting faults on Cognito operations: throttle=0,error=0,reset=0.1,after=0.5,seed=5",
    ]);
  });
});

describe("EndpointLimits", () => {
  it("decides an injected throttle before the quotas and takes no quota token for it", () => {
    // A seed whose first three requests are throttled, then three without a fault.
    const rates = { throttle: 0.5, error: 0, reset: 0, after: 0.5 };
    let seed = 0;
    const pattern = (s: number) =>
      [1, 2, 3, 4, 5, 6].map((n) => new FaultPlan({ ...rates, seed: s }).at(n)?.kind);
    const wanted = ["throttle", "throttle", "throttle", undefined, undefined, undefined];
    while (seed < 100_000 && pattern(seed).some((k, i) => k !== wanted[i])) seed++;
    expect(pattern(seed)).toEqual(wanted);
    const clock = fakeClock();
    const limits = EndpointLimits.from({
      quotas: "UserCreation=2",
      faults: `throttle=0.5,seed=${seed}`,
      now: clock.now,
    });
    const verdicts = [1, 2, 3, 4, 5, 6].map(() => limits?.admit("AdminCreateUser"));
    expect(verdicts.map((v) => v?.number)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(verdicts.slice(0, 3).map((v) => v?.fault?.kind)).toEqual(["throttle", "throttle", "throttle"]);
    expect(verdicts.slice(0, 3).every((v) => v?.throttledBy === undefined)).toBe(true);
    // The bucket of 2 is whole after three injected throttles: requests 4 and 5 pass, 6 is the quota's.
    expect(verdicts.slice(3).map((v) => v?.throttledBy)).toEqual([undefined, undefined, "UserCreation"]);
  });
});

describe("LocalEndpoint with limits", () => {
  const call = (endpoint: LocalEndpoint, op: string, input: unknown = {}) =>
    endpoint.handle({ target: `${TARGET_PREFIX}${op}`, body: JSON.stringify(input), headers: {} });
  const errorOf = (res: WireResponse) => JSON.parse(res.body) as { __type: string; message: string };

  it("answers over-quota requests as Cognito does, and again once the bucket refills", async () => {
    const clock = fakeClock();
    const endpoint = await LocalEndpoint.open({
      region: "us-east-1",
      inMemory: true,
      limits: { quotas: "UserPoolUpdate=2", now: clock.now },
    });
    try {
      expect((await call(endpoint, "CreateUserPool", { PoolName: "a" })).status).toBe(200);
      expect((await call(endpoint, "CreateUserPool", { PoolName: "b" })).status).toBe(200);
      const refused = await call(endpoint, "CreateUserPool", { PoolName: "c" });
      expect(refused.status).toBe(400);
      expect(errorOf(refused)).toEqual({ __type: "TooManyRequestsException", message: "Rate exceeded" });
      expect(refused.headers["x-amzn-errortype"]).toMatch(/^TooManyRequestsException:/);
      expect(refused.headers["x-cogctl-quota"]).toBe("UserPoolUpdate");
      clock.advance(500);
      expect((await call(endpoint, "CreateUserPool", { PoolName: "d" })).status).toBe(200);
      const pools = JSON.parse((await call(endpoint, "ListUserPools", { MaxResults: 10 })).body);
      expect(pools.UserPools.map((p: { Name: string }) => p.Name).sort()).toEqual(["a", "b", "d"]);
      // Unknown operations are not Cognito requests: not metered, not numbered (nor are the
      // CloudWatch Logs operations the endpoint serves; PutLogEvents is not one of them).
      const unknown = await endpoint.handle({
        target: "Logs_20140328.PutLogEvents",
        body: "{}",
        headers: {},
      });
      expect(errorOf(unknown).__type).toBe("UnknownOperationException");
    } finally {
      endpoint.close();
    }
  });

  it("applies the operation before an 'after' fault and not before a 'before' one", async () => {
    const rates = { throttle: 0, error: 0.3, reset: 0.3, after: 0.5 };
    // A seed whose request 1 (CreateUserPool) has no fault and whose next requests show every case.
    let seed = 0;
    const kinds = (s: number) =>
      Array.from({ length: 12 }, (_, i) => new FaultPlan({ ...rates, seed: s }).at(i + 1));
    for (; seed < 10_000; seed++) {
      const k = kinds(seed);
      const seen = new Set(k.slice(1).map((f) => (f ? `${f.kind}-${f.when}` : "none")));
      if (!k[0] && ["error-before", "error-after", "reset-before", "reset-after"].every((x) => seen.has(x)))
        break;
    }
    expect(seed).toBeLessThan(10_000);
    const endpoint = await LocalEndpoint.open({
      region: "us-east-1",
      inMemory: true,
      limits: { faults: `error=0.3,reset=0.3,seed=${seed}` },
    });
    try {
      const pool = JSON.parse((await call(endpoint, "CreateUserPool", { PoolName: "p" })).body).UserPool.Id;
      const expected: string[] = [];
      const seen: string[] = [];
      kinds(seed).forEach((fault, i) => {
        if (i === 0) return;
        if (!fault || fault.when === "after") expected.push(`u${i}`);
      });
      for (let i = 1; i < 12; i++) {
        const res = await call(endpoint, "AdminCreateUser", {
          UserPoolId: pool,
          Username: `u${i}`,
          MessageAction: "SUPPRESS",
        });
        const fault = kinds(seed)[i];
        if (!fault) expect(res.status).toBe(200);
        else if (fault.kind === "reset")
          expect(res).toEqual({ status: 0, headers: {}, body: "", reset: true });
        else {
          expect(res.status).toBe(500);
          expect(errorOf(res).__type).toBe("InternalErrorException");
          expect(res.headers["x-cogctl-fault"]).toBe(`error-${fault.when}`);
        }
        seen.push(fault ? `${fault.kind}-${fault.when}` : "none");
      }
      // What the store holds, read on the endpoint itself with faults out of the way (its services).
      const users = endpoint.services.db
        .prepare("SELECT username FROM users ORDER BY username")
        .pluck()
        .all() as string[];
      expect(users.sort()).toEqual(expected.sort());
      expect(seen).toContain("reset-after");
    } finally {
      endpoint.close();
    }
  });
});
