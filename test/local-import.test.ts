// User import jobs end to end: CreateUserImportJob through the SDK, the CSV uploaded with a raw HTTP
// PUT to the PreSignedUrl (as `curl -T users.csv -H 'x-amz-server-side-encryption: aws:kms'` does),
// StartUserImportJob (answers Pending; the job runs in the endpoint's background), polling
// DescribeUserImportJob until it ends, then List/Stop — and the same upload in process (--local).
import * as C from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalEndpoint } from "../src/local/endpoint.js";
import { createInProcessRequestHandler } from "../src/local/in-process.js";
import { csvFor, put, ROLE, waitForJob } from "./helpers/import-jobs.js";
import { failure, type LocalHarness, startLocal } from "./helpers/local-server.js";

let h: LocalHarness;
beforeAll(async () => {
  h = await startLocal();
});
afterAll(async () => {
  await h.close();
});

async function poolWithHeader(input: Partial<C.CreateUserPoolRequest> = {}) {
  const { UserPool } = await h.client.send(
    new C.CreateUserPoolCommand({
      PoolName: "import",
      Schema: [{ Name: "plan", AttributeDataType: "String" }],
      ...input,
    }),
  );
  const id = UserPool?.Id as string;
  const { CSVHeader } = await h.client.send(new C.GetCSVHeaderCommand({ UserPoolId: id }));
  return { id, header: CSVHeader as string[] };
}

