// 17 implemented operations newer than the botocore 1.43.11 model (and UpdateManagedLoginBranding,
// whose ids it leaves optional) used to be checked against hand-written shapes; now the router checks them with
// the generated model like every other operation. Six of them (replicas, provisioned limits,
// AdminGetUserAuthFactors) are in the vendored botocore 1.43.67 model, which gives them its bounds. Each is sent over HTTP to the embedded endpoint
// as raw JSON (the SDK would refuse some of these inputs itself): a missing required member is an
// InvalidParameterException in Cognito's words, a wrong enum value too. The expected members are
// written out here from the API reference, independently of the generated model.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalHarness, startLocal } from "./helpers/local-server.js";

let h: LocalHarness;
beforeAll(async () => {
  h = await startLocal();
});
afterAll(async () => {
  await h.close();
});

async function send(
  operation: string,
  input: unknown,
): Promise<{ status: number; type: string; message: string }> {
  const res = await fetch(h.server.url, {
    method: "POST",
    headers: {
      "content-type": "application/x-amz-json-1.1",
      "x-amz-target": `AWSCognitoIdentityProviderService.${operation}`,
    },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as { __type: string; message: string };
  return { status: res.status, type: body.__type, message: body.message };
}

const nullAt = (path: string) =>
  `Value null at '${path}' failed to satisfy constraint: Member must not be null`;

// Operation → its required members (as the service names them in messages).
const REQUIRED: Record<string, string[]> = {
  AdminDeleteSoftwareToken: ["userPoolId", "username"],
  AdminGetUserAuthFactors: ["userPoolId", "username"],
  DescribeTermsByClient: ["clientId", "userPoolId", "termsName"],
  GetUserPoolSessionConfiguration: ["userPoolId"],
  SetUserPoolSessionConfiguration: ["userPoolId", "userSessionTracking", "tokenSession"],
  GetUserPoolClientSessionConfiguration: ["userPoolId", "clientId"],
  SetUserPoolClientSessionConfiguration: ["userPoolId", "clientId", "sSOSession"],
  ListUserSessions: ["accessToken"],
  AdminListUserSessions: ["userPoolId", "username"],
  RevokeUserSession: ["accessToken", "sessionId"],
  AdminRevokeUserSession: ["userPoolId", "username", "sessionId"],
  GetProvisionedLimit: ["limitDefinition"],
  UpdateProvisionedLimit: ["limitDefinition", "requestedLimitValue"],
  CreateUserPoolReplica: ["userPoolId", "regionName"],
  DeleteUserPoolReplica: ["userPoolId", "regionName"],
  ListUserPoolReplicas: ["userPoolId"],
  UpdateUserPoolReplica: ["userPoolId", "regionName", "status"],
};

const POOL = "us-east-1_abcdef123";
const LIMIT = { LimitClass: "API_CATEGORY", Attributes: { Category: "UserRead" } };

// Operation → a request whose only fault is one enum (or pattern) value, and the constraint named.
const WRONG_VALUE: Record<string, [unknown, string]> = {
  SetUserPoolSessionConfiguration: [
    { UserPoolId: POOL, UserSessionTracking: "ON", TokenSession: { MaxPerUser: 5 } },
    "Value 'ON' at 'userSessionTracking' failed to satisfy constraint: Member must satisfy enum value set: [DISABLED, ENABLED]",
  ],
  RevokeUserSession: [
    { AccessToken: "token", SessionId: "s", RevokeAssociatedSessions: "ALL" },
    "Value 'ALL' at 'revokeAssociatedSessions' failed to satisfy constraint: Member must satisfy enum value set: [LINKED, NONE]",
  ],
  AdminRevokeUserSession: [
    { UserPoolId: POOL, Username: "rita", SessionId: "s", RevokeAssociatedSessions: "ALL" },
    "Value 'ALL' at 'revokeAssociatedSessions' failed to satisfy constraint: Member must satisfy enum value set: [LINKED, NONE]",
  ],
  GetProvisionedLimit: [
    { LimitDefinition: { ...LIMIT, LimitClass: "ACCOUNT" } },
    "Value 'ACCOUNT' at 'limitDefinition.limitClass' failed to satisfy constraint: Member must satisfy enum value set: [API_CATEGORY]",
  ],
  UpdateProvisionedLimit: [
    { LimitDefinition: { ...LIMIT, LimitClass: "ACCOUNT" }, RequestedLimitValue: 500 },
    "Value 'ACCOUNT' at 'limitDefinition.limitClass' failed to satisfy constraint: Member must satisfy enum value set: [API_CATEGORY]",
  ],
  UpdateUserPoolReplica: [
    { UserPoolId: POOL, RegionName: "eu-west-1", Status: "DELETING" },
    "Value 'DELETING' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [ACTIVE, INACTIVE]",
  ],
  DescribeTermsByClient: [
    { ClientId: "client1", UserPoolId: POOL, TermsName: "eula" },
    "Value 'eula' at 'termsName' failed to satisfy constraint: Member must satisfy regular expression pattern",
  ],
  // A newer operation's UserPoolId is the model's UserPoolIdType, as in every other operation.
  ListUserPoolReplicas: [
    { UserPoolId: "no-underscore" },
    "Value 'no-underscore' at 'userPoolId' failed to satisfy constraint: Member must satisfy regular expression pattern",
  ],
};

describe("operations newer than the vendored model", () => {
  for (const [operation, required] of Object.entries(REQUIRED)) {
    it(`${operation}: each required member missing is an InvalidParameterException`, async () => {
      const res = await send(operation, {});
      expect(res.status).toBe(400);
      expect(res.type).toBe("InvalidParameterException");
      const n = required.length;
      expect(res.message.startsWith(`${n} validation error${n === 1 ? "" : "s"} detected: `)).toBe(true);
      for (const path of required) expect(res.message).toContain(nullAt(path));
    });
  }

  for (const [operation, [input, constraint]] of Object.entries(WRONG_VALUE)) {
    it(`${operation}: a value outside the model's enum or pattern is an InvalidParameterException`, async () => {
      const res = await send(operation, input);
      expect(res.type).toBe("InvalidParameterException");
      expect(res.message).toMatch(/^1 validation error detected: /);
      expect(res.message).toContain(constraint);
    });
  }

  it("an operation the newer vendored model states gets its bounds, not only its members", async () => {
    // RegionNameType is 5-32 characters in botocore 1.43.67; the SDK's schemas carry no bounds.
    const res = await send("CreateUserPoolReplica", { UserPoolId: POOL, RegionName: "eu" });
    expect(res).toEqual({
      status: 400,
      type: "InvalidParameterException",
      message:
        "1 validation error detected: Value 'eu' at 'regionName' failed to satisfy constraint: Member must have length greater than or equal to 5",
    });
  });

  it("a wrong JSON type is a SerializationException, as for every operation", async () => {
    const res = await send("SetUserPoolSessionConfiguration", {
      UserPoolId: POOL,
      UserSessionTracking: "ENABLED",
      TokenSession: { MaxPerUser: "five" },
    });
    expect(res.type).toBe("SerializationException");
    expect(res.message).toBe("STRING_VALUE can not be converted to a Long");
  });

  it("UpdateManagedLoginBranding needs both ids although the model makes them optional", async () => {
    const noPool = await send("UpdateManagedLoginBranding", {});
    expect(noPool.type).toBe("InvalidParameterException");
    expect(noPool.message).toBe(`1 validation error detected: ${nullAt("userPoolId")}`);
    const noId = await send("UpdateManagedLoginBranding", { UserPoolId: POOL });
    expect(noId.message).toBe(`1 validation error detected: ${nullAt("managedLoginBrandingId")}`);
  });

  it("the session ranges the model does not state yet are checked with the router's wording", async () => {
    const tooMany = await send("SetUserPoolSessionConfiguration", {
      UserPoolId: POOL,
      UserSessionTracking: "ENABLED",
      TokenSession: { MaxPerUser: 101 },
    });
    expect(tooMany).toEqual({
      status: 400,
      type: "InvalidParameterException",
      message:
        "1 validation error detected: Value '101' at 'tokenSession.maxPerUser' failed to satisfy constraint: Member must have value less than or equal to 100",
    });
    const negative = await send("SetUserPoolClientSessionConfiguration", {
      UserPoolId: POOL,
      ClientId: "client1",
      SSOSession: { MaxValidityMinutes: -1 },
    });
    expect(negative.message).toBe(
      "1 validation error detected: Value '-1' at 'sSOSession.maxValidityMinutes' failed to satisfy constraint: Member must have value greater than or equal to 0",
    );
  });
});
