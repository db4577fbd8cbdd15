import { describe, expect, it } from "vitest";
import { renderOperationHelp, renderOperationList } from "../src/cli/operation-help.js";
import { loadIndex, loadOperation } from "../src/cognito/catalog.js";
import { ensureCatalog } from "./helpers/catalog.js";

ensureCatalog();

const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`);

describe("renderOperationHelp", () => {
  const acu = () => renderOperationHelp(loadOperation("admin-create-user")!, { width: 80, color: false });

  it("has the AWS CLI's sections in order", () => {
    const text = acu();
    const order = ["NAME", "DESCRIPTION", "SYNOPSIS", "OPTIONS", "GLOBAL OPTIONS", "OUTPUT"].map((h) =>
      text.indexOf(`\n${h}\n`) >= 0 ? text.indexOf(`\n${h}\n`) : text.indexOf(`${h}\n`),
    );
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(text).toMatch(/^NAME\n {2}admin-create-user - Creates a new user in the specified user pool\.\n/);
    expect(text).toContain("See 'cogctl --help'.");
  });

  it("shows flags with type, required, allowed values and syntax examples", () => {
    const text = acu();
    expect(text).toContain(
      "\n  --user-pool-id (string) [required]\n    The ID of the user pool where you want to create a user.\n",
    );
    expect(text).toMatch(
      /--message-action \(string\)\n[\s\S]*?Possible values:\n {6}- RESEND\n {6}- SUPPRESS\n/,
    );
    expect(text).toMatch(
      /--user-attributes \(list\)[\s\S]*?Shorthand Syntax:\n {6}Name=string,Value=string Name=string,Value=string\n\n {4}JSON Syntax:\n {6}\[\n {8}\{\n {10}"Name": "string",\n {10}"Value": "string"\n {8}\}\n {6}\]/,
    );
    expect(text).toContain("[--force-alias-creation | --no-force-alias-creation]");
    expect(text).toContain("--client-metadata (map)");
    expect(text).toMatch(/--client-metadata[\s\S]*?Shorthand Syntax:\n {6}KeyName1=string,KeyName2=string/);
    expect(text).toContain("    --user-pool-id <value>\n    --username <value>\n");
  });

  it("wraps to the width and uses no colour unless asked", () => {
    const text = acu();
    expect(ANSI.test(text)).toBe(false);
    for (const line of text.split("\n")) {
      if (!line.includes("://") && !/^\s*\S+$/.test(line)) expect(line.length, line).toBeLessThanOrEqual(80);
    }
    expect(
      ANSI.test(renderOperationHelp(loadOperation("admin-create-user")!, { width: 80, color: true })),
    ).toBe(true);
  });

  it("shows the pagination flags instead of the raw token and limit", () => {
    const text = renderOperationHelp(loadOperation("list-users")!, { width: 100, color: false });
    expect(text).not.toContain("--pagination-token <value>");
    expect(text).not.toContain("[--limit <value>]");
    expect(text).toContain("[--starting-token <value>]");
    expect(text).toContain("they replace --pagination-token and --limit");
    expect(text).toMatch(/--attributes-to-get \(list\)[\s\S]*?Syntax:\n {6}"string" "string" \.\.\./);
  });

  it("keeps a required page-size member visible (list-user-pools --max-results)", () => {
    const text = renderOperationHelp(loadOperation("list-user-pools")!, { width: 100, color: false });
    expect(text).toContain("    --max-results <value>\n");
    expect(text).toContain("--max-results (integer) [required]");
    expect(text).not.toContain("[--next-token <value>]");
    expect(text).toContain("they replace --next-token)");
  });

  it("renders every operation without throwing and names all its flags", () => {
    for (const o of loadIndex().operations) {
      const op = loadOperation(o.cliName)!;
      const text = renderOperationHelp(op, { width: 100, color: false });
      expect(text).toContain(`cogctl ${op.cliName}`);
      expect(text).not.toMatch(/<\/?(p|code|li|ul|a)\b/);
    }
  });
});

describe("renderOperationList", () => {
  it("lists every operation once, by group, with summaries wrapped whole at the width", () => {
    const index = loadIndex();
    const text = renderOperationList(index, { width: 90, color: false });
    for (const o of index.operations) {
      expect(text.match(new RegExp(`^  ${o.cliName}( |$)`, "gm")), o.cliName).toHaveLength(1);
    }
    // 90 columns: the description column is capped at 40% of the width; longer names sit alone.
    const column = 2 + 36 + 2;
    for (const l of text.split("\n")) {
      expect(l.length).toBeLessThanOrEqual(90);
      const beside = /^ {2}\S+ +(?=\S)/.exec(l);
      const below = /^ {3,}(?=\S)/.exec(l);
      if (beside || below) expect((beside ?? below)![0].length, l).toBe(column);
    }
    expect(text).not.toContain("…");
    expect(text.indexOf("Users (admin) operations:")).toBeLessThan(text.indexOf("Terms operations:"));
    expect(renderOperationList(index, { width: 120, color: false })).toMatch(
      /^ {2}admin-create-user +Creates a new user in the specified user pool\.$/m,
    );
  });
});
