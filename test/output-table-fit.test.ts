// The shared fitting rules (src/kernel/output/fit-columns.ts) and the width they are given (src/kernel/io).
import { describe, expect, test } from "vitest";
import { fitWidth, terminalColumns } from "../src/kernel/io/io.js";
import { createTestIO } from "../src/kernel/io/test-io.js";
import {
  addCell,
  breakingFor,
  type ColumnNeed,
  emptyColumn,
  FREE_TEXT_MIN_WIDTH,
  fitColumns,
  wrapCell,
} from "../src/kernel/output/fit-columns.js";

const column = (...cells: Array<[string, "whole" | "words" | "anywhere"]>): ColumnNeed => {
  const need = emptyColumn();
  for (const [text, breaking] of cells) addCell(need, text, breaking);
  return need;
};

describe("which values may wrap", () => {
  test.each([
    ["Description", "A pool for the shop"],
    ["CreationDate", "2024-01-05T12:00:00.123000+00:00"],
    ["UserLastModifiedDate", "2024-01-05T12:00:00+00:00"],
    ["EmailVerificationMessage", "Your code is {####}"],
    ["StatusReason", "x"],
    ["Created", "2024-01-05T12:00:00.000Z"],
  ])("%s is free text: it may break anywhere", (name, value) => {
    expect(breakingFor(name, value)).toBe("anywhere");
  });

  test.each([
    ["Id", "us-east-1_b80accfcf1"],
    ["Username", "6188e6d3-5a2c-4b8e-9c1d-0123456789ab"],
    ["UserStatus", "FORCE_CHANGE_PASSWORD"],
    ["NextToken", "eyJQYWdpbmF0aW9uVG9rZW4iOiJ1c2VyLTIifQ=="],
    ["Arn", "arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_b80accfcf1"],
    ["Destination", "alice@example.com"],
    ["Code", "123456"],
    [undefined, "us-east-1_x"],
  ])("%s %s stays whole", (name, value) => {
    expect(breakingFor(name, value)).toBe("whole");
  });

  test("any other value with spaces wraps between its words only", () => {
    expect(breakingFor("Name", "Production users")).toBe("words");
    expect(breakingFor(undefined, "Alice Smith")).toBe("words");
  });
});

describe("what a column needs", () => {
  test("whole cells need their full width; words their longest word; free text a floor", () => {
    expect(column(["us-east-1_AAAAAAAAA", "whole"], ["x", "whole"])).toEqual({ natural: 19, min: 19 });
    expect(column(["Production users of the shop", "words"])).toEqual({ natural: 28, min: 10 });
    expect(column(["2024-01-05T12:00:00.123000+00:00", "anywhere"])).toEqual({
      natural: 32,
      min: FREE_TEXT_MIN_WIDTH,
    });
    expect(column(["short", "anywhere"])).toEqual({ natural: 5, min: 5 });
  });

  test("a multi-line value is as wide as its widest line", () => {
    expect(column(["first line\nthe second, longer line", "words"]).natural).toBe(23);
  });

  test("a whole value in a wrapping column keeps the column at least as wide as itself", () => {
    expect(column(["Alice Smith", "words"], ["8f0c1d2e-0000-4000-8000-000000000001", "whole"]).min).toBe(36);
  });
});

describe("fitting columns to a width", () => {
  const needs: ColumnNeed[] = [
    { natural: 5, min: 5 },
    { natural: 50, min: 10 },
    { natural: 30, min: 10 },
  ];

  test("without a width, or with room enough, every column keeps its natural width", () => {
    expect(fitColumns(needs, undefined)).toEqual([5, 50, 30]);
    expect(fitColumns(needs, 85)).toEqual([5, 50, 30]);
  });

  test("short of room, the widest wrapping columns give way to a common width", () => {
    expect(fitColumns(needs, 60)).toEqual([5, 28, 27]);
    expect(fitColumns(needs, 70)).toEqual([5, 35, 30]);
  });

  test("never below a column's minimum: undefined when even the minimums do not fit", () => {
    expect(fitColumns(needs, 25)).toEqual([5, 10, 10]);
    expect(fitColumns(needs, 24)).toBeUndefined();
  });

  test("cells wrap between words, and inside a word only when it is longer than the column", () => {
    expect(wrapCell("Production users of the shop", 12)).toEqual(["Production", "users of the", "shop"]);
    expect(wrapCell("2024-01-05T12:00:00.123000+00:00", 20)).toEqual([
      "2024-01-05T12:00:00.",
      "123000+00:00",
    ]);
    expect(wrapCell("fits", 4)).toEqual(["fits"]);
    expect(wrapCell("two\nlines", 10)).toEqual(["two", "lines"]);
  });
});

describe("the width output fits", () => {
  test("COLUMNS overrides the detected width; anything but a positive whole number is ignored", () => {
    expect(terminalColumns({ COLUMNS: "120" }, 80)).toBe(120);
    expect(terminalColumns({}, 132)).toBe(132);
    expect(terminalColumns({}, undefined)).toBe(80);
    for (const bad of ["0", "-5", "wide", "", "12.5"]) expect(terminalColumns({ COLUMNS: bad }, 90)).toBe(90);
  });

  test("a terminal is fitted to its width (COLUMNS included); a pipe or file never, whatever COLUMNS says", () => {
    expect(fitWidth(createTestIO({ stdoutTTY: true, columns: 100 }).stdout)).toBe(100);
    expect(fitWidth(createTestIO({ stdoutTTY: true, env: { COLUMNS: "63" } }).stdout)).toBe(63);
    expect(fitWidth(createTestIO({ stdoutTTY: false, env: { COLUMNS: "63" } }).stdout)).toBeUndefined();
    expect(fitWidth(createTestIO({ stdoutTTY: false, columns: 80 }).stdout)).toBeUndefined();
  });
});
