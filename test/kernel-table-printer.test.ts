// The task commands' table printer: a fitted table with a header on a terminal (laid out by
// cli-table3), tab-separated lines with nothing cut in pipes, relative times only on terminals,
// colour only for the header.
import { describe, expect, it } from "vitest";
import { createTestIO } from "../src/kernel/io/test-io.js";
import { displayWidth } from "../src/kernel/output/fit-columns.js";
import { loadedOutputModules } from "../src/kernel/output/lazy-modules.js";
import {
  CLI_TABLE3_MAX_ROWS,
  type Column,
  createTablePrinter,
  drawTable,
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
    // Pipes never reach cli-table3 (nor pay for loading it).
    expect(loadedOutputModules()).not.toContain("cli-table3");
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

describe("table printer on a terminal", () => {
  it("prints a header and fits the width by wrapping free text only, through cli-table3", () => {
    const io = createTestIO({ stdoutTTY: true, columns: 80 });
    const t = createTablePrinter(io, columns, { now });
    for (const r of rows) t.add(r);
    expect(io.out()).toBe(""); // buffered until render
    t.render();
    expect(loadedOutputModules()).toContain("cli-table3");
    const lines = io.out().trimEnd().split("\n");
    expect(lines[0]).toMatch(/^NAME {2,}NOTE {2,}AT$/);
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(80);
    expect(lines[1]).toMatch(/^alice-with-a-long-identifier-0123456789 {2}x+ {2,}3 days ago$/);
    // The note wraps onto the next lines of its cell, under its own column: nothing is cut.
    const noteAt = lines[0].indexOf("NOTE");
    const noteLines = lines.slice(1, -1).map((line) => line.slice(noteAt).split(" ")[0]);
    expect(noteLines.join("")).toBe(rows[0].note);
    expect(lines.slice(2, -1).every((line) => line.slice(0, noteAt).trim() === "")).toBe(true);
    expect(io.out()).not.toContain("…");
    expect(lines.at(-1)).toMatch(/^bob {2,}short note {2,}2 minutes ago$/);
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
  it("prints one label: value block per row, ids whole, free text wrapped to the width", () => {
    const io = createTestIO({ stdoutTTY: true, columns: 30 });
    const t = createTablePrinter(io, columns, { now });
    for (const r of rows) t.add(r);
    t.render();
    const blocks = io.out().split("\n\n");
    expect(blocks).toHaveLength(2);
    expect(blocks[0]).toMatch(
      /^name: {2}alice-with-a-long-identifier-0123456789\nnote: {2}x{23}\n( {7}x{1,23}\n)+at: {4}3 days ago$/,
    );
    expect(blocks[0].replace(/[^x]/g, "")).toBe(rows[0].note);
    for (const line of blocks[0].split("\n").slice(1)) expect([...line].length).toBeLessThanOrEqual(30);
    expect(blocks[1]).toBe("name:  bob\nnote:  short note\nat:    2 minutes ago\n");
  });
});

describe("table printer with an optional column", () => {
  const withOptional: Column<Row>[] = [{ ...columns[0], optional: true }, columns[2]];
  const wide = { name: "6c65c7e2-ea72-4d9c-aa98-bcfa561418b7", note: "", at: rows[1].at };

  it("leaves the optional column out on a narrow terminal, says so on stderr, and keeps a table", () => {
    const io = createTestIO({ stdoutTTY: true, columns: 30 });
    const t = createTablePrinter(io, withOptional, { now });
    t.add(wide);
    t.render();
    expect(io.out()).toBe("AT\n2 minutes ago\n");
    expect(io.err()).toBe("(name left out to fit 30 columns; COLUMNS=… or --output json shows it)\n");
  });

  it("keeps it when the table fits, and always in a pipe", () => {
    for (const [tty, width] of [
      [true, 80],
      [false, 10],
    ] as const) {
      const io = createTestIO({ stdoutTTY: tty, columns: width });
      const t = createTablePrinter(io, withOptional, { now });
      t.add(wide);
      t.render();
      expect(io.out()).toContain(wide.name);
      expect(io.err()).toBe("");
    }
  });
});

describe("relativeTime", () => {
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

describe("terminal tables at 80 and 160 columns (users list's shape)", () => {
  interface User {
    username: string;
    email: string;
    status: string;
    created: Date;
    note: string;
  }
  const userColumns: Column<User>[] = [
    { header: "username", value: (u) => u.username },
    { header: "email/phone", value: (u) => u.email },
    { header: "status", value: (u) => u.status },
    { header: "created", value: (u) => u.created, kind: "time" },
    { header: "note", value: (u) => u.note, kind: "text" },
  ];
  const users: User[] = Array.from({ length: 12 }, (_, i) => ({
    username: `user-${String(i).padStart(5, "0")}`,
    email: `u${i}@example.com`,
    status: i % 3 === 0 ? "FORCE_CHANGE_PASSWORD" : "CONFIRMED",
    created: new Date(now.getTime() - (i + 1) * 86_400_000),
    note: i % 2 === 0 ? `Imported from the legacy directory in batch ${i}, reviewed by the ops team` : "",
  }));
  const render = (width: number) => {
    const io = createTestIO({ stdoutTTY: true, columns: width });
    const t = createTablePrinter(io, userColumns, { now });
    for (const u of users) t.add(u);
    t.render();
    return io.out().trimEnd().split("\n");
  };

  for (const width of [80, 160]) {
    it(`fits ${width} columns with a header, identifiers whole on their row's first line`, () => {
      const lines = render(width);
      expect(lines[0]).toMatch(/^USERNAME {2,}EMAIL\/PHONE {2,}STATUS {2,}CREATED {2,}NOTE$/);
      for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(width);
      const starts = lines.flatMap((line, i) => (/^\S/.test(line) ? [i] : []));
      expect(starts).toHaveLength(users.length + 1);
      for (const [k, u] of users.entries()) {
        const first = lines[starts[k + 1]];
        expect(first.startsWith(`${u.username}  `)).toBe(true);
        expect(first).toContain(`  ${u.email}  `);
        expect(first).toContain(`  ${u.status}  `);
        // The note, wrapped or not, reads back whole from its column.
        const end = starts[k + 2] ?? lines.length;
        const noteAt = lines[0].indexOf("NOTE");
        const note = lines
          .slice(starts[k + 1], end)
          .map((line) => line.slice(noteAt).trim())
          .join(" ");
        expect(note).toBe(u.note);
      }
      // Columns start where their header does, on every line.
      const statusAt = lines[0].indexOf("STATUS");
      for (const k of starts.slice(1))
        expect(lines[k].slice(statusAt)).toMatch(/^(FORCE_CHANGE_PASSWORD|CONFIRMED) /);
    });
  }

  it("breaks a header after its punctuation rather than give up the table", () => {
    const io = createTestIO({ stdoutTTY: true, columns: 80 });
    const t = createTablePrinter<User>(
      io,
      [
        ...userColumns.slice(0, 3),
        { header: "enabled", value: () => "yes" },
        userColumns[3],
        { header: "custom:team", value: () => "blue", kind: "text" },
      ],
      { now },
    );
    t.add({ ...users[0], username: "alice", email: "alice@example.com" });
    t.render();
    const lines = io.out().trimEnd().split("\n");
    expect(lines[0]).toMatch(/^USERNAME {2,}EMAIL\/PHONE {2,}STATUS {2,}ENABLED {2,}CREATED {2,}CUSTOM:$/);
    expect(lines[1]).toMatch(/^ +TEAM$/);
    expect(lines[1].indexOf("TEAM")).toBe(lines[0].indexOf("CUSTOM:"));
    expect(lines[2]).toMatch(
      /^alice {2,}alice@example\.com {2,}FORCE_CHANGE_PASSWORD {2,}yes {2,}1 day ago {2,}blue$/,
    );
  });

  it("wraps the note at 80 columns and not at 160", () => {
    expect(render(80).length).toBeGreaterThan(users.length + 1);
    expect(render(160)).toHaveLength(users.length + 1);
  });

  it("writes no header and no padding in a pipe", () => {
    const io = createTestIO({ stdoutTTY: false, columns: 80 });
    const t = createTablePrinter(io, userColumns, { now });
    for (const u of users) t.add(u);
    t.render();
    const lines = io.out().trimEnd().split("\n");
    expect(lines).toHaveLength(users.length);
    expect(io.out()).not.toMatch(/USERNAME| {2}/);
    expect(lines[0].split("\t")).toEqual([
      users[0].username,
      users[0].email,
      users[0].status,
      expect.stringMatching(/^2026-01-09T12:00:00/),
      users[0].note,
    ]);
  });
});

describe("drawTable: cli-table3 and the long-table path agree", () => {
  const widths = [8, 12, 5];
  const rows = [
    ["\x1b[1mNAME\x1b[22m", "\x1b[1mNOTE\x1b[22m", "\x1b[1mN\x1b[22m"],
    ["alice", "wrapped over\nthree lines\nof text", "1"],
    ["日本語", "", "22"],
    ["", "last cell", ""],
    ["bob", "x", "333"],
  ];

  it("gives the same text either way: padded columns, two spaces apart, lines trimmed", () => {
    const library = drawTable(rows, widths, "cli-table3");
    expect(drawTable(rows, widths, "direct")).toBe(library);
    expect(library.split("\n")).toEqual(
      [
        "\x1b[1mNAME\x1b[22m      \x1b[1mNOTE\x1b[22m          \x1b[1mN\x1b[22m",
        "alice     wrapped over  1",
        "          three lines",
        "          of text",
        `日本語    ${" ".repeat(14)}22`,
        `${" ".repeat(10)}last cell`,
        "bob       x             333",
        "",
      ].map((line) => line.trimEnd()),
    );
  });

  it("agrees on a header broken over two lines, styled on each", () => {
    const header = ["\x1b[1mUSERNAME\x1b[22m", "\x1b[1mCUSTOM:\x1b[22m\n\x1b[1mTEAM\x1b[22m"];
    const table = [header, ["alice", "blue"]];
    expect(drawTable(table, [8, 7], "direct")).toBe(drawTable(table, [8, 7], "cli-table3"));
  });

  it("switches to the long-table path past CLI_TABLE3_MAX_ROWS with no visible seam", () => {
    // The first row is the widest, so the column widths do not depend on how many rows follow.
    const print = (n: number) => {
      const io = createTestIO({ stdoutTTY: true, columns: 40 });
      const t = createTablePrinter(io, columns, { now });
      t.add({ name: "widest-name-first", note: "a note that wraps at forty columns", at: now });
      for (let i = 1; i < n; i++) t.add({ name: `n${i}`, note: `note ${i}`, at: now });
      t.render();
      return io.out();
    };
    const atLimit = print(CLI_TABLE3_MAX_ROWS - 1); // with its header, CLI_TABLE3_MAX_ROWS rows
    expect(atLimit.split("\n")[1]).toMatch(/^widest-name-first {2}a note that {2,}just now$/);
    const past = print(CLI_TABLE3_MAX_ROWS + 50);
    expect(past.startsWith(atLimit)).toBe(true);
    expect(past.trimEnd().split("\n").at(-1)).toMatch(
      new RegExp(`^n${CLI_TABLE3_MAX_ROWS + 49} +note \\d+ +just now$`),
    );
  });
});
