// The task commands' table printer: a fitted table with a header on a terminal, tab-separated
// lines with nothing cut in pipes, relative times only on terminals, colour only for the header.
import { describe, expect, it } from "vitest";
import { createTestIO } from "../src/kernel/io/test-io.js";
import {
  type Column,
  createTablePrinter,
  fitWidths,
  printFields,
  relativeTime,
  terminalWidth,
} from "../src/kernel/table-printer.js";

interface Row {
  name: string;
  note: string;
  at: Date;
}
const now = new Date("2026-01-10T12:00:00Z");
const columns: Column<Row>[] = [
  { header: "name", value: (r) => r.name },
  { header: "note", value: (r) => r.note, kind: "text" },
  { header: "at", value: (r) => r.at, kind: "time" },
];
const rows: Row[] = [
  {
    name: "alice-with-a-long-identifier-0123456789",
    note: "x".repeat(80),
    at: new Date("2026-01-07T12:00:00Z"),
  },
  { name: "bob", note: "short\tnote", at: new Date("2026-01-10T11:58:00Z") },
];

describe("table printer on a terminal", () => {
  it("prints a header and fits the width by shrinking free text only", () => {
    const io = createTestIO({ stdoutTTY: true, columns: 80 });
    const t = createTablePrinter(io, columns, { now });
    for (const r of rows) t.add(r);
    expect(io.out()).toBe(""); // buffered until render
    t.render();
    const lines = io.out().trimEnd().split("\n");
    expect(lines[0]).toMatch(/^NAME\s+NOTE\s+AT$/);
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(80);
    expect(lines[1]).toContain("alice-with-a-long-identifier-0123456789");
    expect(lines[1]).toContain("…");
    expect(lines[1]).toMatch(/3 days ago$/);
    expect(lines[2]).toMatch(/^bob\s+short note\s+2 minutes ago$/);
    expect(t.count).toBe(2);
  });

  it("honours COLUMNS over the stream's width", () => {
    const io = createTestIO({ stdoutTTY: true, columns: 200, env: { COLUMNS: "70" } });
    expect(terminalWidth(io)).toBe(70);
    const t = createTablePrinter(io, columns, { now });
    for (const r of rows) t.add(r);
    t.render();
    for (const line of io.out().trimEnd().split("\n")) expect([...line].length).toBeLessThanOrEqual(70);
  });

  it("colours the header only, and only when colour is on", () => {
    const plain = createTestIO({ stdoutTTY: true });
    const coloured = createTestIO({ stdoutTTY: true, color: true });
    for (const io of [plain, coloured]) {
      const t = createTablePrinter(io, columns, { now });
      t.add(rows[1]);
      t.render();
    }
    expect(plain.out()).not.toContain("\x1b[");
    const [header, body] = coloured.out().split("\n");
    expect(header).toContain("\x1b[1m");
    expect(body).not.toContain("\x1b[");
  });
});

describe("table printer when identifiers alone are too wide", () => {
  it("prints one label: value block per row, ids whole, free text cut to the width", () => {
    const io = createTestIO({ stdoutTTY: true, columns: 30 });
    const t = createTablePrinter(io, columns, { now });
    for (const r of rows) t.add(r);
    t.render();
    const blocks = io.out().split("\n\n");
    expect(blocks).toHaveLength(2);
    expect(blocks[0]).toMatch(
      /^name: {2}alice-with-a-long-identifier-0123456789\nnote: {2}x+…\nat: {4}3 days ago$/,
    );
    for (const line of blocks[0].split("\n").slice(1)) expect([...line].length).toBeLessThanOrEqual(30);
    expect(blocks[1]).toBe("name:  bob\nnote:  short note\nat:    2 minutes ago\n");
  });
});

describe("table printer in a pipe", () => {
  it("writes rows at each flush as tab-separated values, no header, nothing cut, ISO times", () => {
    const io = createTestIO({ stdoutTTY: false, columns: 20 });
    const t = createTablePrinter(io, columns, { now });
    t.add(rows[0]);
    expect(io.out()).toBe("");
    t.flush();
    expect(io.out().split("\n")).toHaveLength(2); // streamed page by page, before render
    t.add(rows[1]);
    t.render();
    const lines = io.out().trimEnd().split("\n");
    expect(lines).toHaveLength(2);
    const cells = lines[0].split("\t");
    expect(cells[0]).toBe(rows[0].name);
    expect(cells[1]).toBe(rows[0].note);
    expect(new Date(cells[2]).getTime()).toBe(rows[0].at.getTime());
    expect(lines[1].split("\t")[1]).toBe("short note");
    expect(io.out()).not.toContain("…");
  });

  it("never holds more than a few hundred rows without a flush", () => {
    const io = createTestIO();
    const t = createTablePrinter(io, columns, { now });
    for (let i = 0; i < 1200; i++) t.add(rows[1]);
    expect(io.out().split("\n").length - 1).toBe(1000);
    t.render();
    expect(io.out().split("\n").length - 1).toBe(1200);
  });
});

describe("fitWidths and relativeTime", () => {
  it("keeps ids and times whole and splits the rest among text columns", () => {
    expect(fitWidths([10, 50, 8], ["id", "text", "time"], 100)).toEqual([10, 50, 8]);
    expect(fitWidths([10, 50, 8], ["id", "text", "time"], 40)).toEqual([10, 18, 8]);
    // Narrow text keeps its width, the wide one takes what is left.
    expect(fitWidths([5, 4, 60], ["id", "text", "text"], 40)).toEqual([5, 4, 27]);
    // Identifiers alone too wide: no widths (the printer lays records out vertically).
    expect(fitWidths([30, 30], ["id", "id"], 40)).toBeUndefined();
    expect(fitWidths([30, 30], ["id", "text"], 35)).toBeUndefined();
    expect(fitWidths([30, 30], ["id", "text"], 40)).toEqual([30, 8]);
  });

  it("speaks of times as a person would", () => {
    expect(relativeTime(new Date("2026-01-07T12:00:00Z"), now)).toBe("3 days ago");
    expect(relativeTime(new Date("2026-01-10T14:00:00Z"), now)).toBe("in 2 hours");
    expect(relativeTime(now, now)).toBe("just now");
    expect(relativeTime(new Date("2026-01-10T11:59:15Z"), now)).toBe("just now");
  });
});

describe("printFields", () => {
  it("aligns labels on a terminal and prints label<TAB>value lines in a pipe", () => {
    const fields = [
      { label: "username", value: "alice" },
      { label: "groups", value: ["admins", "ops"] },
      { label: "created", value: new Date("2026-01-09T12:00:00Z"), kind: "time" as const },
    ];
    const tty = createTestIO({ stdoutTTY: true });
    printFields(tty, fields, { now });
    expect(tty.out()).toBe("username:  alice\ngroups:    admins, ops\ncreated:   1 day ago\n");
    const pipe = createTestIO();
    printFields(pipe, fields, { now });
    const lines = pipe.out().trimEnd().split("\n");
    expect(lines[0]).toBe("username\talice");
    expect(lines[1]).toBe("groups\tadmins, ops");
    expect(lines[2]).toMatch(/^created\t2026-01-09T/);
  });
});
