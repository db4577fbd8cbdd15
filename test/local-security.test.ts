// The embedded endpoint's security and robustness findings of issue 8, each end to end over HTTP
// against a server on port 0: request keys named like Object.prototype members, numbers an Integer
// cannot hold, invalid UTF-8, duplicate attribute names, Host/Origin checks (DNS rebinding, foreign
// web pages), and presigned uploads refused before their body is read.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as C from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalEndpoint, TARGET_PREFIX } from "../src/local/endpoint.js";
import type { InputModel } from "../src/local/model/types.js";
import { type RunningServer, startServer } from "../src/local/server.js";
import { RequestValidator } from "../src/local/validate.js";
import { BIN, spawnCli } from "./helpers/cli.js";
import { waitForJob } from "./helpers/import-jobs.js";
import {
  type AdminAuthPool,
  adminAuthPool,
  failure,
  type LocalHarness,
  startLocal,
} from "./helpers/local-server.js";

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * One HTTP request with full control of the headers (fetch will not send a Host of our choosing).
 * With `withholdBody` the headers go out and the body never does: the answer must come without it.
 */
function raw(
  url: string,
  opts: {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
    withholdBody?: boolean;
  },
): Promise<RawResponse> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: u.hostname,
        port: u.port,
        method: opts.method ?? "POST",
        path: opts.path ?? "/",
        headers: opts.headers,
      },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (c) => (body += c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    if (opts.withholdBody) req.flushHeaders();
    else req.end(opts.body);
  });
}

const call = (url: string, op: string, body: string | Buffer, headers: Record<string, string> = {}) =>
  raw(url, {
    headers: {
      "x-amz-target": `${TARGET_PREFIX}${op}`,
      "content-type": "application/x-amz-json-1.1",
      ...headers,
    },
    body,
  });

const json = (r: RawResponse) => JSON.parse(r.body) as Record<string, any>;

function claims(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split(".")[1], "base64url").toString("utf8"));
}

let h: LocalHarness;
let poolId: string;
let clientId: string;
let app: AdminAuthPool;
beforeAll(async () => {
  h = await startLocal();
  app = await adminAuthPool(h, "sec");
  ({ poolId, clientId } = app);
});
afterAll(async () => {
  await h.close();
});

async function signedInUser(username: string): Promise<string> {
  await app.user(username, "Passw0rd!x");
  return (await app.signIn(username, "Passw0rd!x")).AccessToken;
}

describe("request keys named like Object.prototype members", () => {
  const names = ["constructor", "toString", "__proto__", "hasOwnProperty", "valueOf"];

  it("are unknown members and ignored, as Coral ignores them: at the top, nested and in list items", async () => {
    for (const name of names) {
      const top = await call(h.server.url, "ListUserPools", `{"MaxResults":1,"${name}":1}`);
      expect(top.status, `${name} at the top`).toBe(200);
      expect(json(top).UserPools).toHaveLength(1);
      const nested = await call(
        h.server.url,
        "CreateUserPool",
        `{"PoolName":"n-${name}","Policies":{"PasswordPolicy":{"MinimumLength":9,"${name}":{"x":1}},"${name}":2},` +
          `"Schema":[{"Name":"plan","AttributeDataType":"String","${name}":"x"}],"UserPoolTags":{"${name}":"kept"}}`,
      );
      expect(nested.status, `${name} nested`).toBe(200);
      const pool = json(nested).UserPool;
      expect(pool.Policies.PasswordPolicy.MinimumLength).toBe(9);
      expect(JSON.stringify(pool.Policies)).not.toContain(`"${name}"`);
      // A map's keys are data, not members: a tag named __proto__ is kept as a tag.
      expect(pool.UserPoolTags).toEqual({ [name]: "kept" });
      expect(Object.hasOwn(pool.UserPoolTags, name)).toBe(true);
    }
  });

  it("used as attribute names or filter attributes get the service's answer, never a 500", async () => {
    for (const name of names) {
      const filter = await call(
        h.server.url,
        "ListUsers",
        JSON.stringify({ UserPoolId: poolId, Filter: `${name} = "x"` }),
      );
      expect(filter.status, `Filter on ${name}`).toBe(400);
      expect(json(filter)).toEqual({
        __type: "InvalidParameterException",
        message: `Invalid search attribute: ${name}`,
      });
      const attr = await call(
        h.server.url,
        "AdminCreateUser",
        JSON.stringify({
          UserPoolId: poolId,
          Username: `p-${name}`,
          UserAttributes: [{ Name: name, Value: "v" }],
        }),
      );
      expect(attr.status, `attribute ${name}`).toBe(400);
      expect(json(attr).__type).toBe("InvalidParameterException");
      const get = await call(
        h.server.url,
        "AdminGetUser",
        JSON.stringify({ UserPoolId: poolId, Username: name }),
      );
      expect(json(get).__type).toBe("UserNotFoundException");
    }
  });
});

