// Help fits the terminal: text wraps at the width (40, 80, 160 columns) without ever cutting a
// word, and descriptions start at a column chosen from the widest term up to a cap, continuing
// with a hanging indent. Checked on the real help screens built from the catalog.
import { describe, expect, it } from "vitest";
import { commands as handWrittenCommands } from "../commands/index.js";
import { acceptsShorthand, flagsFor, shorthandExample } from "../src/cli/args/index.js";
import { renderHelp } from "../src/cli/help.js";
import {
  commandLine,
  descriptionColumn,
  reflow,
  shellQuote,
  twoColumns,
  wrap,
  wrapShorthand,
} from "../src/cli/help-layout.js";
import { renderOperationHelp } from "../src/cli/operation-help.js";
import { loadIndex, loadOperation } from "../src/cognito/catalog.js";
import { createTestIO } from "../src/kernel/io/test-io.js";
import { ensureCatalog } from "./helpers/catalog.js";

ensureCatalog();

const WIDTHS = [40, 80, 160];
const words = (s: string) => s.split(/\s+/).filter(Boolean);

/**
 * Every line fits the width, unless it is one word too long for any line (a URL, a token), maybe
 * followed by the backslash that continues a command line.
 */
function expectFits(text: string, width: number): void {
  for (const line of text.split("\n")) {
    if (line.length > width) expect(words(line.replace(/ \\$/, "")), `${width}: ${line}`).toHaveLength(1);
  }
}

/**
 * The description laid out beside `term` by twoColumns, read back: the rest of the term's line,
 * or the lines below it, with every continuation line at the hanging indent.
 */
function describedAs(text: string, indent: string, term: string): string {
  const lines = text.split("\n");
  const at = lines.findIndex((l) => l === `${indent}${term}` || l.startsWith(`${indent}${term}  `));
  expect(at, term).toBeGreaterThanOrEqual(0);
  const first = lines[at]!.slice(indent.length + term.length);
  const next = lines[at + 1] ?? "";
  const column = first.trim()
    ? indent.length + term.length + first.length - first.trimStart().length
    : next.length - next.trimStart().length;
  const parts = [first];
  for (const l of lines.slice(at + 1)) {
    if (l.length <= column || l.slice(0, column).trim() !== "" || l[column] === " ") break;
    parts.push(l);
  }
  return words(parts.join(" ")).join(" ");
}

describe("wrap", () => {
  const docs = loadIndex().operations.map((o) => loadOperation(o.cliName)!.doc ?? "");

  it.each(WIDTHS)("never splits a word of any operation's description at %i columns", (width) => {
    for (const doc of docs) {
      const lines = wrap(doc, width, "    ");
      expect(words(lines.join("\n"))).toEqual(words(doc));
      expectFits(lines.join("\n"), width);
    }
  });

  it("hangs bullets", () => {
    expect(wrap("one two three four\n- five six seven", 12, "  ")).toEqual([
      "  one two",
      "  three four",
      "  - five six",
      "    seven",
    ]);
  });
});

describe("wrapShorthand", () => {
  const examples = loadIndex().operations.flatMap((o) =>
    flagsFor(loadOperation(o.cliName)!)
      .filter((f) => acceptsShorthand(f.shape))
      .map((f) => shorthandExample(f.shape)),
  );

  it.each(WIDTHS)("breaks shorthand only after a comma or at a space at %i columns", (width) => {
    expect(examples.length).toBeGreaterThan(50);
    for (const text of examples) {
      const lines = wrapShorthand(text, width, "      ");
      expect(lines.join("").replace(/ /g, ""), text).toBe(text.replace(/ /g, ""));
      for (const l of lines) {
        const body = l.trim();
        if (l.length > width) expect(body.split(/(?<=,)|(?= )/), l).toHaveLength(1);
        expect(/^[,}\]]/.test(body), l).toBe(false);
      }
    }
  });
});

describe("twoColumns", () => {
  it("starts descriptions just past the widest term, up to a cap", () => {
    const rows = [
      ["--a", "first"],
      ["--bbbbbb", "second"],
    ] as const;
    expect(twoColumns(rows, { width: 80 })).toEqual(["  --a       first", "  --bbbbbb  second"]);
    expect(descriptionColumn(["x".repeat(60)], 80)).toBe(2 + 32 + 2);
    expect(descriptionColumn(["x".repeat(60)], 160)).toBe(2 + 48 + 2);
    expect(descriptionColumn(["x".repeat(60)], 40)).toBe(2 + 16 + 2);
  });

  it("puts a term wider than the cap on its own line and wraps with a hanging indent", () => {
    const long = `--${"x".repeat(40)}`;
    const text = "a description long enough to need more than one line at forty columns";
    const out = twoColumns(
      [
        ["--a", text],
        [long, "below its term"],
      ],
      { width: 40 },
    );
    expect(out).toEqual([
      "  --a               a description long",
      "                    enough to need more",
      "                    than one line at",
      "                    forty columns",
      `  ${long}`,
      "                    below its term",
    ]);
  });
});