describe("user import jobs over HTTP", () => {
  it("imports rows as RESET_REQUIRED, skips duplicates, fails bad rows, reports counters", async () => {
    const { id, header } = await poolWithHeader({ AutoVerifiedAttributes: ["email"] });
    await h.client.send(
      new C.AdminCreateUserCommand({ UserPoolId: id, Username: "existing", MessageAction: "SUPPRESS" }),
    );
    const { UserImportJob: created } = await h.client.send(
      new C.CreateUserImportJobCommand({
        UserPoolId: id,
        JobName: "first import",
        CloudWatchLogsRoleArn: ROLE,
      }),
    );
    expect(created?.JobId).toMatch(/^import-[0-9a-zA-Z-]+$/);
    expect(created?.Status).toBe("Created");
    expect(created?.PreSignedUrl?.startsWith(h.server.url)).toBe(true);

    const ok = (u: string, extra: Record<string, string> = {}) => ({
      "cognito:username": u,
      "cognito:mfa_enabled": "false",
      email: `${u}@example.com`,
      email_verified: "TRUE",
      ...extra,
    });
    const body = csvFor(header, [
      ok("ann", { "custom:plan": "gold", name: "Ann\\, Jr." }),
      ok("ben"),
      ok("existing"), // already in the pool → skipped
      ok("ann"), // twice in the file → skipped
      { ...ok("cat"), email_verified: "maybe" }, // bad flag → failed
      { ...ok("dan"), "cognito:mfa_enabled": "" }, // missing mfa → failed
      { ...ok("eli"), email_verified: "FALSE" }, // no verified auto-verified attribute → failed
    ]);

    const refused = await put(created?.PreSignedUrl as string, body, false);
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain("SignatureDoesNotMatch");
    const uploaded = await put(created?.PreSignedUrl as string, body);
    expect(uploaded.status).toBe(200);

    const { UserImportJob: started } = await h.client.send(
      new C.StartUserImportJobCommand({ UserPoolId: id, JobId: created?.JobId }),
    );
    expect(started?.StartDate).toBeInstanceOf(Date);
    expect(started?.Status).toBe("Pending");
    const job = await waitForJob(h.client, id, created?.JobId as string);
    expect(job).toMatchObject({ Status: "Succeeded", ImportedUsers: 2, SkippedUsers: 2, FailedUsers: 3 });
    expect(job?.CompletionDate).toBeInstanceOf(Date);
    const ann = await h.client.send(new C.AdminGetUserCommand({ UserPoolId: id, Username: "ann" }));
    expect(ann.UserStatus).toBe("RESET_REQUIRED");
    expect(ann.UserAttributes).toContainEqual({ Name: "custom:plan", Value: "gold" });
    expect(ann.UserAttributes).toContainEqual({ Name: "name", Value: "Ann, Jr." });
    expect(ann.UserAttributes).toContainEqual({ Name: "email_verified", Value: "true" });

    const again = await failure(
      h.client.send(new C.StartUserImportJobCommand({ UserPoolId: id, JobId: created?.JobId })),
    );
    expect(again.name).toBe("PreconditionNotMetException");
    const list = await h.client.send(new C.ListUserImportJobsCommand({ UserPoolId: id, MaxResults: 10 }));
    expect(list.UserImportJobs?.map((j) => j.JobId)).toEqual([created?.JobId]);
  });

  it("fails the whole job for a wrong header or a BOM, and stops a job that has not run", async () => {
    const { id, header } = await poolWithHeader({ AutoVerifiedAttributes: ["email"] });
    const mk = async (name: string) =>
      (
        await h.client.send(
          new C.CreateUserImportJobCommand({ UserPoolId: id, JobName: name, CloudWatchLogsRoleArn: ROLE }),
        )
      ).UserImportJob;
    const bad = await mk("bad-header");
    await put(bad?.PreSignedUrl as string, "cognito:username,email\nx,x@example.com\n");
    await h.client.send(new C.StartUserImportJobCommand({ UserPoolId: id, JobId: bad?.JobId }));
    const r1 = await waitForJob(h.client, id, bad?.JobId as string);
    expect(r1.Status).toBe("Failed");
    expect(r1.CompletionMessage).toContain("Missing: name");

    const bom = await mk("bom");
    await put(bom?.PreSignedUrl as string, `\uFEFF${header.join(",")}\n`);
    await h.client.send(new C.StartUserImportJobCommand({ UserPoolId: id, JobId: bom?.JobId }));
    const r2 = await waitForJob(h.client, id, bom?.JobId as string);
    expect(r2.Status).toBe("Failed");
    expect(r2.CompletionMessage).toContain("byte order mark");

    const nothing = await mk("nothing-uploaded");
    const early = await failure(
      h.client.send(new C.StartUserImportJobCommand({ UserPoolId: id, JobId: nothing?.JobId })),
    );
    expect(early.name).toBe("PreconditionNotMetException");

    const stopped = await mk("stop-me");
    const s = await h.client.send(new C.StopUserImportJobCommand({ UserPoolId: id, JobId: stopped?.JobId }));
    expect(s.UserImportJob?.Status).toBe("Stopped");
    const restart = await failure(
      h.client.send(new C.StartUserImportJobCommand({ UserPoolId: id, JobId: stopped?.JobId })),
    );
    expect(restart.name).toBe("PreconditionNotMetException");
    const stopDone = await failure(
      h.client.send(new C.StopUserImportJobCommand({ UserPoolId: id, JobId: bad?.JobId })),
    );
    expect(stopDone.name).toBe("PreconditionNotMetException");

    const badName = await failure(
      h.client.send(
        new C.CreateUserImportJobCommand({
          UserPoolId: id,
          JobName: "bad/name",
          CloudWatchLogsRoleArn: ROLE,
        }),
      ),
    );
    expect(badName.message).toContain("Member must satisfy regular expression pattern: [\\w\\s+=,.@-]+");
    const missingJob = await failure(
      h.client.send(new C.DescribeUserImportJobCommand({ UserPoolId: id, JobId: "import-nope" })),
    );
    expect(missingJob.name).toBe("ResourceNotFoundException");
    const noKey = await put(`${h.server.url}/_upload/not-a-token`, "x");
    expect(noKey.status).toBe(404);
  });

  it("a pool without auto-verified attributes: StartUserImportJob refuses, as Cognito's job does not start", async () => {
    const { id, header } = await poolWithHeader();
    const { UserImportJob } = await h.client.send(
      new C.CreateUserImportJobCommand({
        UserPoolId: id,
        JobName: "unverified",
        CloudWatchLogsRoleArn: ROLE,
      }),
    );
    const put = await fetch(UserImportJob?.PreSignedUrl as string, {
      method: "PUT",
      headers: { "x-amz-server-side-encryption": "aws:kms" },
      body: `${header.join(",")}\n`,
    });
    expect(put.status).toBe(200);
    const refused = await failure(
      h.client.send(new C.StartUserImportJobCommand({ UserPoolId: id, JobId: UserImportJob?.JobId })),
    );
    expect(refused.name).toBe("PreconditionNotMetException");
    expect(refused.message).toContain("no auto-verified attributes");
    const { UserImportJob: after } = await h.client.send(
      new C.DescribeUserImportJobCommand({ UserPoolId: id, JobId: UserImportJob?.JobId }),
    );
    expect(after?.Status).toBe("Created");
  });

  it("a job not started within a day reads Expired; its upload URL lapses after 15 minutes", async () => {
    let now = Date.now();
    const local = await startLocal({ clock: () => new Date(now) });
    const { UserPool } = await local.client.send(new C.CreateUserPoolCommand({ PoolName: "exp" }));
    const { UserImportJob } = await local.client.send(
      new C.CreateUserImportJobCommand({
        UserPoolId: UserPool?.Id,
        JobName: "late",
        CloudWatchLogsRoleArn: ROLE,
      }),
    );
    now += 16 * 60 * 1000;
    const late = await put(UserImportJob?.PreSignedUrl as string, "x");
    expect(late.status).toBe(403);
    const ask = () =>
      local.client.send(
        new C.DescribeUserImportJobCommand({ UserPoolId: UserPool?.Id, JobId: UserImportJob?.JobId }),
      );
    expect((await ask()).UserImportJob?.Status).toBe("Created");
    now += 24 * 60 * 60 * 1000;
    const d = await ask();
    expect(d.UserImportJob?.Status).toBe("Expired");
    expect(d.UserImportJob?.CompletionDate).toBeInstanceOf(Date);
    const start = await failure(
      local.client.send(
        new C.StartUserImportJobCommand({ UserPoolId: UserPool?.Id, JobId: UserImportJob?.JobId }),
      ),
    );
    expect(start.name).toBe("PreconditionNotMetException");
    await local.close();
  });
});