describe("numbers an Integer member cannot hold", () => {
  const refused = {
    __type: "SerializationException",
    message: "NUMBER_VALUE can not be converted to an Integer",
  };

  it("a fraction, a value beyond int32 or one that overflows to Infinity is a SerializationException", async () => {
    for (const n of ["10.5", "0.1", "2147483648", "-2147483649", "1e400", "-1e400", "1e10"]) {
      const r = await call(h.server.url, "ListUserPools", `{"MaxResults":${n}}`);
      expect(r.status, n).toBe(400);
      expect(json(r), n).toEqual(refused);
    }
    // Whole numbers written with an exponent or a zero fraction are integers in JSON.
    for (const n of ["1e1", "10.0"]) {
      expect((await call(h.server.url, "ListUserPools", `{"MaxResults":${n}}`)).status, n).toBe(200);
    }
  });

  it("CreateUserPool with MinimumLength 8.7 is refused and stores nothing", async () => {
    const before = (await h.client.send(new C.ListUserPoolsCommand({ MaxResults: 60 }))).UserPools?.length;
    const r = await call(
      h.server.url,
      "CreateUserPool",
      '{"PoolName":"fraction","Policies":{"PasswordPolicy":{"MinimumLength":8.7}}}',
    );
    expect(r.status).toBe(400);
    expect(json(r)).toEqual(refused);
    const after = await h.client.send(new C.ListUserPoolsCommand({ MaxResults: 60 }));
    expect(after.UserPools?.length).toBe(before);
    expect(after.UserPools?.map((p) => p.Name)).not.toContain("fraction");
  });
});

describe("the number rules for the types the Cognito model does not use (Long, Double)", () => {
  // Cognito's request model has Integer members only; the validator is shared, so its Long and
  // Double rules are checked on a model made for the purpose.
  const model: InputModel = {
    operations: { Op: "OpRequest" },
    shapes: {
      OpRequest: { t: "structure", m: { L: "LongType", D: "DoubleType" } },
      LongType: { t: "long" },
      DoubleType: { t: "double" },
    },
  };
  const v = new RequestValidator(model);
  const outcome = (input: unknown) => {
    try {
      return v.validate("Op", input);
    } catch (err) {
      return (err as Error).message;
    }
  };

  it("a Long holds whole numbers up to 2^53, a Double any finite number", () => {
    expect(outcome({ L: 2 ** 53 - 1, D: 0.5 })).toEqual({ L: 2 ** 53 - 1, D: 0.5 });
    expect(outcome(JSON.parse('{"L":9007199254740993}'))).toBe("NUMBER_VALUE can not be converted to a Long");
    expect(outcome({ L: 1.5 })).toBe("NUMBER_VALUE can not be converted to a Long");
    expect(outcome(JSON.parse('{"D":1e400}'))).toBe("NUMBER_VALUE can not be converted to a Double");
  });
});