describe("shell command lines of examples", () => {
  it("quotes what a shell would change and continues long lines before a flag", () => {
    expect(shellQuote("Users[].Username")).toBe("'Users[].Username'");
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(shellQuote("Name=email,Value=a@b.c")).toBe("Name=email,Value=a@b.c");
    const args = ["list-users", "--user-pool-id", "us-east-1_EXAMPLE", "--query", "Users[].Username"];
    expect(commandLine(args, 40, "")).toEqual([
      "cogctl list-users \\",
      "  --user-pool-id us-east-1_EXAMPLE \\",
      "  --query 'Users[].Username'",
    ]);
    expect(commandLine(args, 160, "")).toEqual([
      "cogctl list-users --user-pool-id us-east-1_EXAMPLE --query 'Users[].Username'",
    ]);
  });
});

describe("help screens at the terminal's width", () => {
  const index = loadIndex();

  it.each(WIDTHS)("cogctl --help at %i columns: every summary whole, nothing cut", async (width) => {
    const text = await renderHelp(undefined, createTestIO({ columns: width }), handWrittenCommands);
    expect(text).not.toContain("…");
    expectFits(text, width);
    for (const o of index.operations)
      expect(describedAs(text, "  ", o.cliName)).toBe(words(o.summary).join(" "));
    for (const [name, e] of Object.entries(handWrittenCommands))
      expect(describedAs(text, "  ", name)).toBe(e.summary);
    expect(describedAs(text, "  ", "--endpoint-url <url>")).toMatch(/^Send requests to this endpoint/);
  });

  it("chooses the description column from the terms, not a fixed one", async () => {
    const text = await renderHelp(undefined, createTestIO({ columns: 160 }), handWrittenCommands);
    const widest = Math.max(...index.operations.map((o) => o.cliName.length));
    const line = text.split("\n").find((l) => l.startsWith("  admin-create-user "))!;
    expect(line.indexOf("Creates")).toBe(2 + widest + 2);
    const global = text.split("\n").find((l) => l.startsWith("  --region "))!;
    expect(global.indexOf("The AWS Region")).toBe(2 + "--cli-connect-timeout <seconds>".length + 2);
  });

  it.each(WIDTHS)("create-user-pool help at %i columns keeps every word of the model's docs", (width) => {
    const op = loadOperation("create-user-pool")!;
    const text = renderOperationHelp(op, { width, color: false });
    expectFits(text.replace(/^ +(JSON|\{|\}|\[|\]|").*$/gm, ""), width);
    const flat = words(text).join(" ");
    expect(flat).toContain(words(op.doc ?? "").join(" "));
    for (const m of Object.values(op.input.members))
      if (m.doc) expect(flat).toContain(words(m.doc).join(" "));
  });

  it.each(WIDTHS)("task command help at %i columns: options described whole", async (width) => {
    const text = await renderHelp(["auth", "login"], createTestIO({ columns: width }), handWrittenCommands);
    expectFits(text, width);
    expect(describedAs(text, "  ", "--code-command <command>")).toBe(
      "A shell command that prints the MFA code once it has been sent (for scripts; COGCTL_CODE_COMMAND also works)",
    );
    expect(text).not.toContain("--help");
  });
});

describe("reflow", () => {
  it("joins a paragraph's source lines, keeps blank lines, bullets and indented lines", () => {
    expect(reflow("one two\nthree\n\n- a bullet\n- another\n  indented\nlast")).toBe(
      "one two three\n\n- a bullet\n- another\n  indented\nlast",
    );
  });

  it("lets a description written at 100 columns wrap evenly at 80", () => {
    const text = `${"word ".repeat(19)}end\n${"more ".repeat(19)}end`;
    const lines = wrap(reflow(text), 80);
    expect(lines.every((l) => l.length <= 80)).toBe(true);
    // Without reflow the first source line's tail would be a short line of its own.
    expect(lines.slice(0, -1).every((l) => l.length > 70)).toBe(true);
  });
});
