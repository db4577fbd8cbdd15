import { describe, expect, test } from "vitest";
import { formatText } from "../src/kernel/output/format-text.js";
import { normalizeForOutput } from "../src/kernel/output/normalize.js";
import { pythonNumber, pythonRepr } from "../src/kernel/output/python-str.js";
import { applyQuery } from "../src/kernel/output/query.js";
import {
  adminGetUserResponse,
  listUserPoolsResponse,
  listUsersResponse,
  withTimeZone,
} from "./fixtures/output.js";

const C = "2024-01-05T12:00:00.123000+00:00";
const M = "2024-01-06T08:30:00+00:00";

function text(response: unknown, query?: string): string {
  return withTimeZone("UTC", () => {
    const value = normalizeForOutput(response);
    return formatText(query === undefined ? value : applyQuery(value, query));
  });
}

describe("text output of Cognito operations", () => {
  test("list-user-pools: one USERPOOLS line per pool, sorted keys; empty LambdaConfig prints nothing", () => {
    expect(text(listUserPoolsResponse())).toBe(
      [
        `USERPOOLS\t${C}\tus-east-1_AAAAAAAAA\t${M}\tprod-users`,
        `USERPOOLS\t${C}\tus-east-1_BBBBBBBBB\t${M}\tdev-users`,
        "LAMBDACONFIG\tarn:aws:lambda:us-east-1:123:function:pre",
        "",
      ].join("\n"),
    );
  });

  test("admin-get-user: top-level scalars unprefixed (True, sorted by key), then attributes", () => {
    expect(text(adminGetUserResponse())).toBe(
      [
        `True\t${C}\t${M}\tCONFIRMED\talice`,
        "USERATTRIBUTES\tsub\t8f0c1d2e-0000-4000-8000-000000000001",
        "USERATTRIBUTES\temail_verified\ttrue",
        "USERATTRIBUTES\temail\talice@example.com",
        "",
      ].join("\n"),
    );
  });

  test("list-users: each user line is followed by its ATTRIBUTES lines", () => {
    expect(text(listUsersResponse())).toBe(
      [
        `USERS\tTrue\t${C}\t${M}\tCONFIRMED\talice`,
        "ATTRIBUTES\tsub\t8f0c1d2e-0000-4000-8000-000000000001",
        "ATTRIBUTES\temail\talice@example.com",
        `USERS\tFalse\t${C}\t${M}\tFORCE_CHANGE_PASSWORD\tbob`,
        "ATTRIBUTES\temail\tbob@example.com",
        "",
      ].join("\n"),
    );
  });

  test("--query results", () => {
    expect(text(listUsersResponse(), "Users[].Username")).toBe("alice\tbob\n");
    expect(text(listUserPoolsResponse(), "UserPools[0].Id")).toBe("us-east-1_AAAAAAAAA\n");
    expect(text(listUsersResponse(), "Users[].[Username,UserStatus]")).toBe(
      "alice\tCONFIRMED\nbob\tFORCE_CHANGE_PASSWORD\n",
    );
    expect(text(listUsersResponse(), "Users[].{U:Username,E:Enabled}")).toBe("True\talice\nFalse\tbob\n");
    expect(text(listUsersResponse(), "length(Users)")).toBe("2\n");
    expect(text(listUsersResponse(), "PaginationToken")).toBe("None\n");
    expect(text(listUsersResponse(), "Users[?Username=='nobody']")).toBe("");
  });

  test("an empty result prints nothing", () => {
    expect(text({ $metadata: {} })).toBe("");
    expect(formatText({})).toBe("");
    expect(formatText([])).toBe("");
  });
});

describe("text formatter semantics (awscli/text.py)", () => {
  const cases: Array<[string, unknown, string]> = [
    ["dict scalars, sorted", { c: 3, a: 1, b: 2 }, "1\t2\t3\n"],
    ["bare scalar list", [1, 2, 3], "1\t2\t3\n"],
    [
      "list of dicts under a key",
      {
        foo: [
          { a: 1, b: 2 },
          { a: 4, b: 5 },
        ],
      },
      "FOO\t1\t2\nFOO\t4\t5\n",
    ],
    [
      "missing and extra keys share the union of columns",
      {
        foo: [
          { a: 1, b: 2, c: 3 },
          { a: 4, c: 5 },
          { a: 6, d: 7 },
        ],
      },
      "FOO\t1\t2\t3\t\nFOO\t4\t\t5\t\nFOO\t6\t\t\t7\n",
    ],
    [
      "nested structures in list items follow their item",
      {
        foo: [
          { a: 1, b: { y: "y", z: "z" }, c: 3 },
          { a: 4, b: { y: "y", z: "z" }, c: 6 },
        ],
      },
      "FOO\t1\t3\nB\ty\tz\nFOO\t4\t6\nB\ty\tz\n",
    ],
    ["scalar list under a key: one line per item", { KeyName: ["a", "b"] }, "KEYNAME\ta\nKEYNAME\tb\n"],
    [
      "list of lists",
      [
        ["1", "2"],
        ["3", "4", "5"],
      ],
      "1\t2\n3\t4\t5\n",
    ],
    ["scalars mixed with lists", [["a", "b", ["c", "d"]]], "a\tb\nc\td\n"],
    ["identifier carried into nested lists", { foo: [["a", ["b"]]] }, "FOO\ta\nFOO\tb\n"],
    ["empty inner lists", [[[[]]]], ""],
    ["a deeply nested scalar", [[[["a"]]]], "a\n"],
    ["unicode kept", [["1", "✓", "日本"]], "1\t✓\t日本\n"],
    [
      "Python spellings",
      { a: true, b: false, c: null, d: 0.5, e: 1e-7, f: 10 },
      "True\tFalse\tNone\t0.5\t1e-07\t10\n",
    ],
    [
      "a null member of a list item is None, a missing one is empty",
      { x: [{ a: null, b: 1 }, { b: 2 }] },
      "X\tNone\t1\nX\t\t2\n",
    ],
    ["a bare string", "foobarbaz", "foobarbaz\n"],
    ["an empty string is an empty line", "", "\n"],
    [
      "a key that is scalar in one item and a structure in another",
      { x: [{ a: 1 }, { a: { k: "v" } }] },
      "X\t1\nX\t{'k': 'v'}\n",
    ],
  ];
  test.each(cases)("%s", (_name, value, expected) => {
    expect(formatText(value)).toBe(expected);
  });

  test("keys sort by code point, as Python sorts str", () => {
    expect(formatText({ b: 2, B: 1, "\u{1F600}": 4, "\uFF21": 3 })).toBe("1\t2\t3\t4\n");
  });
});

describe("Python number and repr spellings", () => {
  test.each([
    [1, "1"],
    [-3, "-3"],
    [0.1, "0.1"],
    [1.5e-5, "1.5e-05"],
    [0.0001, "0.0001"],
    [1.25e16 + 0.5, "12500000000000000"],
    [2.5e-300, "2.5e-300"],
    [Number.NaN, "nan"],
    [Number.POSITIVE_INFINITY, "inf"],
  ])("%s → %s", (n, expected) => {
    expect(pythonNumber(n)).toBe(expected);
  });

  test("repr of containers and strings", () => {
    expect(pythonRepr({ a: [1, "x", null, true], "it's": 'say "hi"\n' })).toBe(
      "{'a': [1, 'x', None, True], \"it's\": 'say \"hi\"\\n'}",
    );
  });
});