describe("invalid UTF-8 in a request body", () => {
  it("is refused with a SerializationException, and nothing is stored", async () => {
    const body = Buffer.concat([
      Buffer.from(`{"UserPoolId":"${poolId}","Username":"bad`),
      Buffer.from([0xff, 0xfe, 0xc3]),
      Buffer.from('","MessageAction":"SUPPRESS"}'),
    ]);
    const r = await call(h.server.url, "AdminCreateUser", body);
    expect(r.status).toBe(400);
    expect(json(r).__type).toBe("SerializationException");
    const { Users } = await h.client.send(
      new C.ListUsersCommand({ UserPoolId: poolId, Filter: 'username ^= "bad"' }),
    );
    expect(Users).toEqual([]);
    // Valid multi-byte UTF-8 still goes through untouched.
    const ok = await call(
      h.server.url,
      "AdminCreateUser",
      Buffer.from(
        JSON.stringify({ UserPoolId: poolId, Username: "zoë-日本", MessageAction: "SUPPRESS" }),
        "utf8",
      ),
    );
    expect(json(ok).User.Username).toBe("zoë-日本");
  });

  it("is refused the same way by the endpoint itself (the transport --local uses)", async () => {
    const out = await h.endpoint.handle({
      target: `${TARGET_PREFIX}ListUserPools`,
      body: new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]),
      headers: {},
    });
    expect(out.status).toBe(400);
    expect(JSON.parse(out.body).__type).toBe("SerializationException");
  });
});

describe("API request bodies over 1 MB", () => {
  it("are refused from the declared length before the body is sent, or cut off when undeclared", async () => {
    const declared = await raw(h.server.url, {
      headers: {
        "x-amz-target": `${TARGET_PREFIX}ListUserPools`,
        "content-length": String(50 * 1024 * 1024),
      },
      withholdBody: true,
    });
    expect(declared.status).toBe(413);
    expect(json(declared).__type).toBe("SerializationException");
    const chunked = await raw(h.server.url, {
      headers: { "x-amz-target": `${TARGET_PREFIX}ListUserPools`, "transfer-encoding": "chunked" },
      body: Buffer.alloc(2 * 1024 * 1024, 0x20),
    });
    expect(chunked.status).toBe(413);
  });
});

describe("the same attribute twice in one request", () => {
  const twice = [
    { Name: "name", Value: "first" },
    { Name: "name", Value: "second" },
  ];
  const duplicate = { name: "InvalidParameterException", message: "Duplicate attribute name(s): name" };

  it("is refused by AdminCreateUser and SignUp (no user made)", async () => {
    const created = await failure(
      h.client.send(
        new C.AdminCreateUserCommand({ UserPoolId: poolId, Username: "dup1", UserAttributes: twice }),
      ),
    );
    expect(created).toEqual(duplicate);
    const signed = await failure(
      h.client.send(
        new C.SignUpCommand({
          ClientId: clientId,
          Username: "dup2",
          Password: "Passw0rd!x",
          UserAttributes: twice,
        }),
      ),
    );
    expect(signed).toEqual(duplicate);
    for (const u of ["dup1", "dup2"]) {
      const gone = await failure(
        h.client.send(new C.AdminGetUserCommand({ UserPoolId: poolId, Username: u })),
      );
      expect(gone.name).toBe("UserNotFoundException");
    }
  });

  it("is refused by AdminUpdateUserAttributes and UpdateUserAttributes (nothing changed)", async () => {
    const token = await signedInUser("dup3");
    await h.client.send(
      new C.AdminUpdateUserAttributesCommand({
        UserPoolId: poolId,
        Username: "dup3",
        UserAttributes: [{ Name: "name", Value: "kept" }],
      }),
    );
    expect(
      await failure(
        h.client.send(
          new C.AdminUpdateUserAttributesCommand({
            UserPoolId: poolId,
            Username: "dup3",
            UserAttributes: twice,
          }),
        ),
      ),
    ).toEqual(duplicate);
    expect(
      await failure(
        h.client.send(new C.UpdateUserAttributesCommand({ AccessToken: token, UserAttributes: twice })),
      ),
    ).toEqual(duplicate);
    const user = await h.client.send(new C.AdminGetUserCommand({ UserPoolId: poolId, Username: "dup3" }));
    expect(user.UserAttributes?.find((a) => a.Name === "name")?.Value).toBe("kept");
  });
});

