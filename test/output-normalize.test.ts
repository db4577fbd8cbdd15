import { describe, expect, test } from "vitest";
import { formatTimestamp, normalizeForOutput } from "../src/kernel/output/normalize.js";
import {
  adminGetUserResponse,
  created,
  listUserPoolsResponse,
  modified,
  withTimeZone,
} from "./fixtures/output.js";

describe("normalizeForOutput", () => {
  test("drops $metadata and undefined members, keeps the response's key order", () => {
    const out = withTimeZone("UTC", () => normalizeForOutput(adminGetUserResponse())) as Record<
      string,
      unknown
    >;
    expect(Object.keys(out)).toEqual([
      "Username",
      "UserAttributes",
      "UserCreateDate",
      "UserLastModifiedDate",
      "Enabled",
      "UserStatus",
    ]);
    expect(out.UserCreateDate).toBe("2024-01-05T12:00:00.123000+00:00");
    expect(out.UserLastModifiedDate).toBe("2024-01-06T08:30:00+00:00");
  });

  test("only the top-level $metadata is SDK bookkeeping; a nested key of that name is data", () => {
    expect(normalizeForOutput({ $metadata: {}, Item: { $metadata: 1 } })).toEqual({ Item: { $metadata: 1 } });
  });

  test("converts nested dates and keeps empty structures", () => {
    const out = withTimeZone("UTC", () => normalizeForOutput(listUserPoolsResponse())) as {
      UserPools: Array<Record<string, unknown>>;
    };
    expect(out).not.toHaveProperty("NextToken");
    expect(out.UserPools[0]).toEqual({
      Id: "us-east-1_AAAAAAAAA",
      Name: "prod-users",
      LambdaConfig: {},
      LastModifiedDate: "2024-01-06T08:30:00+00:00",
      CreationDate: "2024-01-05T12:00:00.123000+00:00",
    });
  });

  test("blobs become base64, as the AWS CLI prints them", () => {
    expect(normalizeForOutput({ Blob: new Uint8Array([104, 105, 255]) })).toEqual({ Blob: "aGn/" });
    const sliced = new Uint8Array([0, 104, 105, 0]).subarray(1, 3);
    expect(normalizeForOutput(sliced)).toBe("aGk=");
  });

  test("scalars, null, unicode and arrays pass through; undefined array items are dropped", () => {
    expect(normalizeForOutput(null)).toBeNull();
    expect(normalizeForOutput("日本語 ✓")).toBe("日本語 ✓");
    expect(normalizeForOutput([1, undefined, "a", null])).toEqual([1, "a", null]);
    expect(normalizeForOutput(12n)).toBe(12);
  });

  test("does not modify the SDK object", () => {
    const response = adminGetUserResponse();
    normalizeForOutput(response);
    expect(response.$metadata.requestId).toBe("0d1e-req");
    expect(response.UserCreateDate).toBe(created);
  });
});

describe("formatTimestamp (Python isoformat in the local zone, as AWS CLI v2)", () => {
  test("UTC: +00:00, microseconds only when non-zero", () => {
    withTimeZone("UTC", () => {
      expect(formatTimestamp(created)).toBe("2024-01-05T12:00:00.123000+00:00");
      expect(formatTimestamp(modified)).toBe("2024-01-06T08:30:00+00:00");
      expect(formatTimestamp(new Date(Date.UTC(2024, 0, 5, 0, 0, 0, 7)))).toBe(
        "2024-01-05T00:00:00.007000+00:00",
      );
    });
  });

  test("a half-hour offset east of UTC", () => {
    withTimeZone("Asia/Kolkata", () =>
      expect(formatTimestamp(created)).toBe("2024-01-05T17:30:00.123000+05:30"),
    );
  });

  test("west of UTC crosses the date line back and follows daylight saving", () => {
    withTimeZone("America/New_York", () => {
      expect(formatTimestamp(new Date(Date.UTC(2024, 0, 5, 2, 0, 0)))).toBe("2024-01-04T21:00:00-05:00");
      expect(formatTimestamp(new Date(Date.UTC(2024, 6, 5, 2, 0, 0)))).toBe("2024-07-04T22:00:00-04:00");
    });
  });

  test("an invalid date is reported, not thrown", () => {
    expect(formatTimestamp(new Date(Number.NaN))).toBe("Invalid Date");
  });
});
