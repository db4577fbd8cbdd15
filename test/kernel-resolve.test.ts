// The name resolver: pools by id (no call), name (one ListUserPools walk per invocation), the
// COGCTL_POOL default; users by username, then email / phone / sub through ListUsers filters.
import { describe, expect, it } from "vitest";
import type { CognitoCall, ServiceOutput } from "../src/kernel/cognito-call.js";
import { ServiceError, UsageError } from "../src/kernel/errors.js";
import { createResolver, filterAttributeFor, filterExpression } from "../src/kernel/resolve.js";

function fakeCall(handler: (op: string, input: Record<string, any>) => ServiceOutput) {
  const calls: { op: string; input: Record<string, any> }[] = [];
  const call: CognitoCall = async (op, input) => {
    calls.push({ op, input });
    return handler(op, input);
  };
  return { call, calls };
}

const pools = (op: string, input: Record<string, any>) => {
  if (op !== "ListUserPools") throw new Error(op);
  return input.NextToken
    ? {
        UserPools: [
          { Id: "us-east-1_B", Name: "twin" },
          { Id: "us-east-1_C", Name: "twin" },
        ],
      }
    : { UserPools: [{ Id: "us-east-1_A", Name: "demo" }], NextToken: "p2" };
};

describe("pool resolution", () => {
  it("takes an id as it is, without a call", async () => {
    const { call, calls } = fakeCall(pools);
    expect(await createResolver(call, {}).pool("eu-west-1_Ab12")).toEqual({ id: "eu-west-1_Ab12" });
    expect(calls).toHaveLength(0);
  });

  it("finds a name across pages, walking ListUserPools once per invocation", async () => {
    const { call, calls } = fakeCall(pools);
    const r = createResolver(call, {});
    expect(await r.pool("demo")).toEqual({ id: "us-east-1_A", name: "demo" });
    await expect(r.pool("twin")).rejects.toThrow(/2 user pools have that name \(us-east-1_B, us-east-1_C\)/);
    expect(calls.map((c) => c.op)).toEqual(["ListUserPools", "ListUserPools"]);
  });

  it("names the flag and suggests pools list when nothing matches; COGCTL_POOL is the default", async () => {
    const { call } = fakeCall(pools);
    const err = await createResolver(call, {})
      .pool("nope")
      .catch((e) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect(err.message).toMatch(/^--pool nope: .*cogctl pools list/);
    expect(await createResolver(call, { COGCTL_POOL: "demo" }).pool(undefined)).toMatchObject({
      id: "us-east-1_A",
    });
    await expect(createResolver(call, { COGCTL_POOL: "gone" }).pool(undefined)).rejects.toThrow(
      /^COGCTL_POOL gone/,
    );
    await expect(createResolver(call, {}).pool(undefined)).rejects.toThrow(/--pool NAME\|ID.*COGCTL_POOL/);
  });
});

describe("user resolution", () => {
  const pool = { id: "us-east-1_A", name: "demo" };
  const notFound = () => {
    throw new ServiceError("UserNotFoundException", "AdminGetUser", "User does not exist.");
  };

  it("tries the username first", async () => {
    const { call, calls } = fakeCall(() => ({ Username: "alice" }));
    expect((await createResolver(call, {}).user(pool, "alice")).username).toBe("alice");
    expect(calls.map((c) => c.op)).toEqual(["AdminGetUser"]);
  });

  it.each([
    ["alice@example.com", 'email = "alice@example.com"'],
    ["+15550100", 'phone_number = "+15550100"'],
    ["6188e6d3-1a2b-4c5d-8e9f-0123456789ab", 'sub = "6188e6d3-1a2b-4c5d-8e9f-0123456789ab"'],
  ])("looks %s up with the filter %s", async (ref, filter) => {
    const { call, calls } = fakeCall((op) =>
      op === "AdminGetUser" ? notFound() : { Users: [{ Username: "u-1" }] },
    );
    const found = await createResolver(call, {}).user(pool, ref);
    expect(found).toMatchObject({ username: "u-1", typed: ref });
    expect(calls[1]).toEqual({
      op: "ListUsers",
      input: { UserPoolId: "us-east-1_A", Filter: filter, Limit: 2 },
    });
  });

  it("lists the matches when several users share a value, and says what was tried when none does", async () => {
    const { call } = fakeCall((op) =>
      op === "AdminGetUser" ? notFound() : { Users: [{ Username: "a1" }, { Username: "a2" }] },
    );
    await expect(createResolver(call, {}).user(pool, "a@x.io")).rejects.toThrow(
      /matches several users .*a1, a2/,
    );
    const none = fakeCall((op) => (op === "AdminGetUser" ? notFound() : { Users: [] }));
    const err = await createResolver(none.call, {})
      .user(pool, "b@x.io")
      .catch((e) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect(err.message).toMatch(
      /No user 'b@x.io' in demo \(us-east-1_A\) \(looked up by username or email\)/,
    );
  });

  it("passes other service errors on unchanged", async () => {
    const { call } = fakeCall(() => {
      throw new ServiceError("ResourceNotFoundException", "AdminGetUser", "User pool does not exist.");
    });
    await expect(createResolver(call, {}).user(pool, "x")).rejects.toMatchObject({
      code: "ResourceNotFoundException",
    });
  });
});

describe("filters", () => {
  it("recognises the shapes and escapes quotes and backslashes", () => {
    expect(filterAttributeFor("alice")).toBeUndefined();
    expect(filterAttributeFor("+44")).toBe("phone_number");
    expect(filterExpression("email", "^=", 'a"b\\c')).toBe('email ^= "a\\"b\\\\c"');
  });
});
