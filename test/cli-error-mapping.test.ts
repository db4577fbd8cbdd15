// The one table from thrown values to the AWS CLI's messages and exit codes.
import { describe, expect, it } from "vitest";
import { mapError, normalize } from "../src/kernel/error-mapping.js";
import { ConfigError, NetworkError, UsageError } from "../src/kernel/errors.js";
import { isTransient } from "../src/kernel/retry.js";

function sdkError(name: string, message: string, fault = "client") {
  return Object.assign(new Error(message), {
    name,
    $fault: fault,
    $metadata: { httpStatusCode: 400 },
    $response: { statusCode: 400 },
  });
}

describe("mapError", () => {
  it("keeps typed errors as they are", () => {
    expect(mapError(new UsageError("bad flag"))).toEqual({ message: "bad flag", exitCode: 252 });
    expect(mapError(new ConfigError("no region"))).toEqual({ message: "no region", exitCode: 253 });
  });

  it("words service errors as the AWS CLI and exits 254", () => {
    expect(mapError(sdkError("UserNotFoundException", "User does not exist."), "AdminGetUser")).toEqual({
      message:
        "An error occurred (UserNotFoundException) when calling the AdminGetUser operation: User does not exist.",
      exitCode: 254,
    });
    expect(mapError(sdkError("InternalErrorException", "boom", "server"), "ListUsers").exitCode).toBe(254);
  });

  it("exits 253 for missing credentials, region or profile, saying how to fix it", () => {
    const creds = mapError(
      Object.assign(new Error("Could not load credentials from any providers"), {
        name: "CredentialsProviderError",
      }),
    );
    expect(creds.exitCode).toBe(253);
    expect(creds.message).toMatch(/AWS_ACCESS_KEY_ID/);
    const region = mapError(new Error("Region is missing"));
    expect(region).toMatchObject({ exitCode: 253 });
    expect(region.message).toMatch(/--region/);
    const profile = mapError(
      Object.assign(new Error("Profile ci could not be found or parsed in shared credentials file."), {
        name: "CredentialsProviderError",
      }),
    );
    expect(profile.exitCode).toBe(253);
    expect(profile.message).toMatch(/--profile/);
  });

  it("exits 255 for network failures, even when the SDK decorated them with $metadata", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), {
      code: "ECONNREFUSED",
      address: "127.0.0.1",
      port: 9,
      $metadata: { attempts: 1 },
    });
    expect(mapError(refused)).toEqual({
      message: 'Could not connect to the endpoint URL: "http://127.0.0.1:9" (ECONNREFUSED)',
      exitCode: 255,
    });
    expect(mapError(Object.assign(new Error("t"), { name: "TimeoutError" }), "X", "http://h").exitCode).toBe(
      255,
    );
  });

  it("makes a dropped, refused or timed-out connection a NetworkError, which bulk work asks again", () => {
    const reset = Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });
    const refused = Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
    const timeout = Object.assign(new Error("t"), { name: "TimeoutError" });
    for (const err of [reset, refused, timeout]) {
      const mapped = normalize(err, "ListUsers", "http://h");
      expect(mapped).toBeInstanceOf(NetworkError);
      expect(isTransient(mapped)).toBe(true);
    }
    // A failure that is no network's (a bug) is not retried.
    expect(isTransient(normalize(new TypeError("x is undefined")))).toBe(false);
  });

  it("exits 130 when a prompt is aborted, 255 for anything else", () => {
    expect(
      mapError(Object.assign(new Error("User force closed the prompt"), { name: "ExitPromptError" }))
        .exitCode,
    ).toBe(130);
    expect(mapError(new TypeError("oops"))).toEqual({ message: "oops", exitCode: 255 });
  });
});
