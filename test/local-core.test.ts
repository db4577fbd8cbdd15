// End-to-end: the real AWS SDK v3 client against `local serve` on port 0 — pools, clients, users core.
import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DeleteUserPoolClientCommand,
  DeleteUserPoolCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
  ListUsersCommand,
  UpdateUserPoolClientCommand,
  UpdateUserPoolCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failure, type LocalHarness, startLocal } from "./helpers/local-server.js";

let h: LocalHarness;
beforeAll(async () => {
  h = await startLocal();
});
afterAll(async () => {
  await h.close();
});

describe("user pools", () => {
  it("creates a pool with the service's defaults and real id/ARN formats", async () => {
    const { UserPool } = await h.client.send(new CreateUserPoolCommand({ PoolName: "defaults" }));
    expect(UserPool?.Id).toMatch(/^us-east-1_[0-9A-Za-z]{9}$/);
    expect(UserPool?.Arn).toBe(`arn:aws:cognito-idp:us-east-1:000000000000:userpool/${UserPool?.Id}`);
    expect(UserPool?.Policies?.PasswordPolicy).toMatchObject({
      MinimumLength: 8,
      RequireSymbols: true,
      TemporaryPasswordValidityDays: 7,
    });
    expect(UserPool?.MfaConfiguration).toBe("OFF");
    expect(UserPool?.DeletionProtection).toBe("INACTIVE");
    expect(UserPool?.CreationDate).toBeInstanceOf(Date);
    expect(UserPool?.SchemaAttributes?.map((a) => a.Name)).toContain("email");
    expect(UserPool?.EstimatedNumberOfUsers).toBe(0);
  });

  it("stores schema, custom attributes, alias settings and Lambda config", async () => {
    const { UserPool } = await h.client.send(
      new CreateUserPoolCommand({
        PoolName: "rich",
        AliasAttributes: ["email", "preferred_username"],
        AutoVerifiedAttributes: ["email"],
        UsernameConfiguration: { CaseSensitive: false },
        Schema: [
          { Name: "email", AttributeDataType: "String", Required: true, Mutable: true },
          {
            Name: "tenant",
            AttributeDataType: "String",
            Mutable: false,
            StringAttributeConstraints: { MaxLength: "10" },
          },
        ],
        LambdaConfig: { PreSignUp: "arn:aws:lambda:us-east-1:000000000000:function:pre" },
        DeletionProtection: "ACTIVE",
      }),
    );
    const d = await h.client.send(new DescribeUserPoolCommand({ UserPoolId: UserPool?.Id }));
    expect(d.UserPool?.SchemaAttributes?.find((a) => a.Name === "custom:tenant")).toMatchObject({
      Mutable: false,
    });
    expect(d.UserPool?.SchemaAttributes?.find((a) => a.Name === "email")?.Required).toBe(true);
    expect(d.UserPool?.LambdaConfig?.PreSignUp).toContain("function:pre");
    expect(d.UserPool?.UsernameConfiguration?.CaseSensitive).toBe(false);
    const err = await failure(h.client.send(new DeleteUserPoolCommand({ UserPoolId: UserPool?.Id })));
    expect(err.name).toBe("InvalidParameterException");
    expect(err.message).toContain("deletion protection");
  });

  it("rejects username and alias attributes together, and bad members with the service's words", async () => {
    const both = await failure(
      h.client.send(
        new CreateUserPoolCommand({
          PoolName: "x",
          AliasAttributes: ["email"],
          UsernameAttributes: ["email"],
        }),
      ),
    );
    expect(both.name).toBe("InvalidParameterException");
    const short = await failure(
      h.client.send(
        new CreateUserPoolCommand({ PoolName: "x", Policies: { PasswordPolicy: { MinimumLength: 3 } } }),
      ),
    );
    expect(short).toEqual({
      name: "InvalidParameterException",
      message:
        "1 validation error detected: Value '3' at 'policies.passwordPolicy.minimumLength' failed to satisfy constraint: Member must have value greater than or equal to 6",
    });
    const missing = await failure(
      h.client.send(new DescribeUserPoolCommand({ UserPoolId: "us-east-1_doesNotEx" })),
    );
    expect(missing).toEqual({
      name: "ResourceNotFoundException",
      message: "User pool us-east-1_doesNotEx does not exist.",
    });
    const pattern = await failure(h.client.send(new DescribeUserPoolCommand({ UserPoolId: "nounderscore" })));
    expect(pattern.message).toContain("Member must satisfy regular expression pattern: [\\w-]+_[0-9a-zA-Z]+");
  });

  it("updates, lists with pagination, and deletes", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { UserPool } = await h.client.send(new CreateUserPoolCommand({ PoolName: `page-${i}` }));
      ids.push(UserPool?.Id as string);
    }
    await h.client.send(
      new UpdateUserPoolCommand({
        UserPoolId: ids[0],
        MfaConfiguration: "OPTIONAL",
        UserPoolTags: { team: "a" },
      }),
    );
    const d = await h.client.send(new DescribeUserPoolCommand({ UserPoolId: ids[0] }));
    expect(d.UserPool?.MfaConfiguration).toBe("OPTIONAL");
    expect(d.UserPool?.UserPoolTags).toEqual({ team: "a" });
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const page = await h.client.send(new ListUserPoolsCommand({ MaxResults: 2, NextToken: token }));
      expect(page.UserPools?.length).toBeLessThanOrEqual(2);
      seen.push(...(page.UserPools ?? []).map((p) => p.Id as string));
      token = page.NextToken;
    } while (token);
    for (const id of ids) expect(seen).toContain(id);
    await h.client.send(new DeleteUserPoolCommand({ UserPoolId: ids[2] }));
    const gone = await failure(h.client.send(new DescribeUserPoolCommand({ UserPoolId: ids[2] })));
    expect(gone.name).toBe("ResourceNotFoundException");
    const noMax = await failure(h.client.send(new ListUserPoolsCommand({} as never)));
    expect(noMax.message).toContain(
      "Value null at 'maxResults' failed to satisfy constraint: Member must not be null",
    );
  });
});