describe("the Host header", () => {
  it("is refused unless it is a loopback name (DNS rebinding)", async () => {
    for (const host of ["evil.example.com", 'a"><script>', "127.0.0.1.evil.example.com", "10.0.0.1:9229"]) {
      const r = await raw(h.server.url, { method: "GET", path: "/health", headers: { host } });
      expect(r.status, host).toBe(421);
      expect(r.body).not.toContain("script");
      const api = await call(h.server.url, "DeleteUserPool", JSON.stringify({ UserPoolId: poolId }), {
        host,
      });
      expect(api.status, host).toBe(421);
    }
    for (const host of ["localhost", "localhost:1", "127.0.0.1:9", "127.8.9.10", "[::1]:80", "LOCALHOST:5"]) {
      const r = await raw(h.server.url, { method: "GET", path: "/health", headers: { host } });
      expect(r.status, host).toBe(200);
    }
    // The pool survived the refused DeleteUserPool calls.
    await h.client.send(new C.DescribeUserPoolCommand({ UserPoolId: poolId }));
  });

  it("never reaches PreSignedUrl, the discovery document or the tokens' iss: the served address does", async () => {
    const host = "localhost:4321";
    const doc = await raw(h.server.url, {
      method: "GET",
      path: `/${poolId}/.well-known/openid-configuration`,
      headers: { host },
    });
    expect(json(doc).issuer).toBe(`${h.server.url}/${poolId}`);
    expect(doc.body).not.toContain("4321");
    const job = await call(
      h.server.url,
      "CreateUserImportJob",
      JSON.stringify({
        UserPoolId: poolId,
        JobName: "j",
        CloudWatchLogsRoleArn: "arn:aws:iam::000000000000:role/r",
      }),
      { host },
    );
    expect(json(job).UserImportJob.PreSignedUrl.startsWith(`${h.server.url}/_upload/`)).toBe(true);
    await signedInUser("issuer");
    const auth = await call(
      h.server.url,
      "AdminInitiateAuth",
      JSON.stringify({
        UserPoolId: poolId,
        ClientId: clientId,
        AuthFlow: "ADMIN_USER_PASSWORD_AUTH",
        AuthParameters: { USERNAME: "issuer", PASSWORD: "Passw0rd!x" },
      }),
      { host },
    );
    const result = json(auth).AuthenticationResult;
    expect(claims(result.IdToken).iss).toBe(`${h.server.url}/${poolId}`);
    expect(claims(result.AccessToken).iss).toBe(`${h.server.url}/${poolId}`);
  });
});

describe("browser origins", () => {
  it("a foreign Origin is refused before the request acts, simple request or preflight", async () => {
    const { UserPool } = await h.client.send(new C.CreateUserPoolCommand({ PoolName: "victim" }));
    for (const origin of [
      "http://evil.example.com",
      "https://localhost.evil.example.com",
      "null",
      "file://",
    ]) {
      // text/plain: a "simple" request a page can send with no preflight at all.
      const del = await call(h.server.url, "DeleteUserPool", JSON.stringify({ UserPoolId: UserPool?.Id }), {
        origin,
        "content-type": "text/plain",
      });
      expect(del.status, origin).toBe(403);
      expect(del.headers["access-control-allow-origin"], origin).toBeUndefined();
      const pre = await raw(h.server.url, {
        method: "OPTIONS",
        headers: {
          origin,
          "access-control-request-method": "POST",
          "access-control-request-headers": "x-amz-target",
        },
      });
      expect(pre.status, origin).toBe(403);
      expect(Object.keys(pre.headers).filter((k) => k.startsWith("access-control-"))).toEqual([]);
    }
    await h.client.send(new C.DescribeUserPoolCommand({ UserPoolId: UserPool?.Id }));
  });

  it("local origins are allowed and echoed; requests without an Origin get no CORS headers", async () => {
    for (const origin of ["http://localhost:3000", "https://127.0.0.1", "http://[::1]:8080"]) {
      const r = await call(h.server.url, "ListUserPools", '{"MaxResults":1}', { origin });
      expect(r.status, origin).toBe(200);
      expect(r.headers["access-control-allow-origin"]).toBe(origin);
      expect(r.headers.vary).toBe("Origin");
    }
    const sdkLike = await call(h.server.url, "ListUserPools", '{"MaxResults":1}');
    expect(sdkLike.status).toBe(200);
    expect(sdkLike.headers["access-control-allow-origin"]).toBeUndefined();
  });
});

