import { describe, expect, test } from "vitest";
import { displayWidth } from "../src/kernel/output/fit-columns.js";
import { formatResult } from "../src/kernel/output/format.js";
import { normalizeForOutput } from "../src/kernel/output/normalize.js";
import {
  adminGetUserResponse,
  hasAnsi,
  listUserPoolsResponse,
  listUsersResponse,
  stripAnsi,
  withTimeZone,
} from "./fixtures/output.js";

const normalized = (response: unknown) => withTimeZone("UTC", () => normalizeForOutput(response));
const table = (value: unknown, columns: number | undefined, title?: string, color = false) =>
  formatResult(value, "table", { color, columns, title });
const lines = (...rows: string[]) => `${rows.join("\n")}\n`;
const widest = (text: string) => Math.max(...text.trimEnd().split("\n").map(displayWidth));

describe("table output", () => {
  test("admin-get-user: title, key/value rows in model order, then the attribute list as an indented sub-table", () => {
    expect(table(normalized(adminGetUserResponse()), 100, "AdminGetUser")).toBe(
      lines(
        "┌─────────────────────────────────────────────────────────┐",
        "│                      AdminGetUser                       │",
        "├──────────────────────┬──────────────────────────────────┤",
        "│ Username             │ alice                            │",
        "│ UserCreateDate       │ 2024-01-05T12:00:00.123000+00:00 │",
        "│ UserLastModifiedDate │ 2024-01-06T08:30:00+00:00        │",
        "│ Enabled              │ True                             │",
        "│ UserStatus           │ CONFIRMED                        │",
        "└──────────────────────┴──────────────────────────────────┘",
        "  ┌───────────────────────────────────────────────────────┐",
        "  │                    UserAttributes                     │",
        "  ├────────────────┬──────────────────────────────────────┤",
        "  │      Name      │                Value                 │",
        "  ├────────────────┼──────────────────────────────────────┤",
        "  │ sub            │ 8f0c1d2e-0000-4000-8000-000000000001 │",
        "  │ email_verified │ true                                 │",
        "  │ email          │ alice@example.com                    │",
        "  └────────────────┴──────────────────────────────────────┘",
      ),
    );
  });

  test("a list of structures is one table with a column per scalar key; empty members are left out", () => {
    const pools = {
      UserPools: [
        { Id: "p1", Name: "prod", LambdaConfig: {} },
        { Id: "p2", Name: "dev" },
      ],
    };
    expect(table(pools, 80, "ListUserPools")).toBe(
      lines(
        "┌───────────────────────────┐",
        "│ ListUserPools › UserPools │",
        "├────┬──────────────────────┤",
        "│ Id │         Name         │",
        "├────┼──────────────────────┤",
        "│ p1 │ prod                 │",
        "│ p2 │ dev                  │",
        "└────┴──────────────────────┘",
      ),
    );
  });

  test("items with nested members get a table each, followed by their sub-tables", () => {
    const out = table(normalized(listUsersResponse()), 120, "ListUsers");
    const titles = out.split("\n").filter((line) => /ListUsers › Users|Attributes/.test(line));
    expect(titles.map((line) => line.replace(/[│\s]+/g, " ").trim())).toEqual([
      "ListUsers › Users",
      "Attributes",
      "ListUsers › Users",
      "Attributes",
    ]);
    expect(out).toContain("│ False   │");
    expect(out).toContain("  │ email │ bob@example.com");
  });

  test("--query shapes: a scalar, a scalar list, rows of scalars", () => {
    expect(table("us-east-1_x", 80, "ListUserPools")).toBe(
      lines(
        "┌───────────────┐",
        "│ ListUserPools │",
        "├───────────────┤",
        "│ us-east-1_x   │",
        "└───────────────┘",
      ),
    );
    expect(table(["alice", "bob"], 80)).toBe(lines("┌───────┐", "│ alice │", "│ bob   │", "└───────┘"));
    expect(
      table(
        [
          ["alice", "CONFIRMED"],
          ["bob", "UNCONFIRMED"],
        ],
        80,
        "ListUsers",
      ),
    ).toBe(
      lines(
        "┌─────────────────────┐",
        "│      ListUsers      │",
        "├───────┬─────────────┤",
        "│ alice │ CONFIRMED   │",
        "│ bob   │ UNCONFIRMED │",
        "└───────┴─────────────┘",
      ),
    );
  });

  test("empty results print nothing", () => {
    expect(table({}, 80, "AdminDisableUser")).toBe("");
    expect(table([], 80, "ListUsers")).toBe("");
    expect(table(null, 80, "X")).toBe("");
    expect(table({ Users: [] }, 80, "ListUsers")).toBe("");
  });

  test("a structure without scalars carries its title into deeper tables", () => {
    const value = { UserPool: { Id: "x", Policies: { PasswordPolicy: { MinimumLength: 8 } } } };
    const out = table(value, 80, "DescribeUserPool");
    expect(out).toContain("│ DescribeUserPool › UserPool │");
    expect(out).toContain("  │ Policies › PasswordPolicy │");
    expect(out).toContain("  │ MinimumLength │ 8 ");
  });

  test("in a pipe (no width) nothing is narrowed: a 300-character token and long prose stay on one line", () => {
    const token = `eyJ${"Q".repeat(297)}`;
    const description = "A pool for the production web shop, its mobile apps and the partner portal ".repeat(
      3,
    );
    const out = table({ NextToken: token, Description: description.trim() }, undefined, "ListUsers");
    expect(out).toContain(`│ NextToken   │ ${token} │`);
    expect(out).toContain(`│ Description │ ${description.trim()}`);
    expect(out).not.toContain("…");
  });

  test.each([60, 80])("fits a %i-column terminal without cutting an identifier; dates wrap", (columns) => {
    const out = table(normalized(listUserPoolsResponse()), columns, "ListUserPools");
    expect(widest(out)).toBeLessThanOrEqual(columns);
    expect(out).not.toContain("…");
    for (const whole of [
      "us-east-1_AAAAAAAAA",
      "us-east-1_BBBBBBBBB",
      "arn:aws:lambda:us-east-1:123:function:pre",
    ])
      expect(out).toContain(` ${whole} `);
  });

  test("at 60 columns a list too wide for its columns turns into the vertical key/value layout, per item", () => {
    const out = table(normalized(listUserPoolsResponse()), 60, "ListUserPools");
    expect(out).toContain("│ Id               │ us-east-1_AAAAAAAAA              │");
    expect(out).toContain("│ CreationDate     │ 2024-01-05T12:00:00.123000+00:00 │");
    expect(out).not.toMatch(/│\s+Id\s+│\s+Name\s+│/);
  });

  test("at 80 columns the same list keeps its columns, and only the dates wrap inside their cells", () => {
    const out = table(normalized(listUserPoolsResponse()), 80, "ListUserPools");
    expect(out).toMatch(/│\s+Id\s+│\s+Name\s+│\s+LastModifiedDate\s+│\s+CreationDate\s+│/);
    const cells = out.split("\n").map((line) => line.split("│").map((cell) => cell.trim()));
    const dateLines = cells.filter((row) => row[4]?.startsWith("2024-01-05T12:00:00"));
    expect(dateLines.length).toBe(2);
    // The wrapped date reads whole when its cell's lines are joined.
    const first = cells.findIndex((row) => row[4]?.startsWith("2024-01-05T12:00:00"));
    expect(cells[first][4] + cells[first + 1][4]).toBe("2024-01-05T12:00:00.123000+00:00");
  });

  test("a value wider than the whole terminal is printed whole, never cut", () => {
    const out = table(normalized(listUserPoolsResponse()), 40, "ListUserPools");
    expect(out).toContain("│ arn:aws:lambda:us-east-1:123:function:pre │");
    expect(out).toContain("us-east-1_AAAAAAAAA");
    expect(out).not.toContain("…");
    expect(widest(out)).toBeGreaterThan(40);
  });

  test("a value too wide to sit beside its key takes a line of its own across the box", () => {
    const arn = "arn:aws:cognito-idp:us-east-1:000000000000:userpool/us-east-1_6HGDy78I9";
    const pool = {
      UserPool: {
        Id: "us-east-1_6HGDy78I9",
        Name: "shop",
        EstimatedNumberOfUsers: 0,
        Arn: arn,
        UserPoolTier: "ESSENTIALS",
      },
    };
    const out = table(pool, 80, "DescribeUserPool");
    expect(widest(out)).toBeLessThanOrEqual(80);
    expect(out).toContain(`│ ${arn} `);
    expect(out).toMatch(/│ Arn +│ +│\n│ arn:aws:cognito-idp:/);
    expect(out).toMatch(/│ EstimatedNumberOfUsers │ 0 +│/);
    // With room beside the key (in a pipe), the ARN sits in its cell like every other value.
    expect(table(pool, undefined, "DescribeUserPool")).toContain(`│ Arn                    │ ${arn} │`);
  });

  test("free text wraps between words; a value without spaces in the same column stays whole", () => {
    const attributes = {
      UserAttributes: [
        { Name: "sub", Value: "8f0c1d2e-0000-4000-8000-000000000001" },
        { Name: "address", Value: "1 Long Street, Flat 22, Some Town, Some County, AB1 2CD, United Kingdom" },
      ],
    };
    const out = table(attributes, 60, "AdminGetUser");
    expect(widest(out)).toBeLessThanOrEqual(60);
    expect(out).toContain(" 8f0c1d2e-0000-4000-8000-000000000001 ");
    const valueLines = out
      .split("\n")
      .map((line) => line.split("│")[2]?.trim())
      .filter((cell) => cell && cell !== "Value" && !cell.startsWith("8f0c"));
    expect(valueLines.length).toBeGreaterThan(1);
    expect(valueLines.join(" ")).toBe(attributes.UserAttributes[1].Value);
  });

  test("a description wraps inside its cell, even inside a word longer than the column", () => {
    const value = {
      Id: "us-east-1_AAAAAAAAA",
      Description: `Used by ${"supercalifragilistic".repeat(3)} apps`,
    };
    const out = table(value, 40, "DescribeUserPool");
    expect(widest(out)).toBeLessThanOrEqual(40);
    expect(out).toContain(" us-east-1_AAAAAAAAA ");
    const description = out
      .split("\n")
      .filter((line) => !line.includes("Id "))
      .map((line) => line.split("│")[2]?.trim() ?? "")
      .join("");
    expect(description.replaceAll(" ", "")).toBe(value.Description.replaceAll(" ", ""));
  });

  test("columns follow the keys' order; keys missing from the first item go where the others have them", () => {
    const value = {
      Clients: [
        { ClientId: "c1", ClientName: "web", CreationDate: "d1" },
        { ClientId: "c2", UserPoolId: "p2", ClientName: "app", CreationDate: "d2" },
      ],
    };
    const out = table(value, undefined, "ListUserPoolClients");
    expect(out).toMatch(/│\s+ClientId\s+│\s+UserPoolId\s+│\s+ClientName\s+│\s+CreationDate\s+│/);
    expect(out).toContain("│ c1       │            │ web        │ d1           │");
  });

  test("wide characters are measured by display width", () => {
    const out = table(
      { Description: "日本語のユーザープール名前の説明文です", Id: "x" },
      30,
      "DescribeUserPool",
    );
    expect(widest(out)).toBeLessThanOrEqual(30);
    const description = out.split("\n").map((line) => line.split("│")[2]?.trim() ?? "");
    expect(description.slice(3, 7).join("")).toBe("日本語のユーザープール名前の説明文です");
    expect(table({ Name: "Zoë ✓" }, 80)).toBe(
      lines("┌──────┬───────┐", "│ Name │ Zoë ✓ │", "└──────┴───────┘"),
    );
  });

  test("colour on: bold title and coloured keys/headers, same layout; colour off: no ANSI codes", () => {
    const value = normalized(adminGetUserResponse());
    const colored = table(value, 100, "AdminGetUser", true);
    expect(colored).toContain("\x1b[1mAdminGetUser\x1b[22m");
    expect(colored).toContain("\x1b[36mUsername\x1b[39m");
    expect(stripAnsi(colored)).toBe(table(value, 100, "AdminGetUser"));
    expect(hasAnsi(table(value, 100, "AdminGetUser"))).toBe(false);
  });
});