describe("user import in process (--local)", () => {
  it("accepts the upload through endpoint.acceptUpload with no server", async () => {
    const endpoint = await LocalEndpoint.open({ region: "us-east-1", inMemory: true });
    const client = new C.CognitoIdentityProviderClient({
      region: "us-east-1",
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
      requestHandler: createInProcessRequestHandler(endpoint),
    });
    const { UserPool } = await client.send(
      new C.CreateUserPoolCommand({ PoolName: "inproc", AutoVerifiedAttributes: ["email"] }),
    );
    const { CSVHeader } = await client.send(new C.GetCSVHeaderCommand({ UserPoolId: UserPool?.Id }));
    const { UserImportJob } = await client.send(
      new C.CreateUserImportJobCommand({
        UserPoolId: UserPool?.Id,
        JobName: "j",
        CloudWatchLogsRoleArn: ROLE,
      }),
    );
    const body = csvFor(CSVHeader as string[], [
      {
        "cognito:username": "zoe",
        "cognito:mfa_enabled": "false",
        email: "zoe@example.com",
        email_verified: "true",
      },
    ]);
    const res = endpoint.acceptUpload(UserImportJob?.PreSignedUrl as string, body, {
      "x-amz-server-side-encryption": "aws:kms",
    });
    expect(res.status).toBe(200);
    const started = await client.send(
      new C.StartUserImportJobCommand({ UserPoolId: UserPool?.Id, JobId: UserImportJob?.JobId }),
    );
    expect(started.UserImportJob?.Status).toBe("Pending");
    const done = await waitForJob(client, UserPool?.Id as string, UserImportJob?.JobId as string);
    expect(done).toMatchObject({ Status: "Succeeded", ImportedUsers: 1 });
    client.destroy();
    endpoint.close();
  });
});