describe("--public-url and --cors-origin", () => {
  let server: RunningServer;
  let endpoint: LocalEndpoint;
  beforeAll(async () => {
    endpoint = await LocalEndpoint.open({ region: "us-east-1", inMemory: true });
    server = await startServer({
      port: 0,
      endpoint,
      publicUrl: "http://cognito.test:9229",
      corsOrigins: ["https://app.example.test"],
    });
  });
  afterAll(async () => {
    await server.close();
    endpoint.close();
  });

  it("the public URL's host is accepted and is what the endpoint hands out; other names are not", async () => {
    const created = await call(server.url, "CreateUserPool", '{"PoolName":"pub"}', {
      host: "cognito.test:9229",
    });
    const id = json(created).UserPool.Id;
    const doc = await raw(server.url, {
      method: "GET",
      path: `/${id}/.well-known/openid-configuration`,
      headers: { host: "127.0.0.1" },
    });
    expect(json(doc).issuer).toBe(`http://cognito.test:9229/${id}`);
    const job = await call(
      server.url,
      "CreateUserImportJob",
      JSON.stringify({
        UserPoolId: id,
        JobName: "j",
        CloudWatchLogsRoleArn: "arn:aws:iam::000000000000:role/r",
      }),
    );
    expect(json(job).UserImportJob.PreSignedUrl).toMatch(/^http:\/\/cognito\.test:9229\/_upload\//);
    expect(
      (await raw(server.url, { method: "GET", path: "/health", headers: { host: "other.test" } })).status,
    ).toBe(421);
  });

  it("a --cors-origin is allowed exactly; a look-alike is not", async () => {
    const ok = await call(server.url, "ListUserPools", '{"MaxResults":1}', {
      origin: "https://app.example.test",
    });
    expect(ok.status).toBe(200);
    expect(ok.headers["access-control-allow-origin"]).toBe("https://app.example.test");
    for (const origin of [
      "http://app.example.test",
      "https://app.example.test:444",
      "https://evil.app.example.test",
    ]) {
      expect((await call(server.url, "ListUserPools", '{"MaxResults":1}', { origin })).status, origin).toBe(
        403,
      );
    }
  });

  it("`cogctl local serve` takes both flags and refuses malformed ones (exit 252)", async () => {
    const child: ChildProcess = spawn(
      process.execPath,
      [
        BIN,
        "local",
        "serve",
        "--in-memory",
        "--port",
        "0",
        "--log-level",
        "silent",
        "--public-url",
        "http://cognito.test:9229",
        "--cors-origin",
        "https://app.example.test",
      ],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = "";
        child.stdout?.on("data", (c) => {
          out += c;
          if (out.includes("\n")) resolve(out.trim());
        });
        child.on("exit", (code) => reject(new Error(`serve exited ${code}`)));
      });
      const r = await call(url, "CreateUserPool", '{"PoolName":"cli"}', {
        origin: "https://app.example.test",
      });
      expect(r.status).toBe(200);
      const id = json(r).UserPool.Id;
      const doc = await raw(url, {
        method: "GET",
        path: `/${id}/.well-known/openid-configuration`,
        headers: { host: "cognito.test:9229" },
      });
      expect(json(doc).issuer).toBe(`http://cognito.test:9229/${id}`);
      expect(
        (await call(url, "ListUserPools", '{"MaxResults":1}', { origin: "https://other.test" })).status,
      ).toBe(403);
    } finally {
      child.kill("SIGTERM");
    }
    for (const [flag, value] of [
      ["--public-url", "cognito.test:9229"],
      ["--public-url", "ftp://cognito.test"],
      ["--public-url", "http://cognito.test/prefix"],
      ["--cors-origin", "app.example.test"],
      ["--cors-origin", "https://app.example.test/path"],
    ]) {
      const bad = await spawnCli(["local", "serve", "--in-memory", "--port", "0", flag, value]);
      expect(bad.code, `${flag} ${value}`).toBe(252);
      expect(bad.stderr).toContain(flag);
      expect(bad.stderr).toContain(value);
    }
  });
});

