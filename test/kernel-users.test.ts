// `--where` for users list: conditions joined by `and`, the first ListUsers can filter on goes to
// the service (quotes escaped), the rest are checked on each user.
import { describe, expect, it } from "vitest";
import { UsageError } from "../src/kernel/errors.js";
import { matches, parseWhere, planFilter, serverFilter } from "../src/kernel/users.js";

const alice = {
  Username: "alice",
  UserStatus: "FORCE_CHANGE_PASSWORD",
  Enabled: true,
  Attributes: [
    { Name: "email", Value: "alice@example.com" },
    { Name: "custom:team", Value: "blue and green" },
  ],
};

describe("parseWhere", () => {
  it("reads quoted and bare values, and 'and' inside quotes stays in the value", () => {
    expect(
      parseWhere('email ^= "a" and status = FORCE_CHANGE_PASSWORD AND custom:team = "blue and green"'),
    ).toEqual([
      { field: "email", op: "^=", value: "a" },
      { field: "status", op: "=", value: "FORCE_CHANGE_PASSWORD" },
      { field: "custom:team", op: "=", value: "blue and green" },
    ]);
    expect(parseWhere(`name != 'O\\'Brien'`)).toEqual([{ field: "name", op: "!=", value: "O'Brien" }]);
  });

  it("names the part it cannot read", () => {
    expect(() => parseWhere('email ^= "a" and nonsense')).toThrow(UsageError);
    expect(() => parseWhere('email ^= "a" and nonsense')).toThrow(/cannot read 'nonsense'/);
  });
});

describe("planFilter", () => {
  it("sends the first condition the service can filter on, escaping quotes", () => {
    const plan = planFilter(parseWhere('custom:team = blue and email ^= "a\\"b" and status = CONFIRMED'));
    expect(plan.filter).toBe('email ^= "a\\"b"');
    expect(plan.local.map((c) => c.field)).toEqual(["custom:team", "status"]);
    expect(serverFilter({ field: "status", op: "=", value: "CONFIRMED" })).toBe(
      'cognito:user_status = "CONFIRMED"',
    );
    expect(serverFilter({ field: "enabled", op: "=", value: "false" })).toBe('status = "Disabled"');
    expect(planFilter(parseWhere("custom:team != x")).filter).toBeUndefined();
  });
});

describe("matches", () => {
  it("checks usernames, statuses, enabled and attributes", () => {
    const check = (expr: string) => parseWhere(expr).every((c) => matches(alice, c));
    expect(check('email ^= "alice@" and status = FORCE_CHANGE_PASSWORD')).toBe(true);
    expect(check('custom:team = "blue and green"')).toBe(true);
    expect(check("enabled = true and username = alice")).toBe(true);
    expect(check("enabled = false")).toBe(false);
    expect(check("custom:missing = x")).toBe(false);
    expect(check("custom:missing != x")).toBe(true);
    expect(check("email != alice@example.com")).toBe(false);
  });
});
