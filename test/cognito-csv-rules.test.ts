// The one definition of Cognito's CSV rules that the CLI's upload check and the endpoint's import
// job both use.
import { describe, expect, it } from "vitest";
import {
  CSV_LIMITS,
  protectEscapedCommas,
  restoreEscapedCommas,
  rowCharacters,
  startsWithUtf8Bom,
} from "../src/cognito/csv-rules.js";

describe("CSV rules", () => {
  it("measure a row as its line in the file: code points, no line ending, escapes as written", () => {
    expect(rowCharacters("a,b\\,c\r\n")).toBe(6);
    expect(rowCharacters("a,b\n")).toBe(3);
    expect(rowCharacters("😀é")).toBe(2); // one astral character is one character, not two UTF-16 units
    expect(rowCharacters("x".repeat(CSV_LIMITS.maxRowCharacters))).toBe(16_000);
  });

  it("see a UTF-8 byte order mark only at the start", () => {
    expect(startsWithUtf8Bom(Buffer.from("\uFEFFname"))).toBe(true);
    expect(startsWithUtf8Bom(Buffer.from("name\uFEFF"))).toBe(false);
    expect(startsWithUtf8Bom(new Uint8Array([0xef, 0xbb]))).toBe(false);
  });

  it("round-trip escaped commas through a parser that knows only quoting", () => {
    const protectedText = protectEscapedCommas("Smith\\, John,x");
    expect(protectedText.split(",")).toHaveLength(2);
    expect(restoreEscapedCommas(protectedText.split(",")[0])).toBe("Smith, John");
  });
});