describe("presigned uploads", () => {
  const ROLE = "arn:aws:iam::000000000000:role/r";
  const SSE = { "x-amz-server-side-encryption": "aws:kms" };
  let now = Date.now();
  let dataDir: string;
  let local: LocalHarness;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "cogctl-sec-upload-"));
    local = await startLocal({ dataDir, clock: () => new Date(now) });
  });
  afterAll(async () => {
    await local.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function newJob() {
    const { UserPool } = await local.client.send(
      new C.CreateUserPoolCommand({ PoolName: "up", AutoVerifiedAttributes: ["email"] }),
    );
    const { UserImportJob } = await local.client.send(
      new C.CreateUserImportJobCommand({
        UserPoolId: UserPool?.Id,
        JobName: "j",
        CloudWatchLogsRoleArn: ROLE,
      }),
    );
    const { CSVHeader } = await local.client.send(new C.GetCSVHeaderCommand({ UserPoolId: UserPool?.Id }));
    return {
      poolId: UserPool?.Id as string,
      job: UserImportJob as C.UserImportJobType,
      header: CSVHeader as string[],
    };
  }
  const pathOf = (url: string) => {
    const u = new URL(url);
    return `${u.pathname}${u.search}`;
  };

  it("a bogus token or an over-limit length is answered before the body is sent", async () => {
    const { job } = await newJob();
    const bogus = await raw(local.server.url, {
      method: "PUT",
      path: "/_upload/not-a-token",
      headers: { ...SSE, "content-length": String(99 * 1024 * 1024) },
      withholdBody: true,
    });
    expect(bogus.status).toBe(404);
    expect(bogus.body).toContain("<Code>NoSuchKey</Code>");
    const tooBig = await raw(local.server.url, {
      method: "PUT",
      path: pathOf(job.PreSignedUrl as string),
      headers: { ...SSE, "content-length": String(100 * 1024 * 1024 + 1) },
      withholdBody: true,
    });
    expect(tooBig.status).toBe(400);
    expect(tooBig.body).toContain("<Code>EntityTooLarge</Code>");
    const chunked = await raw(local.server.url, {
      method: "PUT",
      path: pathOf(job.PreSignedUrl as string),
      headers: { ...SSE, "transfer-encoding": "chunked" },
      withholdBody: true,
    });
    expect(chunked.status).toBe(411);
    expect(chunked.body).toContain("<Code>MissingContentLength</Code>");
  });

  it("X-Amz-Date is the signing time; past X-Amz-Expires (900 s) the URL is refused as S3 does", async () => {
    const { job } = await newJob();
    const q = new URL(job.PreSignedUrl as string).searchParams;
    expect(q.get("X-Amz-Expires")).toBe("900");
    const signedAt = q.get("X-Amz-Date") as string;
    const created = (job.CreationDate as Date).getTime();
    const expected = new Date(Math.floor(created / 1000) * 1000).toISOString().replace(/[-:]|\.\d+/g, "");
    expect(signedAt).toBe(expected);
    // Editing the date in the URL breaks its signature.
    const edited = (job.PreSignedUrl as string).replace(signedAt, "20991231T000000Z");
    const forged = await raw(local.server.url, {
      method: "PUT",
      path: pathOf(edited),
      headers: SSE,
      body: "x",
    });
    expect(forged.status).toBe(403);
    expect(forged.body).toContain("<Code>SignatureDoesNotMatch</Code>");
    now += 901 * 1000;
    try {
      const late = await raw(local.server.url, {
        method: "PUT",
        path: pathOf(job.PreSignedUrl as string),
        headers: SSE,
        body: "x",
      });
      expect(late.status).toBe(403);
      expect(late.body).toContain("<Code>AccessDenied</Code><Message>Request has expired</Message>");
    } finally {
      now -= 901 * 1000;
    }
  });

  it("a good upload is spooled to disk, renamed into place, importable, and leaves no spool file", async () => {
    const { poolId: id, job, header } = await newJob();
    const row = header.map(
      (c) =>
        ({
          "cognito:username": "ivy",
          "cognito:mfa_enabled": "false",
          email: "ivy@example.com",
          email_verified: "true",
        })[c] ?? "",
    );
    const csv = `${header.join(",")}\n${row.join(",")}\n`;
    const put = await raw(local.server.url, {
      method: "PUT",
      path: pathOf(job.PreSignedUrl as string),
      headers: { ...SSE, "content-length": String(Buffer.byteLength(csv)) },
      body: csv,
    });
    expect(put.status).toBe(200);
    // Renamed into place in the data directory; no spool file left behind.
    const uploads = join(dataDir, "uploads");
    expect(readdirSync(uploads)).toEqual([`${job.JobId}.csv`]);
    expect(readFileSync(join(uploads, `${job.JobId}.csv`), "utf8")).toBe(csv);
    expect(statSync(uploads).mode & 0o777).toBe(0o700);
    const started = await local.client.send(
      new C.StartUserImportJobCommand({ UserPoolId: id, JobId: job.JobId }),
    );
    expect(started.UserImportJob?.Status).toBe("Pending");
    const ended = await waitForJob(local.client, id, job.JobId as string);
    expect(ended.Status).toBe("Succeeded");
    expect(ended.ImportedUsers).toBe(1);
    const user = await local.client.send(new C.AdminGetUserCommand({ UserPoolId: id, Username: "ivy" }));
    expect(user.UserStatus).toBe("RESET_REQUIRED");
    // The job cannot restart: its file is gone once imported.
    expect(readdirSync(uploads)).toEqual([]);
  });

  it("a body cut short of its declared length is not put in place", async () => {
    const { poolId: id, job } = await newJob();
    const u = new URL(local.server.url);
    await new Promise<void>((resolve) => {
      const req = request({
        host: u.hostname,
        port: u.port,
        method: "PUT",
        path: pathOf(job.PreSignedUrl as string),
        headers: { ...SSE, "content-length": "1000" },
      });
      req.on("error", () => resolve());
      req.on("response", () => resolve());
      req.write("cognito:username\n");
      setTimeout(() => req.destroy(), 200);
    });
    await new Promise((r) => setTimeout(r, 200));
    expect(readdirSync(join(dataDir, "uploads"))).toEqual([]);
    const d = await local.client.send(
      new C.DescribeUserImportJobCommand({ UserPoolId: id, JobId: job.JobId }),
    );
    expect(d.UserImportJob?.Status).toBe("Created");
    // §8b: starting a job with nothing uploaded.
    const started = await failure(
      local.client.send(new C.StartUserImportJobCommand({ UserPoolId: id, JobId: job.JobId })),
    );
    expect(started.name).toBe("PreconditionNotMetException");
    expect(started.message).toContain("No file was uploaded to the PreSignedUrl");
  });
});
