import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { formatResult, formatYamlStreamPage } from "../src/kernel/output/format.js";
import { normalizeForOutput } from "../src/kernel/output/normalize.js";
import { applyQuery } from "../src/kernel/output/query.js";
import { listUserPoolsResponse, listUsersResponse, withTimeZone } from "./fixtures/output.js";

const opts = { color: false, columns: 80 };
const normalized = (response: unknown) => withTimeZone("UTC", () => normalizeForOutput(response));

describe("yaml output (AWS CLI v2 style)", () => {
  test("list-users: sorted keys, unindented sequences, timestamps quoted", () => {
    expect(formatResult(normalized(listUsersResponse()), "yaml", opts)).toBe(
      [
        "Users:",
        "- Attributes:",
        "  - Name: sub",
        "    Value: 8f0c1d2e-0000-4000-8000-000000000001",
        "  - Name: email",
        "    Value: alice@example.com",
        "  Enabled: true",
        "  UserCreateDate: '2024-01-05T12:00:00.123000+00:00'",
        "  UserLastModifiedDate: '2024-01-06T08:30:00+00:00'",
        "  UserStatus: CONFIRMED",
        "  Username: alice",
        "- Attributes:",
        "  - Name: email",
        "    Value: bob@example.com",
        "  Enabled: false",
        "  UserCreateDate: '2024-01-05T12:00:00.123000+00:00'",
        "  UserLastModifiedDate: '2024-01-06T08:30:00+00:00'",
        "  UserStatus: FORCE_CHANGE_PASSWORD",
        "  Username: bob",
        "",
      ].join("\n"),
    );
  });

  test("round-trips to the same value", () => {
    const value = normalized(listUserPoolsResponse());
    expect(parse(formatResult(value, "yaml", opts))).toEqual(value);
  });

  test("strings that would read as other types are quoted, others are plain", () => {
    const out = formatResult(
      {
        a: "123",
        b: "true",
        c: "null",
        d: "a: b",
        e: "#x",
        f: "日本語 ✓",
        g: "",
        h: "plain text",
        i: "2024-01-05",
      },
      "yaml",
      opts,
    );
    expect(out).toBe(
      "a: '123'\nb: 'true'\nc: 'null'\nd: 'a: b'\ne: '#x'\nf: 日本語 ✓\ng: ''\nh: plain text\ni: '2024-01-05'\n",
    );
  });

  test("multi-line strings are quoted, not block literals", () => {
    const out = formatResult({ EmailMessage: "<p>Hi</p>\n<p>Code {####}</p>" }, "yaml", opts);
    expect(out).toBe("EmailMessage: '<p>Hi</p>\n\n  <p>Code {####}</p>'\n");
    expect(parse(out)).toEqual({ EmailMessage: "<p>Hi</p>\n<p>Code {####}</p>" });
  });

  test("empty result prints nothing; empty list and scalars print as JSON", () => {
    expect(formatResult({}, "yaml", opts)).toBe("");
    expect(formatResult([], "yaml", opts)).toBe("[]\n");
    expect(formatResult("", "yaml", opts)).toBe('""\n');
    expect(formatResult(null, "yaml", opts)).toBe("null\n");
    expect(formatResult(false, "yaml", opts)).toBe("false\n");
    expect(formatResult(0.5, "yaml", opts)).toBe("0.5\n");
  });

  test("--query results", () => {
    const users = normalized(listUsersResponse());
    expect(formatResult(applyQuery(users, "Users[0].Username"), "yaml", opts)).toBe('"alice"\n');
    expect(formatResult(applyQuery(users, "Users[].Username"), "yaml", opts)).toBe("- alice\n- bob\n");
  });
});

describe("yaml-stream output", () => {
  test("each page is a one-item list, so pages concatenate into one YAML sequence", () => {
    const page1 = { UserPools: [{ Id: "p1" }] };
    const page2 = { UserPools: [{ Id: "p2" }] };
    const first = formatYamlStreamPage(page1);
    expect(first).toBe("- UserPools:\n  - Id: p1\n");
    expect(parse(first + formatYamlStreamPage(page2))).toEqual([page1, page2]);
  });

  test("a whole result is one page; an empty result prints nothing", () => {
    expect(formatResult({ TableNames: ["桌子"] }, "yaml-stream", opts)).toBe("- TableNames:\n  - 桌子\n");
    expect(formatResult({}, "yaml-stream", opts)).toBe("");
    expect(formatYamlStreamPage("x")).toBe("- x\n");
  });
});

describe("yaml strings quoted and folded as AWS CLI v2's emitter does", () => {
  // Expected outputs were produced by PyYAML's safe_dump (the emitter algorithm ruamel.yaml and
  // libyaml share with it; AWS CLI v2 uses ruamel.yaml) with block style, sorted keys and unicode.
  const cases = JSON.parse(
    readFileSync(new URL("./fixtures/yaml-pyyaml-cases.json", import.meta.url), "utf8"),
  ) as Array<{
    name: string;
    value: unknown;
    expected: string;
  }>;
  test("the recorded cases cover folding and every quoting style", () => {
    expect(cases.length).toBeGreaterThanOrEqual(10);
    const all = cases.map((c) => c.expected).join("");
    expect(all).toMatch(/\n {2,}\S/); // folded continuation lines
    expect(all).toContain("\\\n"); // double-quoted folds
  });
  test.each(cases.map((c) => [c.name, c.value, c.expected] as const))("%s", (_name, value, expected) => {
    const out = formatResult(value, "yaml", opts);
    expect(out).toBe(expected);
    expect(parse(out)).toEqual(value);
  });
});
