import { describe, expect, test } from "vitest";
import { ExitCode, UsageError } from "../src/kernel/errors.js";
import { normalizeForOutput } from "../src/kernel/output/normalize.js";
import { applyQuery, validateQuery } from "../src/kernel/output/query.js";
import { listUserPoolsResponse, listUsersResponse, withTimeZone } from "./fixtures/output.js";

function queryError(expression: string, data: unknown = {}): UsageError {
  try {
    applyQuery(data, expression);
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return err as UsageError;
  }
  throw new Error(`expected ${expression} to be rejected`);
}

describe("applyQuery", () => {
  const users = normalizeForOutput(listUsersResponse());

  test("projections, indexes and multi-selects", () => {
    expect(applyQuery(users, "Users[].Username")).toEqual(["alice", "bob"]);
    expect(applyQuery(users, "Users[].[Username,UserStatus]")).toEqual([
      ["alice", "CONFIRMED"],
      ["bob", "FORCE_CHANGE_PASSWORD"],
    ]);
    expect(applyQuery(users, "Users[?Enabled].Username | [0]")).toBe("alice");
    expect(applyQuery(users, "length(Users)")).toBe(2);
    expect(applyQuery(users, "Users[0].Attributes[?Name=='email'].Value | [0]")).toBe("alice@example.com");
  });

  test("runs on the normalized value, so timestamps are the CLI's strings", () => {
    const pools = withTimeZone("UTC", () => normalizeForOutput(listUserPoolsResponse()));
    expect(applyQuery(pools, "UserPools[0].Id")).toBe("us-east-1_AAAAAAAAA");
    expect(applyQuery(pools, "UserPools[0].CreationDate")).toBe("2024-01-05T12:00:00.123000+00:00");
  });

  test("a missing member gives null", () => {
    expect(applyQuery(users, "NextToken")).toBeNull();
  });

  test("an incomplete expression points at its end, with exit code 252", () => {
    const err = queryError("Users[");
    expect(err.exitCode).toBe(ExitCode.USAGE);
    expect(err.message).toContain("Bad value for --query");
    expect(err.message).toContain("at column 7");
    expect(err.message).toContain('  "Users["\n         ^');
    expect(err.message).toContain("jmespath.org");
  });

  test("a wrong token is located at that token", () => {
    const err = queryError("Users[?Enabled==].Username");
    expect(err.message).toContain("Invalid token (Rbracket)");
    expect(err.message).toContain("at column 17");
    const spaced = queryError("Users bar");
    expect(spaced.message).toContain("at column 7");
  });

  test("an unknown character is located by the tokenizer", () => {
    const err = queryError("Users[#]");
    expect(err.message).toContain("Unknown character:#");
    expect(err.message).toContain("at column 7");
  });

  test("a trailing dot (a crash inside the library) reads as an incomplete expression", () => {
    const err = queryError("Users[0].");
    expect(err.message).toContain("incomplete or invalid expression");
    expect(err.message).toContain("at column 10");
  });

  test("an empty expression is rejected", () => {
    expect(queryError("  ").message).toContain("the expression is empty");
  });

  test("errors while evaluating (wrong types, unknown functions) are usage errors too", () => {
    expect(queryError("sort_by(@, &a)", { a: 1 }).message).toMatch(
      /sort_by\(\) expected argument 1 to be type array/,
    );
    expect(queryError("nofunc(@)").message).toContain("Unknown function: nofunc()");
  });

  test("validateQuery accepts a good expression without data", () => {
    expect(() => validateQuery("Users[].[Username,UserStatus]")).not.toThrow();
    expect(() => validateQuery("Users[")).toThrow(UsageError);
  });
});

describe("applyQuery edge syntax", () => {
  test("slices with omitted bounds are valid", () => {
    expect(applyQuery({ a: [1, 2, 3, 4] }, "a[::2]")).toEqual([1, 3]);
    expect(applyQuery({ a: [1, 2, 3, 4] }, "a[:-1].to_string(@)")).toEqual(["1", "2", "3"]);
  });

  test("a trailing dot after a field is incomplete", () => {
    expect(queryError("a.b.").message).toContain("at column 5");
  });
});
