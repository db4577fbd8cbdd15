import { describe, expect, it } from "vitest";
import { JsonTextError, lineColumn, looksLikeJson, parseJsonText } from "../src/cli/args/json-text.js";

function errorOf(text: string): JsonTextError {
  try {
    parseJsonText(text);
  } catch (e) {
    return e as JsonTextError;
  }
  throw new Error(`parsed: ${text}`);
}

describe("parseJsonText", () => {
  it("parses valid JSON", () => {
    expect(parseJsonText('{"a": [1, true]}')).toEqual({ a: [1, true] });
  });

  it("reports line and column of a trailing comma", () => {
    const e = errorOf('{\n  "a": 1,\n}');
    expect(e).toBeInstanceOf(JsonTextError);
    expect([e.line, e.column]).toEqual([3, 1]);
    expect(e.message).toMatch(/property name at line 3, column 1$/);
  });

  it("locates an unexpected token V8 gives no position for", () => {
    const e = errorOf('{"a":\n  tru}');
    expect([e.line, e.column]).toEqual([2, 6]);
    expect(e.message).toContain("Unexpected token");
  });

  it("never echoes the input (it may hold a password)", () => {
    const e = errorOf('{"Password": hunter2}');
    expect(e.message).not.toContain("hunter2");
    expect([e.line, e.column]).toEqual([1, 14]);
  });

  it("reports the end for truncated input", () => {
    const e = errorOf("[1, 2");
    expect([e.line, e.column]).toEqual([1, 6]);
  });

  it("computes 1-based line and column", () => {
    expect(lineColumn("ab\ncd", 4)).toEqual({ line: 2, column: 2 });
    expect(looksLikeJson("  [1]")).toBe(true);
    expect(looksLikeJson("Name=a")).toBe(false);
  });
});
