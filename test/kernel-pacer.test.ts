// The rate pacer: a token bucket per quota category shared by all calls, halving on
// TooManyRequestsException with jittered back-off and retry, recovering slowly.
import { describe, expect, it } from "vitest";
import { ServiceError } from "../src/kernel/errors.js";
import { categoryOf, Pacer, pacedCall, QUOTAS } from "../src/kernel/pacer.js";

/** A pacer on a fake clock: sleeping advances time, nothing really waits. */
function fakePacer(quotas = {}, unmetered = false) {
  let t = 0;
  const slept: number[] = [];
  const pacer = new Pacer({
    now: () => t,
    sleep: async (ms) => {
      slept.push(ms);
      t += ms;
    },
    random: () => 0.5,
    quotas,
    unmetered,
  });
  return { pacer, slept, now: () => t };
}

const throttled = () => new ServiceError("TooManyRequestsException", "ListUsers", "Too many requests");

/** A call throttled the first time and answered after; calls() counts the tries. */
function throttledOnce() {
  let tries = 0;
  return {
    call: async () => {
      if (++tries === 1) throw throttled();
      return "ok";
    },
    calls: () => tries,
  };
}

describe("Pacer", () => {
  it("maps operations to their quota categories", () => {
    expect(categoryOf("ListUsers")).toBe("UserList");
    expect(categoryOf("AdminGetUser")).toBe("UserRead");
    expect(categoryOf("AdminCreateUser")).toBe("UserCreation");
    expect(categoryOf("AdminDeleteUser")).toBe("UserUpdate");
    expect(QUOTAS.UserList).toBe(30);
    expect(QUOTAS.UserRead).toBe(120);
  });

  it("lets a second's worth through, then spaces calls at the quota", async () => {
    const { pacer, now } = fakePacer({ UserList: 10 });
    for (let i = 0; i < 10; i++) await pacer.acquire("UserList");
    expect(now()).toBe(0);
    for (let i = 0; i < 20; i++) await pacer.acquire("UserList");
    // 20 more at 10/s take about two seconds.
    expect(now()).toBeGreaterThanOrEqual(1900);
    expect(now()).toBeLessThanOrEqual(2100);
  });

  it("keeps categories apart", async () => {
    const { pacer, now } = fakePacer({ UserList: 1, UserRead: 100 });
    await pacer.acquire("UserList");
    for (let i = 0; i < 50; i++) await pacer.acquire("UserRead");
    expect(now()).toBe(0);
  });

  it("halves the rate on repeated TooManyRequestsException, backs off, retries, then recovers slowly", async () => {
    const { pacer, slept } = fakePacer({ UserList: 30 });
    let attempts = 0;
    const result = await pacer.run("UserList", async () => {
      if (++attempts < 4) throw throttled();
      return "ok";
    });
    expect(result).toBe("ok");
    expect(attempts).toBe(4);
    // The first throttle alone changes nothing; the second halves, and so does the third (sent after).
    expect(pacer.rate("UserList")).toBe(7.5);
    expect(slept.some((ms) => ms > 0)).toBe(true);
    // Quiet seconds raise the rate by a tenth of the quota each, never above it.
    for (let i = 0; i < 40; i++) await pacer.run("UserList", async () => "ok");
    expect(pacer.rate("UserList")).toBeGreaterThan(7.5);
    for (let i = 0; i < 400; i++) await pacer.run("UserList", async () => "ok");
    expect(pacer.rate("UserList")).toBe(30);
  });

  it("retries a lone throttle at the same rate, and halves for one that follows within 2 s", async () => {
    const { pacer, now } = fakePacer({ UserList: 30 });
    const once = throttledOnce();
    await pacer.run("UserList", once.call);
    expect(once.calls()).toBe(2);
    expect(pacer.rate("UserList")).toBe(30);
    // 3 s later another lone one: still the same rate.
    for (let i = 0; i < 90; i++) await pacer.run("UserList", async () => "ok");
    expect(now()).toBeGreaterThan(2000);
    await pacer.run("UserList", throttledOnce().call);
    expect(pacer.rate("UserList")).toBe(30);
    // One within 2 s of it is a pattern: halved.
    await pacer.run("UserList", throttledOnce().call);
    expect(pacer.rate("UserList")).toBe(15);
  });

  it("gives up after its retries and passes other errors at once", async () => {
    const { pacer } = fakePacer();
    let attempts = 0;
    await expect(
      pacer.run("UserRead", async () => {
        attempts++;
        throw throttled();
      }),
    ).rejects.toMatchObject({ code: "TooManyRequestsException" });
    expect(attempts).toBe(7);
    attempts = 0;
    await expect(
      pacer.run("UserRead", async () => {
        attempts++;
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(attempts).toBe(1);
  });

  it("pacedCall sends each call under its operation's category", async () => {
    const { pacer, now } = fakePacer({ UserList: 2 });
    const seen: string[] = [];
    const call = pacedCall(async (op) => {
      seen.push(op);
      return {};
    }, pacer);
    for (let i = 0; i < 4; i++) await call("ListUsers", {});
    expect(seen).toHaveLength(4);
    expect(now()).toBeGreaterThanOrEqual(1000);
  });

  it("unmetered (endpoints other than AWS): no pace until throttled, then Cognito's quota, halved as throttles repeat", async () => {
    const { pacer, now } = fakePacer({ UserList: 10 }, true);
    for (let i = 0; i < 500; i++) await pacer.acquire("UserList");
    expect(now()).toBe(0);
    await pacer.run("UserList", throttledOnce().call);
    expect(pacer.rate("UserList")).toBe(10);
    await pacer.run("UserList", throttledOnce().call);
    expect(pacer.rate("UserList")).toBe(5);
  });
});
