// boto3 (python3), the AWS CLI and curl against `local serve` on port 0: botocore's own
// serialisation, parsing, paginators and error codes work with the endpoint, and curl -T uploads.
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalHarness, startLocal } from "./helpers/local-server.js";
import { requireTool } from "./helpers/tools.js";

let h: LocalHarness;
beforeAll(async () => {
  requireTool("python3");
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

describe("AWS CLI and curl", () => {
  const env = {
    ...process.env,
    AWS_ACCESS_KEY_ID: "local",
    AWS_SECRET_ACCESS_KEY: "local",
    AWS_DEFAULT_REGION: "us-east-1",
  };
  const aws = (...args: string[]) =>
    promisify(execFile)("aws", ["--endpoint-url", h.server.url, "cognito-idp", ...args, "--output", "json"], {
      env,
      timeout: 60_000,
    });

  it("the AWS CLI creates a pool and a user, and reads the service's errors", async () => {
    const pool = JSON.parse((await aws("create-user-pool", "--pool-name", "awscli")).stdout).UserPool;
    expect(pool.Id).toMatch(/^us-east-1_/);
    await aws(
      "admin-create-user",
      "--user-pool-id",
      pool.Id,
      "--username",
      "cli-user",
      "--message-action",
      "SUPPRESS",
    );
    const users = JSON.parse((await aws("list-users", "--user-pool-id", pool.Id)).stdout).Users;
    expect(users.map((u: { Username: string }) => u.Username)).toEqual(["cli-user"]);
    const err = await aws("admin-get-user", "--user-pool-id", pool.Id, "--username", "ghost").then(
      () => undefined,
      (e: { stderr: string; code: number }) => e,
    );
    expect(err?.stderr).toContain(
      "An error occurred (UserNotFoundException) when calling the AdminGetUser operation: User does not exist.",
    );
  });

  it("curl -T uploads an import CSV to the PreSignedUrl", async () => {
    const pool = JSON.parse(
      (await aws("create-user-pool", "--pool-name", "curl", "--auto-verified-attributes", "email")).stdout,
    ).UserPool;
    const header: string[] = JSON.parse(
      (await aws("get-csv-header", "--user-pool-id", pool.Id)).stdout,
    ).CSVHeader;
    const job = JSON.parse(
      (
        await aws(
          "create-user-import-job",
          "--user-pool-id",
          pool.Id,
          "--job-name",
          "curl",
          "--cloud-watch-logs-role-arn",
          "arn:aws:iam::000000000000:role/x",
        )
      ).stdout,
    ).UserImportJob;
    const file = join(mkdtempSync(join(tmpdir(), "cogctl-curl-")), "users.csv");
    const values: Record<string, string> = {
      "cognito:username": "curly",
      "cognito:mfa_enabled": "false",
      email: "curly@example.com",
      email_verified: "true",
    };
    const row = header.map((c) => values[c] ?? "");
    writeFileSync(file, `${header.join(",")}\n${row.join(",")}\n`);
    await promisify(execFile)("curl", [
      "-sf",
      "-T",
      file,
      "-H",
      "x-amz-server-side-encryption: aws:kms",
      job.PreSignedUrl,
    ]);
    const started = JSON.parse(
      (await aws("start-user-import-job", "--user-pool-id", pool.Id, "--job-id", job.JobId)).stdout,
    ).UserImportJob;
    // Start answers at once; the job runs in the server's background: poll as a script would.
    expect(["Pending", "InProgress", "Succeeded"]).toContain(started.Status);
    let ended = started;
    for (let i = 0; i < 100 && ended.Status !== "Succeeded"; i++) {
      await new Promise((r) => setTimeout(r, 50));
      ended = JSON.parse(
        (await aws("describe-user-import-job", "--user-pool-id", pool.Id, "--job-id", started.JobId)).stdout,
      ).UserImportJob;
    }
    expect(ended).toMatchObject({ Status: "Succeeded", ImportedUsers: 1 });
  });
});
