// boto3 (python3) against `local serve` on port 0: botocore's own serialisation, parsing, paginators
// and error codes work with the endpoint.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalHarness, startLocal } from "./local-helpers/server.js";

let h: LocalHarness;
beforeAll(async () => {
  h = await startLocal();
});
afterAll(async () => {
  await h.close();
});

describe("boto3", () => {
  it("drives pools, clients, users, groups, pagination and errors", async () => {
    const { stdout } = await promisify(execFile)("python3", ["test/fixtures/boto3-smoke.py", h.server.url], {
      timeout: 60_000,
    });
    const out = JSON.parse(stdout);
    expect(out.pool_id).toMatch(/^us-east-1_/);
    expect(out.creation_date_type).toBe("datetime");
    expect(out.client_secret_len).toBe(51);
    expect(out.groups).toEqual(["staff"]);
    expect(out.listed).toEqual(["pat"]);
    expect(out.status).toBe("FORCE_CHANGE_PASSWORD");
    expect(out.error_code).toBe("UserNotFoundException");
    expect(out.error_message).toBe("User does not exist.");
    expect(["InvalidParameterException", "ParamValidationError"]).toContain(out.limit_error);
    expect(out.auth_error).toBeDefined();
    expect(out.header_tail).toEqual(["cognito:mfa_enabled", "cognito:username"]);
  });
});