describe("app clients", () => {
  it("creates with a secret, describes, updates, lists and deletes", async () => {
    const { UserPool } = await h.client.send(new CreateUserPoolCommand({ PoolName: "clients" }));
    const poolId = UserPool?.Id as string;
    const { UserPoolClient: c } = await h.client.send(
      new CreateUserPoolClientCommand({
        UserPoolId: poolId,
        ClientName: "web",
        GenerateSecret: true,
        ExplicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        AccessTokenValidity: 30,
        TokenValidityUnits: { AccessToken: "minutes" },
      }),
    );
    expect(c?.ClientId).toMatch(/^[a-z0-9]{26}$/);
    expect(c?.ClientSecret).toMatch(/^[a-z0-9]{51}$/);
    expect(c?.RefreshTokenValidity).toBe(30);
    expect(c?.TokenValidityUnits).toEqual({ AccessToken: "minutes", IdToken: "hours", RefreshToken: "days" });
    const d = await h.client.send(
      new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: c?.ClientId }),
    );
    expect(d.UserPoolClient?.ClientSecret).toBe(c?.ClientSecret);
    const u = await h.client.send(
      new UpdateUserPoolClientCommand({
        UserPoolId: poolId,
        ClientId: c?.ClientId,
        ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH"],
      }),
    );
    expect(u.UserPoolClient?.ClientName).toBe("web");
    expect(u.UserPoolClient?.ExplicitAuthFlows).toEqual(["ALLOW_USER_PASSWORD_AUTH"]);
    expect(u.UserPoolClient?.ClientSecret).toBe(c?.ClientSecret);
    const list = await h.client.send(new ListUserPoolClientsCommand({ UserPoolId: poolId }));
    expect(list.UserPoolClients).toEqual([{ ClientId: c?.ClientId, UserPoolId: poolId, ClientName: "web" }]);
    await h.client.send(new DeleteUserPoolClientCommand({ UserPoolId: poolId, ClientId: c?.ClientId }));
    const gone = await failure(
      h.client.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: c?.ClientId })),
    );
    expect(gone).toEqual({
      name: "ResourceNotFoundException",
      message: `User pool client ${c?.ClientId} does not exist.`,
    });
  });

  it("validates token validity, OAuth flows and scopes", async () => {
    const { UserPool } = await h.client.send(new CreateUserPoolCommand({ PoolName: "clients-bad" }));
    const poolId = UserPool?.Id as string;
    const tooShort = await failure(
      h.client.send(
        new CreateUserPoolClientCommand({
          UserPoolId: poolId,
          ClientName: "a",
          AccessTokenValidity: 1,
          TokenValidityUnits: { AccessToken: "minutes" },
        }),
      ),
    );
    expect(tooShort.name).toBe("InvalidParameterException");
    const scope = await failure(
      h.client.send(
        new CreateUserPoolClientCommand({
          UserPoolId: poolId,
          ClientName: "a",
          AllowedOAuthFlowsUserPoolClient: true,
          AllowedOAuthFlows: ["code"],
          CallbackURLs: ["https://app.example.com/cb"],
          AllowedOAuthScopes: ["openid", "api/read"],
        }),
      ),
    );
    expect(scope).toEqual({
      name: "ScopeDoesNotExistException",
      message: "Invalid scope requested: api/read",
    });
    const mixed = await failure(
      h.client.send(
        new CreateUserPoolClientCommand({
          UserPoolId: poolId,
          ClientName: "a",
          AllowedOAuthFlowsUserPoolClient: true,
          AllowedOAuthFlows: ["code", "client_credentials"],
          CallbackURLs: ["https://app.example.com/cb"],
        }),
      ),
    );
    expect(mixed.message).toContain("client_credentials");
  });
});

