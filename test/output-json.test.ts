import { describe, expect, test } from "vitest";
import { formatResult } from "../src/kernel/output/format.js";
import { normalizeForOutput } from "../src/kernel/output/normalize.js";
import { adminGetUserResponse, hasAnsi, stripAnsi, withTimeZone } from "./fixtures/output.js";

const plain = { color: false, columns: 80 };

describe("json output", () => {
  test("4-space indent, response key order, trailing newline", () => {
    const value = withTimeZone("UTC", () => normalizeForOutput(adminGetUserResponse()));
    const out = formatResult(value, "json", plain);
    expect(out).toBe(
      [
        "{",
        '    "Username": "alice",',
        '    "UserAttributes": [',
        "        {",
        '            "Name": "sub",',
        '            "Value": "8f0c1d2e-0000-4000-8000-000000000001"',
        "        },",
        "        {",
        '            "Name": "email_verified",',
        '            "Value": "true"',
        "        },",
        "        {",
        '            "Name": "email",',
        '            "Value": "alice@example.com"',
        "        }",
        "    ],",
        '    "UserCreateDate": "2024-01-05T12:00:00.123000+00:00",',
        '    "UserLastModifiedDate": "2024-01-06T08:30:00+00:00",',
        '    "Enabled": true,',
        '    "UserStatus": "CONFIRMED"',
        "}",
        "",
      ].join("\n"),
    );
  });

  test("nothing for an empty result, but other empty or falsy values print", () => {
    expect(formatResult({}, "json", plain)).toBe("");
    expect(formatResult([], "json", plain)).toBe("[]\n");
    expect(formatResult(null, "json", plain)).toBe("null\n");
    expect(formatResult("", "json", plain)).toBe('""\n');
    expect(formatResult(0, "json", plain)).toBe("0\n");
    expect(formatResult({ a: {}, b: [] }, "json", plain)).toBe('{\n    "a": {},\n    "b": []\n}\n');
  });

  test("non-ASCII is kept, control characters escaped", () => {
    expect(formatResult({ name: "Zoë 日本 ✓", s: 'a"b\\c\n\t\u0001' }, "json", plain)).toBe(
      '{\n    "name": "Zoë 日本 ✓",\n    "s": "a\\"b\\\\c\\n\\t\\u0001"\n}\n',
    );
  });

  test("colour adds ANSI codes around tokens and nothing else", () => {
    const value = {
      Users: [{ Username: "alice", Enabled: true, Count: 3, Missing: null }],
      Empty: [],
      E: {},
    };
    const colored = formatResult(value, "json", { color: true, columns: 80 });
    expect(hasAnsi(colored)).toBe(true);
    expect(stripAnsi(colored)).toBe(formatResult(value, "json", plain));
  });

  test("without colour there are no ANSI codes", () => {
    expect(hasAnsi(formatResult({ a: "b" }, "json", plain))).toBe(false);
  });
});
