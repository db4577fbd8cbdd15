import { describe, expect, test } from "vitest";
import { formatResult } from "../src/kernel/output/format.js";
import { loadCliTableStrlen } from "../src/kernel/output/lazy-modules.js";
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
const table = (value: unknown, columns: number, title?: string, color = false) =>
  formatResult(value, "table", { color, columns, title });
const lines = (...rows: string[]) => `${rows.join("\n")}\n`;
const widest = (text: string) => Math.max(...text.trimEnd().split("\n").map(loadCliTableStrlen()));

describe("table output", () => {
  test("admin-get-user: title, sorted key/value rows, then the attribute list as an indented sub-table", () => {
    expect(table(normalized(adminGetUserResponse()), 100, "AdminGetUser")).toBe(
      lines(
        "┌─────────────────────────────────────────────────────────┐",
        "│                      AdminGetUser                       │",
        "├──────────────────────┬──────────────────────────────────┤",
        "│ Enabled              │ True                             │",
        "│ UserCreateDate       │ 2024-01-05T12:00:00.123000+00:00 │",
        "│ UserLastModifiedDate │ 2024-01-06T08:30:00+00:00        │",
        "│ UserStatus           │ CONFIRMED                        │",
        "│ Username             │ alice                            │",
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

  test.each([40, 60, 80])("fits a %i-column terminal, truncating long cells with …", (columns) => {
    const out = table(normalized(listUserPoolsResponse()), columns, "ListUserPools");
    expect(widest(out)).toBeLessThanOrEqual(columns);
    expect(out).toContain("…");
  });

  test("wide characters are measured by display width", () => {
    const out = table({ Name: "日本語のユーザープール名前", Id: "x" }, 30, "DescribeUserPool");
    expect(widest(out)).toBeLessThanOrEqual(30);
    expect(out).toContain("│ Name │ 日本語のユーザープ… │");
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