describe("users", () => {
  let poolId: string;
  beforeAll(async () => {
    const { UserPool } = await h.client.send(
      new CreateUserPoolCommand({
        PoolName: "users",
        Schema: [
          {
            Name: "tier",
            AttributeDataType: "Number",
            NumberAttributeConstraints: { MinValue: "1", MaxValue: "5" },
          },
        ],
      }),
    );
    poolId = UserPool?.Id as string;
  });

  it("AdminCreateUser → FORCE_CHANGE_PASSWORD with a sub, invitation in the outbox", async () => {
    const { User } = await h.client.send(
      new AdminCreateUserCommand({
        UserPoolId: poolId,
        Username: "alice",
        UserAttributes: [
          { Name: "email", Value: "alice@example.com" },
          { Name: "custom:tier", Value: "3" },
        ],
        DesiredDeliveryMediums: ["EMAIL"],
      }),
    );
    expect(User?.UserStatus).toBe("FORCE_CHANGE_PASSWORD");
    expect(User?.Enabled).toBe(true);
    const sub = User?.Attributes?.find((a) => a.Name === "sub")?.Value;
    expect(sub).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const got = await h.client.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "alice" }));
    expect(got.UserAttributes).toContainEqual({ Name: "custom:tier", Value: "3" });
    const mail = h.endpoint.services.messages.list(poolId, "alice");
    expect(mail).toHaveLength(1);
    expect(mail[0]).toMatchObject({
      channel: "EMAIL",
      destination: "alice@example.com",
      kind: "INVITATION",
      subject: "Your temporary password",
    });
    expect(mail[0].message).toContain("alice");
    // The temporary password in the invitation is the one the stored verifier accepts.
    const pool = h.endpoint.services.pools.get(poolId);
    const user = h.endpoint.services.users.get(pool, "alice");
    expect(user.password?.temporary).toBe(true);
    expect(h.endpoint.services.users.checkPassword(pool, user, mail[0].code as string)).toBe(true);
    expect(JSON.stringify(user.password)).not.toContain(mail[0].code as string);
  });

  it("rejects duplicates, unknown attributes, bad values and weak passwords", async () => {
    await h.client.send(
      new AdminCreateUserCommand({ UserPoolId: poolId, Username: "bob", MessageAction: "SUPPRESS" }),
    );
    // SUPPRESS without TemporaryPassword: the generated password goes nowhere, so none is stored.
    const pool = h.endpoint.services.pools.get(poolId);
    expect(h.endpoint.services.users.get(pool, "bob").password).toBeUndefined();
    expect(h.endpoint.services.messages.list(poolId, "bob")).toEqual([]);
    expect(
      await failure(h.client.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: "bob" }))),
    ).toEqual({
      name: "UsernameExistsException",
      message: "User account already exists",
    });
    const unknown = await failure(
      h.client.send(
        new AdminCreateUserCommand({
          UserPoolId: poolId,
          Username: "c1",
          UserAttributes: [{ Name: "custom:nope", Value: "x" }],
        }),
      ),
    );
    expect(unknown).toEqual({
      name: "InvalidParameterException",
      message:
        "Attributes did not conform to the schema: Type for attribute {custom:nope} could not be determined",
    });
    const range = await failure(
      h.client.send(
        new AdminCreateUserCommand({
          UserPoolId: poolId,
          Username: "c2",
          UserAttributes: [{ Name: "custom:tier", Value: "9" }],
        }),
      ),
    );
    expect(range.message).toContain("custom:tier");
    const email = await failure(
      h.client.send(
        new AdminCreateUserCommand({
          UserPoolId: poolId,
          Username: "c3",
          UserAttributes: [{ Name: "email", Value: "not-an-email" }],
        }),
      ),
    );
    expect(email).toEqual({ name: "InvalidParameterException", message: "Invalid email address format." });
    const weak = await failure(
      h.client.send(
        new AdminCreateUserCommand({ UserPoolId: poolId, Username: "c4", TemporaryPassword: "short" }),
      ),
    );
    expect(weak).toEqual({
      name: "InvalidPasswordException",
      message: "Password did not conform with policy: Password not long enough",
    });
    const space = await failure(
      h.client.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: "has space" })),
    );
    expect(space.message).toContain("at 'username' failed to satisfy constraint");
    expect(space.message).not.toContain("has space"); // sensitive member: value not echoed
    const nobody = await failure(
      h.client.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "nobody" })),
    );
    expect(nobody).toEqual({ name: "UserNotFoundException", message: "User does not exist." });
  });

  it("ListUsers: filter grammar, limits, pagination, AttributesToGet", async () => {
    const { UserPool } = await h.client.send(new CreateUserPoolCommand({ PoolName: "list" }));
    const id = UserPool?.Id as string;
    for (let i = 0; i < 7; i++) {
      await h.client.send(
        new AdminCreateUserCommand({
          UserPoolId: id,
          Username: `user${i}`,
          MessageAction: "SUPPRESS",
          UserAttributes: [
            { Name: "email", Value: `user${i}@${i % 2 ? "odd" : "even"}.example` },
            { Name: "given_name", Value: `Name "${i}"` },
          ],
        }),
      );
    }
    const all: string[] = [];
    let token: string | undefined;
    do {
      const page = await h.client.send(
        new ListUsersCommand({ UserPoolId: id, Limit: 3, PaginationToken: token }),
      );
      expect(page.Users?.length).toBeLessThanOrEqual(3);
      all.push(...(page.Users ?? []).map((u) => u.Username as string));
      token = page.PaginationToken;
    } while (token);
    expect(all).toEqual(["user0", "user1", "user2", "user3", "user4", "user5", "user6"]);
    const eq = await h.client.send(
      new ListUsersCommand({ UserPoolId: id, Filter: 'email = "user3@odd.example"' }),
    );
    expect(eq.Users?.map((u) => u.Username)).toEqual(["user3"]);
    const prefix = await h.client.send(
      new ListUsersCommand({ UserPoolId: id, Filter: 'username ^= "user"', Limit: 60 }),
    );
    expect(prefix.Users).toHaveLength(7);
    const quoted = await h.client.send(
      new ListUsersCommand({ UserPoolId: id, Filter: 'given_name = "Name \\"4\\""' }),
    );
    expect(quoted.Users?.map((u) => u.Username)).toEqual(["user4"]);
    const status = await h.client.send(
      new ListUsersCommand({ UserPoolId: id, Filter: 'cognito:user_status = "force_change_password"' }),
    );
    expect(status.Users).toHaveLength(7);
    const enabled = await h.client.send(
      new ListUsersCommand({ UserPoolId: id, Filter: 'status = "Disabled"' }),
    );
    expect(enabled.Users).toHaveLength(0);
    const only = await h.client.send(
      new ListUsersCommand({ UserPoolId: id, Filter: 'email ^= "user1"', AttributesToGet: ["email"] }),
    );
    expect(only.Users?.[0].Attributes).toEqual([{ Name: "email", Value: "user1@odd.example" }]);
    const bad = await failure(
      h.client.send(new ListUsersCommand({ UserPoolId: id, Filter: "email = user1" })),
    );
    expect(bad).toEqual({ name: "InvalidParameterException", message: "Error while parsing filter." });
    const custom = await failure(
      h.client.send(new ListUsersCommand({ UserPoolId: id, Filter: 'custom:x = "1"' })),
    );
    expect(custom.name).toBe("InvalidParameterException");
    const limit = await failure(h.client.send(new ListUsersCommand({ UserPoolId: id, Limit: 61 })));
    expect(limit.message).toBe(
      "1 validation error detected: Value '61' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 60",
    );
  });

  it("pools with username attributes use the sub as username and find users by email", async () => {
    const { UserPool } = await h.client.send(
      new CreateUserPoolCommand({ PoolName: "by-email", UsernameAttributes: ["email"] }),
    );
    const id = UserPool?.Id as string;
    const { User } = await h.client.send(
      new AdminCreateUserCommand({
        UserPoolId: id,
        Username: "Carol@Example.com",
        MessageAction: "SUPPRESS",
      }),
    );
    const sub = User?.Attributes?.find((a) => a.Name === "sub")?.Value;
    expect(User?.Username).toBe(sub);
    const got = await h.client.send(
      new AdminGetUserCommand({ UserPoolId: id, Username: "carol@example.com" }),
    );
    expect(got.Username).toBe(sub);
    const dup = await failure(
      h.client.send(new AdminCreateUserCommand({ UserPoolId: id, Username: "carol@example.com" })),
    );
    expect(dup.name).toBe("UsernameExistsException");
    const notEmail = await failure(
      h.client.send(new AdminCreateUserCommand({ UserPoolId: id, Username: "carol" })),
    );
    expect(notEmail).toEqual({ name: "InvalidParameterException", message: "Username should be an email." });
  });
});
