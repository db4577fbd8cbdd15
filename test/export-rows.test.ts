// users export's line formatting (unit): a user as the pool's import CSV line, read back by the same
// splitter the import reader uses, and as a JSON line; what Cognito's dialect cannot carry.
import { describe, expect, it } from "vitest";
import { splitLine } from "../src/cognito/csv/index.js";
import { CliError, ExitCode, NetworkError, ServiceError, UsageError } from "../src/kernel/errors.js";
import { GroupMap } from "../src/kernel/export/group-map.js";
import {
  birthdateForFile,
  csvHeader,
  csvLine,
  jsonLine,
  type LossyValue,
} from "../src/kernel/export/rows.js";
import { isTransient } from "../src/kernel/retry.js";

const HEADER = csvHeader(
  ["name", "email", "email_verified", "birthdate", "address", "cognito:mfa_enabled", "cognito:username"],
  true,
);
const user = (attrs: Record<string, string>, more: Record<string, unknown> = {}) => ({
  Username: "ann",
  Attributes: Object.entries(attrs).map(([Name, Value]) => ({ Name, Value })),
  UserStatus: "CONFIRMED",
  Enabled: false,
  UserCreateDate: new Date("2026-01-02T03:04:05Z"),
  UserLastModifiedDate: new Date("2026-02-03T04:05:06Z"),
  ...more,
});
/** Values as the import reader sees them: split at unescaped commas, trimmed, `\\,` restored. */
const readBack = (line: string) =>
  Object.fromEntries(
    splitLine(line.replace(/\n$/, "")).fields.map((f, i) => [HEADER[i], f.trim().replaceAll("\\,", ",")]),
  );

describe("export rows", () => {
  it("writes the import dialect: \\, escapes, mm/dd/yyyy, lower-case booleans, extras", () => {
    const groups = new GroupMap(["admins", "beta"]);
    groups.add("ann", 1);
    groups.add("ann", 0);
    groups.add("ann", 0);
    expect(groups.memberships).toBe(2);
    const lossy: LossyValue[] = [];
    const line = csvLine(
      HEADER,
      user({
        name: "Smith, John",
        email: "a@example.com",
        email_verified: "True",
        birthdate: "1990-04-23",
        address: "ends with \\",
        sub: "s-1",
      }),
      { mfa: "OPTIONAL", groupsOf: (u) => groups.groupsOf(u) },
      lossy,
    );
    expect(lossy).toEqual([]);
    expect(readBack(line)).toEqual({
      name: "Smith, John",
      email: "a@example.com",
      email_verified: "true",
      birthdate: "04/23/1990",
      address: "ends with \\",
      "cognito:mfa_enabled": "false",
      "cognito:username": "ann",
      "cognito:groups": "admins;beta",
      "cognito:enabled": "false",
      "cognito:status": "CONFIRMED",
      "cognito:sub": "s-1",
      "cognito:created": "2026-01-02T03:04:05.000Z",
      "cognito:modified": "2026-02-03T04:05:06.000Z",
    });
  });

  it("the group map keeps ListGroups order and counts each membership once, past 30 groups too", () => {
    const names = Array.from({ length: 40 }, (_, i) => `g${i}`);
    const groups = new GroupMap(names);
    // Groups 0..29 are bits, later ones an array: added out of order, twice, across the boundary.
    for (const g of [35, 29, 0, 31, 29, 35, 1, 30, 0]) groups.add("ann", g);
    groups.add("bob", 39);
    groups.add("bob", 39);
    groups.add("cy", 29);
    groups.add("cy", 2);
    expect(groups.groupsOf("ann")).toEqual(["g0", "g1", "g29", "g30", "g31", "g35"]);
    expect(groups.groupsOf("bob")).toEqual(["g39"]);
    expect(groups.groupsOf("cy")).toEqual(["g2", "g29"]);
    expect(groups.groupsOf("nobody")).toEqual([]);
    expect(groups.memberships).toBe(6 + 1 + 2);
    for (let g = 0; g < 40; g++) groups.add("dee", g);
    expect(groups.groupsOf("dee")).toEqual(names);
    expect(groups.memberships).toBe(9 + 40);
  });

  it("cognito:mfa_enabled follows the pool's mode, and SMS MFA when optional", () => {
    const mfa = (mode: "ON" | "OFF" | "OPTIONAL", more = {}) =>
      readBack(csvLine(HEADER, user({}, more), { mfa: mode }, []))["cognito:mfa_enabled"];
    expect(mfa("ON")).toBe("true");
    expect(mfa("OFF", { MFAOptions: [{ DeliveryMedium: "SMS" }] })).toBe("false");
    expect(mfa("OPTIONAL", { MFAOptions: [{ DeliveryMedium: "SMS" }] })).toBe("true");
    expect(mfa("OPTIONAL", { UserMFASettingList: ["SOFTWARE_TOKEN_MFA"] })).toBe("false");
  });

  it("reports what the dialect cannot carry and keeps the line one row", () => {
    const lossy: LossyValue[] = [];
    const line = csvLine(
      HEADER,
      user({ address: "a\nb", name: " padded " }),
      { mfa: "OFF", groupsOf: () => ["x;y"] },
      lossy,
    );
    expect(line.split("\n").length).toBe(2);
    expect(lossy.map((l) => l.column).sort()).toEqual(["address", "cognito:groups", "name"]);
    expect(readBack(line).address).toBe("a b");
  });

  it("jsonl keeps values exactly, with --attributes as a filter", () => {
    const record = JSON.parse(
      jsonLine(user({ address: "a\nb", email: "e" }), {
        mfa: "OFF",
        only: new Set(["address"]),
        groupsOf: () => [],
      }),
    );
    expect(record).toMatchObject({
      Username: "ann",
      Attributes: [{ Name: "address", Value: "a\nb" }],
      Enabled: false,
      Groups: [],
    });
    expect(birthdateForFile("1990")).toBe("1990");
  });

  it("asks a page again only after throttling, a server error or the network, never a bad request", () => {
    expect(isTransient(new ServiceError("TooManyRequestsException", "ListUsers", "slow down"))).toBe(true);
    expect(isTransient(new ServiceError("500", "ListUsers", "Internal Server Error"))).toBe(true);
    expect(isTransient(new ServiceError("InvalidParameterException", "ListUsers", "bad token"))).toBe(false);
    expect(isTransient(new NetworkError('Could not connect to the endpoint URL: "x" (ECONNREFUSED)'))).toBe(
      true,
    );
    // The class decides, not the words: a bug's message that happens to read alike is not retried.
    expect(isTransient(new CliError("Could not connect the dots", ExitCode.OTHER))).toBe(false);
    expect(isTransient(new UsageError("Could not connect"))).toBe(false);
  });
});
