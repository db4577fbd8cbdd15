// The wire protocol of the local endpoint: malformed requests, unknown targets, unsupported
// operations, CORS preflight, error headers — over raw HTTP — and the in-process SDK handler.
import {
  CognitoIdentityProviderClient,
  CreateUserPoolCommand,
  ListUserPoolsCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalEndpoint } from "../src/local/endpoint.js";
import { createInProcessRequestHandler } from "../src/local/in-process.js";
import { type LocalHarness, startLocal } from "./helpers/local-server.js";

let h: LocalHarness;
beforeAll(async () => {
  h = await startLocal();
});
afterAll(async () => {
  await h.close();
});

async function post(target: string | undefined, body: string) {
  const headers: Record<string, string> = { "content-type": "application/x-amz-json-1.1" };
  if (target !== undefined) headers["x-amz-target"] = target;
  const res = await fetch(h.server.url, { method: "POST", headers, body });
  return {
    status: res.status,
    errorType: res.headers.get("x-amzn-errortype"),
    body: (await res.json()) as { __type: string; message: string },
  };
}

describe("wire protocol", () => {
  it("answers malformed JSON with SerializationException", async () => {
    const r = await post("AWSCognitoIdentityProviderService.ListUserPools", "{not json");
    expect(r.status).toBe(400);
    expect(r.body.__type).toBe("SerializationException");
    expect(r.errorType?.split(":")[0]).toBe("SerializationException");
  });

  it("answers unknown targets with UnknownOperationException", async () => {
    expect((await post("AWSCognitoIdentityProviderService.MakeCoffee", "{}")).body.__type).toBe(
      "UnknownOperationException",
    );
    expect((await post(undefined, "{}")).body.__type).toBe("UnknownOperationException");
    expect((await post("SomeOtherService.ListUserPools", "{}")).body.__type).toBe(
      "UnknownOperationException",
    );
  });

  it("answers wrong member types with the Coral serialization messages", async () => {
    const r = await post("AWSCognitoIdentityProviderService.ListUserPools", '{"MaxResults":"ten"}');
    expect(r.body).toEqual({
      __type: "SerializationException",
      message: "STRING_VALUE can not be converted to an Integer",
    });
    const r2 = await post(
      "AWSCognitoIdentityProviderService.CreateUserPool",
      '{"PoolName":"x","AliasAttributes":"email"}',
    );
    expect(r2.body).toEqual({ __type: "SerializationException", message: "Expected list or null" });
    const r3 = await post("AWSCognitoIdentityProviderService.CreateUserPool", '{"PoolName":{"a":1}}');
    expect(r3.body.__type).toBe("SerializationException");
  });

  it("reports several constraint violations at once, enum values included", async () => {
    const r = await post("AWSCognitoIdentityProviderService.CreateUserPool", '{"MfaConfiguration":"MAYBE"}');
    expect(r.body.__type).toBe("InvalidParameterException");
    expect(r.body.message).toMatch(/^2 validation errors detected: /);
    expect(r.body.message).toContain(
      "Value null at 'poolName' failed to satisfy constraint: Member must not be null",
    );
    expect(r.body.message).toContain(
      "Value 'MAYBE' at 'mfaConfiguration' failed to satisfy constraint: Member must satisfy enum value set: [OFF, ON, OPTIONAL]",
    );
  });

  it("answers CORS preflights from a local origin, echoing that origin", async () => {
    const res = await fetch(h.server.url, {
      method: "OPTIONS",
      headers: {
        origin: "http://localhost:3000",
        "access-control-request-headers": "x-amz-target,content-type",
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe("http://localhost:3000");
    expect(res.headers.get("access-control-allow-headers")).toBe("x-amz-target,content-type");
  });
});

describe("in-process handler (--local)", () => {
  it("lets the SDK client create and list pools with no server", async () => {
    const endpoint = await LocalEndpoint.open({ region: "eu-west-1", inMemory: true });
    const client = new CognitoIdentityProviderClient({
      region: "eu-west-1",
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
      endpoint: "http://local.invalid",
      requestHandler: createInProcessRequestHandler(endpoint),
    });
    const { UserPool } = await client.send(new CreateUserPoolCommand({ PoolName: "in-process" }));
    expect(UserPool?.Id).toMatch(/^eu-west-1_/);
    const list = await client.send(new ListUserPoolsCommand({ MaxResults: 10 }));
    expect(list.UserPools?.map((p) => p.Name)).toEqual(["in-process"]);
    await expect(client.send(new ListUserPoolsCommand({ MaxResults: 0 }))).rejects.toMatchObject({
      name: "InvalidParameterException",
    });
    client.destroy();
    endpoint.close();
  });
});
