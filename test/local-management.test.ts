// End-to-end through the AWS SDK v3 against `local serve` on port 0: the management surface beyond
// pools/clients — user administration and status transitions, groups, pool settings, domains,
// identity providers, resource servers, tags, UI customization, risk/log config, certificates.
import { X509Certificate } from "node:crypto";
import * as C from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failure, type LocalHarness, startLocal } from "./helpers/local-server.js";

let h: LocalHarness;

async function newPool(input: Partial<C.CreateUserPoolRequest> = {}): Promise<string> {
  const { UserPool } = await h.client.send(new C.CreateUserPoolCommand({ PoolName: "mgmt", ...input }));
  return UserPool?.Id as string;
}
async function newUser(poolId: string, username: string, attrs: Record<string, string> = {}) {
  return h.client.send(
    new C.AdminCreateUserCommand({
      UserPoolId: poolId,
      Username: username,
      MessageAction: "SUPPRESS",
      UserAttributes: Object.entries(attrs).map(([Name, Value]) => ({ Name, Value })),
    }),
  );
}
const status = async (poolId: string, username: string) =>
  await h.client.send(new C.AdminGetUserCommand({ UserPoolId: poolId, Username: username }));

beforeAll(async () => {
  h = await startLocal();
});
afterAll(async () => {
  await h.close();
});

describe("user administration", () => {
  it("walks the status transitions of §10", async () => {
    const id = await newPool();
    await newUser(id, "dora", { email: "dora@example.com", email_verified: "true" });
    expect((await status(id, "dora")).UserStatus).toBe("FORCE_CHANGE_PASSWORD");
    await h.client.send(
      new C.AdminSetUserPasswordCommand({
        UserPoolId: id,
        Username: "dora",
        Password: "Perm4nent!pw",
        Permanent: true,
      }),
    );
    expect((await status(id, "dora")).UserStatus).toBe("CONFIRMED");
    await h.client.send(
      new C.AdminSetUserPasswordCommand({
        UserPoolId: id,
        Username: "dora",
        Password: "Temp0rary!pw",
        Permanent: false,
      }),
    );
    expect((await status(id, "dora")).UserStatus).toBe("FORCE_CHANGE_PASSWORD");
    await h.client.send(new C.AdminResetUserPasswordCommand({ UserPoolId: id, Username: "dora" }));
    expect((await status(id, "dora")).UserStatus).toBe("RESET_REQUIRED");
    const reset = h.endpoint.services.messages.list(id, "dora").filter((m) => m.kind === "FORGOT_PASSWORD");
    expect(reset[0]?.code).toMatch(/^\d{6}$/);
    await h.client.send(new C.AdminDisableUserCommand({ UserPoolId: id, Username: "dora" }));
    const disabled = await status(id, "dora");
    expect(disabled.Enabled).toBe(false);
    expect(disabled.UserStatus).toBe("RESET_REQUIRED");
    await h.client.send(new C.AdminEnableUserCommand({ UserPoolId: id, Username: "dora" }));
    expect((await status(id, "dora")).Enabled).toBe(true);
    const weak = await failure(
      h.client.send(
        new C.AdminSetUserPasswordCommand({
          UserPoolId: id,
          Username: "dora",
          Password: "alllowercase1!",
          Permanent: true,
        }),
      ),
    );
    expect(weak).toEqual({
      name: "InvalidPasswordException",
      message: "Password did not conform with policy: Password must have uppercase characters",
    });
    const confirm = await failure(
      h.client.send(new C.AdminConfirmSignUpCommand({ UserPoolId: id, Username: "dora" })),
    );
    expect(confirm).toEqual({
      name: "NotAuthorizedException",
      message: "User cannot be confirmed. Current status is RESET_REQUIRED",
    });
    await h.client.send(new C.AdminDeleteUserCommand({ UserPoolId: id, Username: "dora" }));
    expect((await failure(status(id, "dora"))).name).toBe("UserNotFoundException");
  });

  it("AdminResetUserPassword needs a verified email or phone", async () => {
    const id = await newPool();
    await newUser(id, "eve", { email: "eve@example.com" });
    const err = await failure(
      h.client.send(new C.AdminResetUserPasswordCommand({ UserPoolId: id, Username: "eve" })),
    );
    expect(err.message).toBe(
      "Cannot reset password for the user as there is no registered/verified email or phone_number",
    );
  });

  it("updates and deletes attributes with schema, mutability and verification rules", async () => {
    const id = await newPool({
      AutoVerifiedAttributes: ["email"],
      Schema: [{ Name: "tenant", AttributeDataType: "String", Mutable: false }],
    });
    await newUser(id, "finn", {
      email: "finn@example.com",
      email_verified: "true",
      "custom:tenant": "acme",
      name: "Finn",
    });
    const out = await h.client.send(
      new C.AdminUpdateUserAttributesCommand({
        UserPoolId: id,
        Username: "finn",
        UserAttributes: [{ Name: "email", Value: "finn@new.example" }],
      }),
    );
    const got = await status(id, "finn");
    expect(got.UserAttributes).toContainEqual({ Name: "email", Value: "finn@new.example" });
    expect(got.UserAttributes).toContainEqual({ Name: "email_verified", Value: "false" });
    expect(out.$metadata.httpStatusCode).toBe(200);
    expect(
      h.endpoint.services.messages.list(id, "finn").some((m) => m.kind === "ATTRIBUTE_VERIFICATION"),
    ).toBe(true);
    const immutable = await failure(
      h.client.send(
        new C.AdminUpdateUserAttributesCommand({
          UserPoolId: id,
          Username: "finn",
          UserAttributes: [{ Name: "custom:tenant", Value: "x" }],
        }),
      ),
    );
    expect(immutable).toEqual({
      name: "InvalidParameterException",
      message: "Cannot modify the non-mutable attribute custom:tenant",
    });
    await h.client.send(
      new C.AdminDeleteUserAttributesCommand({
        UserPoolId: id,
        Username: "finn",
        UserAttributeNames: ["name"],
      }),
    );
    expect((await status(id, "finn")).UserAttributes?.some((a) => a.Name === "name")).toBe(false);
    const sub = await failure(
      h.client.send(
        new C.AdminDeleteUserAttributesCommand({
          UserPoolId: id,
          Username: "finn",
          UserAttributeNames: ["sub"],
        }),
      ),
    );
    expect(sub.name).toBe("InvalidParameterException");
  });

  it("enforces alias uniqueness and finds users by alias", async () => {
    const id = await newPool({ AliasAttributes: ["email"] });
    await newUser(id, "gus", { email: "shared@example.com", email_verified: "true" });
    const dup = await failure(newUser(id, "gus2", { email: "shared@example.com", email_verified: "true" }));
    expect(dup).toEqual({
      name: "AliasExistsException",
      message: "An account with the given email already exists.",
    });
    expect((await status(id, "shared@example.com")).Username).toBe("gus");
    const emailName = await failure(newUser(id, "x@example.com"));
    expect(emailName.message).toBe(
      "Username cannot be of email format, since user pool is configured for email alias.",
    );
  });

  it("AdminConfirmSignUp confirms an UNCONFIRMED user", async () => {
    const id = await newPool();
    await newUser(id, "hal");
    const pool = h.endpoint.services.pools.get(id);
    const user = h.endpoint.services.users.get(pool, "hal");
    h.endpoint.services.users.modify(pool, user, (u) => {
      u.status = "UNCONFIRMED"; // what SignUp leaves behind
    });
    await h.client.send(new C.AdminConfirmSignUpCommand({ UserPoolId: id, Username: "hal" }));
    expect((await status(id, "hal")).UserStatus).toBe("CONFIRMED");
  });

  it("AdminCreateUser RESEND makes a new temporary password", async () => {
    const id = await newPool();
    await h.client.send(
      new C.AdminCreateUserCommand({
        UserPoolId: id,
        Username: "ivy",
        UserAttributes: [{ Name: "email", Value: "ivy@example.com" }],
        DesiredDeliveryMediums: ["EMAIL"],
      }),
    );
    await h.client.send(
      new C.AdminCreateUserCommand({
        UserPoolId: id,
        Username: "ivy",
        MessageAction: "RESEND",
        DesiredDeliveryMediums: ["EMAIL"],
      }),
    );
    const invites = h.endpoint.services.messages.list(id, "ivy");
    expect(invites).toHaveLength(2);
    expect(invites[0].code).not.toBe(invites[1].code);
    const missing = await failure(
      h.client.send(
        new C.AdminCreateUserCommand({ UserPoolId: id, Username: "nobody", MessageAction: "RESEND" }),
      ),
    );
    expect(missing.name).toBe("UserNotFoundException");
  });
});

describe("groups", () => {
  it("creates, lists, updates, manages membership and deletes", async () => {
    const id = await newPool();
    await newUser(id, "jo");
    await newUser(id, "kim");
    const { Group } = await h.client.send(
      new C.CreateGroupCommand({ UserPoolId: id, GroupName: "admins", Precedence: 1, Description: "a" }),
    );
    expect(Group).toMatchObject({ GroupName: "admins", UserPoolId: id, Precedence: 1 });
    expect(
      await failure(h.client.send(new C.CreateGroupCommand({ UserPoolId: id, GroupName: "admins" }))),
    ).toEqual({
      name: "GroupExistsException",
      message: "A group with the name already exists.",
    });
    await h.client.send(new C.CreateGroupCommand({ UserPoolId: id, GroupName: "readers" }));
    await h.client.send(
      new C.UpdateGroupCommand({ UserPoolId: id, GroupName: "readers", Description: "read only" }),
    );
    expect(
      (await h.client.send(new C.GetGroupCommand({ UserPoolId: id, GroupName: "readers" }))).Group
        ?.Description,
    ).toBe("read only");
    const page1 = await h.client.send(new C.ListGroupsCommand({ UserPoolId: id, Limit: 1 }));
    expect(page1.Groups?.map((g) => g.GroupName)).toEqual(["admins"]);
    const page2 = await h.client.send(
      new C.ListGroupsCommand({ UserPoolId: id, Limit: 1, NextToken: page1.NextToken }),
    );
    expect(page2.Groups?.map((g) => g.GroupName)).toEqual(["readers"]);
    await h.client.send(
      new C.AdminAddUserToGroupCommand({ UserPoolId: id, GroupName: "admins", Username: "jo" }),
    );
    await h.client.send(
      new C.AdminAddUserToGroupCommand({ UserPoolId: id, GroupName: "readers", Username: "jo" }),
    );
    await h.client.send(
      new C.AdminAddUserToGroupCommand({ UserPoolId: id, GroupName: "readers", Username: "kim" }),
    );
    const jo = await h.client.send(new C.AdminListGroupsForUserCommand({ UserPoolId: id, Username: "jo" }));
    expect(jo.Groups?.map((g) => g.GroupName)).toEqual(["admins", "readers"]);
    const readers = await h.client.send(
      new C.ListUsersInGroupCommand({ UserPoolId: id, GroupName: "readers" }),
    );
    expect(readers.Users?.map((u) => u.Username)).toEqual(["jo", "kim"]);
    await h.client.send(
      new C.AdminRemoveUserFromGroupCommand({ UserPoolId: id, GroupName: "readers", Username: "jo" }),
    );
    expect(
      (await h.client.send(new C.ListUsersInGroupCommand({ UserPoolId: id, GroupName: "readers" }))).Users,
    ).toHaveLength(1);
    await h.client.send(new C.DeleteGroupCommand({ UserPoolId: id, GroupName: "admins" }));
    expect(
      (await h.client.send(new C.AdminListGroupsForUserCommand({ UserPoolId: id, Username: "jo" }))).Groups,
    ).toEqual([]);
    const gone = await failure(h.client.send(new C.GetGroupCommand({ UserPoolId: id, GroupName: "admins" })));
    expect(gone).toEqual({ name: "ResourceNotFoundException", message: "Group not found." });
    const noUser = await failure(
      h.client.send(
        new C.AdminAddUserToGroupCommand({ UserPoolId: id, GroupName: "readers", Username: "zed" }),
      ),
    );
    expect(noUser.name).toBe("UserNotFoundException");
    await h.client.send(new C.AdminDeleteUserCommand({ UserPoolId: id, Username: "kim" }));
    expect(
      (await h.client.send(new C.ListUsersInGroupCommand({ UserPoolId: id, GroupName: "readers" }))).Users,
    ).toEqual([]);
  });
});

describe("pool settings", () => {
  it("MFA config, custom attributes, CSV header, tags", async () => {
    const id = await newPool();
    const off = await h.client.send(new C.GetUserPoolMfaConfigCommand({ UserPoolId: id }));
    expect(off.MfaConfiguration).toBe("OFF");
    const noFactor = await failure(
      h.client.send(new C.SetUserPoolMfaConfigCommand({ UserPoolId: id, MfaConfiguration: "ON" })),
    );
    expect(noFactor.name).toBe("InvalidParameterException");
    const on = await h.client.send(
      new C.SetUserPoolMfaConfigCommand({
        UserPoolId: id,
        MfaConfiguration: "OPTIONAL",
        SoftwareTokenMfaConfiguration: { Enabled: true },
      }),
    );
    expect(on).toMatchObject({
      MfaConfiguration: "OPTIONAL",
      SoftwareTokenMfaConfiguration: { Enabled: true },
    });
    expect(
      (await h.client.send(new C.DescribeUserPoolCommand({ UserPoolId: id }))).UserPool?.MfaConfiguration,
    ).toBe("OPTIONAL");

    await h.client.send(
      new C.AddCustomAttributesCommand({
        UserPoolId: id,
        CustomAttributes: [{ Name: "plan", AttributeDataType: "String" }],
      }),
    );
    const dupAttr = await failure(
      h.client.send(
        new C.AddCustomAttributesCommand({
          UserPoolId: id,
          CustomAttributes: [{ Name: "plan", AttributeDataType: "String" }],
        }),
      ),
    );
    expect(dupAttr.name).toBe("InvalidParameterException");
    const header = await h.client.send(new C.GetCSVHeaderCommand({ UserPoolId: id }));
    expect(header.CSVHeader?.slice(0, 3)).toEqual(["name", "given_name", "family_name"]);
    expect(header.CSVHeader?.slice(-3)).toEqual(["custom:plan", "cognito:mfa_enabled", "cognito:username"]);

    const arn = (await h.client.send(new C.DescribeUserPoolCommand({ UserPoolId: id }))).UserPool?.Arn;
    await h.client.send(new C.TagResourceCommand({ ResourceArn: arn, Tags: { env: "dev", team: "id" } }));
    await h.client.send(new C.UntagResourceCommand({ ResourceArn: arn, TagKeys: ["team"] }));
    expect((await h.client.send(new C.ListTagsForResourceCommand({ ResourceArn: arn }))).Tags).toEqual({
      env: "dev",
    });
    const badArn = await failure(
      h.client.send(
        new C.ListTagsForResourceCommand({
          ResourceArn: "arn:aws:cognito-idp:us-east-1:000000000000:userpool/us-east-1_missing1",
        }),
      ),
    );
    expect(badArn.name).toBe("ResourceNotFoundException");
  });

  it("signing certificate is a real self-signed X.509 certificate, stable per pool", async () => {
    const id = await newPool();
    const a = await h.client.send(new C.GetSigningCertificateCommand({ UserPoolId: id }));
    const b = await h.client.send(new C.GetSigningCertificateCommand({ UserPoolId: id }));
    expect(a.Certificate).toBe(b.Certificate);
    const cert = new X509Certificate(Buffer.from(a.Certificate as string, "base64"));
    expect(cert.subject).toContain(id);
    expect(cert.verify(cert.publicKey)).toBe(true);
  });

  it("domains: create, describe, unique, update, delete", async () => {
    const id = await newPool();
    await h.client.send(new C.CreateUserPoolDomainCommand({ UserPoolId: id, Domain: "my-app-login" }));
    const d = await h.client.send(new C.DescribeUserPoolDomainCommand({ Domain: "my-app-login" }));
    expect(d.DomainDescription).toMatchObject({ UserPoolId: id, Domain: "my-app-login", Status: "ACTIVE" });
    expect((await h.client.send(new C.DescribeUserPoolCommand({ UserPoolId: id }))).UserPool?.Domain).toBe(
      "my-app-login",
    );
    const other = await newPool();
    const taken = await failure(
      h.client.send(new C.CreateUserPoolDomainCommand({ UserPoolId: other, Domain: "my-app-login" })),
    );
    expect(taken.name).toBe("InvalidParameterException");
    const reserved = await failure(
      h.client.send(new C.CreateUserPoolDomainCommand({ UserPoolId: other, Domain: "my-cognito" })),
    );
    expect(reserved.name).toBe("InvalidParameterException");
    await h.client.send(
      new C.UpdateUserPoolDomainCommand({ UserPoolId: id, Domain: "my-app-login", ManagedLoginVersion: 2 }),
    );
    expect(
      (await h.client.send(new C.DescribeUserPoolDomainCommand({ Domain: "my-app-login" }))).DomainDescription
        ?.ManagedLoginVersion,
    ).toBe(2);
    const withDomain = await failure(h.client.send(new C.DeleteUserPoolCommand({ UserPoolId: id })));
    expect(withDomain.message).toContain("has a domain configured");
    await h.client.send(new C.DeleteUserPoolDomainCommand({ UserPoolId: id, Domain: "my-app-login" }));
    expect(
      (await h.client.send(new C.DescribeUserPoolDomainCommand({ Domain: "my-app-login" })))
        .DomainDescription,
    ).toEqual({});
  });

  it("UI customization needs a domain, then is kept per pool and per client", async () => {
    const id = await newPool();
    const noDomain = await failure(
      h.client.send(new C.SetUICustomizationCommand({ UserPoolId: id, CSS: ".banner{}" })),
    );
    expect(noDomain.message).toBe("There has to be an existing domain associated with this user pool");
    await h.client.send(new C.CreateUserPoolDomainCommand({ UserPoolId: id, Domain: `ui-${Date.now()}` }));
    await h.client.send(
      new C.SetUICustomizationCommand({
        UserPoolId: id,
        CSS: ".banner{color:red}",
        ImageFile: new Uint8Array([1, 2, 3]),
      }),
    );
    const { UserPoolClient } = await h.client.send(
      new C.CreateUserPoolClientCommand({ UserPoolId: id, ClientName: "c" }),
    );
    const got = await h.client.send(
      new C.GetUICustomizationCommand({ UserPoolId: id, ClientId: UserPoolClient?.ClientId }),
    );
    expect(got.UICustomization).toMatchObject({
      CSS: ".banner{color:red}",
      ClientId: UserPoolClient?.ClientId,
    });
    expect(got.UICustomization?.ImageUrl).toContain("logo.png");
  });

  it("risk and log delivery configuration", async () => {
    const id = await newPool();
    expect(
      (await h.client.send(new C.DescribeRiskConfigurationCommand({ UserPoolId: id }))).RiskConfiguration,
    ).toEqual({ UserPoolId: id });
    await h.client.send(
      new C.SetRiskConfigurationCommand({
        UserPoolId: id,
        CompromisedCredentialsRiskConfiguration: { Actions: { EventAction: "BLOCK" } },
        RiskExceptionConfiguration: { BlockedIPRangeList: ["10.0.0.0/8"] },
      }),
    );
    const risk = await h.client.send(new C.DescribeRiskConfigurationCommand({ UserPoolId: id }));
    expect(risk.RiskConfiguration?.CompromisedCredentialsRiskConfiguration?.Actions?.EventAction).toBe(
      "BLOCK",
    );
    expect(risk.RiskConfiguration?.LastModifiedDate).toBeInstanceOf(Date);
    const logs = {
      UserPoolId: id,
      LogConfigurations: [
        {
          LogLevel: "ERROR" as const,
          EventSource: "userNotification" as const,
          CloudWatchLogsConfiguration: {
            LogGroupArn: "arn:aws:logs:us-east-1:000000000000:log-group:cognito",
          },
        },
      ],
    };
    await h.client.send(new C.SetLogDeliveryConfigurationCommand(logs));
    expect(
      (await h.client.send(new C.GetLogDeliveryConfigurationCommand({ UserPoolId: id })))
        .LogDeliveryConfiguration,
    ).toEqual(logs);
  });
});

describe("identity providers and resource servers", () => {
  it("identity providers: details per type, duplicates, identifiers", async () => {
    const id = await newPool();
    const google = await h.client.send(
      new C.CreateIdentityProviderCommand({
        UserPoolId: id,
        ProviderName: "Google",
        ProviderType: "Google",
        ProviderDetails: { client_id: "cid", client_secret: "secret", authorize_scopes: "openid email" },
        AttributeMapping: { email: "email" },
        IdpIdentifiers: ["gmail"],
      }),
    );
    expect(google.IdentityProvider?.ProviderDetails?.authorize_url).toContain("accounts.google.com");
    const dup = await failure(
      h.client.send(
        new C.CreateIdentityProviderCommand({
          UserPoolId: id,
          ProviderName: "Google",
          ProviderType: "Google",
          ProviderDetails: { client_id: "cid", client_secret: "secret", authorize_scopes: "openid" },
        }),
      ),
    );
    expect(dup.name).toBe("DuplicateProviderException");
    const missing = await failure(
      h.client.send(
        new C.CreateIdentityProviderCommand({
          UserPoolId: id,
          ProviderName: "corp",
          ProviderType: "OIDC",
          ProviderDetails: { client_id: "x" },
        }),
      ),
    );
    expect(missing.name).toBe("InvalidParameterException");
    await h.client.send(
      new C.CreateIdentityProviderCommand({
        UserPoolId: id,
        ProviderName: "corp-saml",
        ProviderType: "SAML",
        ProviderDetails: { MetadataURL: "https://idp.example.com/md" },
      }),
    );
    const byId = await h.client.send(
      new C.GetIdentityProviderByIdentifierCommand({ UserPoolId: id, IdpIdentifier: "gmail" }),
    );
    expect(byId.IdentityProvider?.ProviderName).toBe("Google");
    await h.client.send(
      new C.UpdateIdentityProviderCommand({
        UserPoolId: id,
        ProviderName: "Google",
        AttributeMapping: { email: "email", name: "name" },
      }),
    );
    const d = await h.client.send(
      new C.DescribeIdentityProviderCommand({ UserPoolId: id, ProviderName: "Google" }),
    );
    expect(d.IdentityProvider?.AttributeMapping).toEqual({ email: "email", name: "name" });
    const list = await h.client.send(new C.ListIdentityProvidersCommand({ UserPoolId: id }));
    expect(list.Providers?.map((p) => p.ProviderName)).toEqual(["Google", "corp-saml"]);
    const { UserPoolClient } = await h.client.send(
      new C.CreateUserPoolClientCommand({
        UserPoolId: id,
        ClientName: "web",
        SupportedIdentityProviders: ["COGNITO", "Google"],
      }),
    );
    expect(UserPoolClient?.SupportedIdentityProviders).toEqual(["COGNITO", "Google"]);
    await h.client.send(new C.DeleteIdentityProviderCommand({ UserPoolId: id, ProviderName: "corp-saml" }));
    expect(
      (
        await failure(
          h.client.send(new C.DescribeIdentityProviderCommand({ UserPoolId: id, ProviderName: "corp-saml" })),
        )
      ).name,
    ).toBe("ResourceNotFoundException");
  });

  it("resource servers and their scopes in app clients", async () => {
    const id = await newPool();
    await h.client.send(
      new C.CreateResourceServerCommand({
        UserPoolId: id,
        Identifier: "https://api.example.com",
        Name: "api",
        Scopes: [{ ScopeName: "read", ScopeDescription: "read" }],
      }),
    );
    const { UserPoolClient } = await h.client.send(
      new C.CreateUserPoolClientCommand({
        UserPoolId: id,
        ClientName: "m2m",
        GenerateSecret: true,
        AllowedOAuthFlowsUserPoolClient: true,
        AllowedOAuthFlows: ["client_credentials"],
        AllowedOAuthScopes: ["https://api.example.com/read"],
      }),
    );
    expect(UserPoolClient?.AllowedOAuthScopes).toEqual(["https://api.example.com/read"]);
    await h.client.send(
      new C.UpdateResourceServerCommand({
        UserPoolId: id,
        Identifier: "https://api.example.com",
        Name: "api v2",
        Scopes: [{ ScopeName: "write", ScopeDescription: "w" }],
      }),
    );
    const rs = await h.client.send(
      new C.DescribeResourceServerCommand({ UserPoolId: id, Identifier: "https://api.example.com" }),
    );
    expect(rs.ResourceServer).toMatchObject({
      Name: "api v2",
      Scopes: [{ ScopeName: "write", ScopeDescription: "w" }],
    });
    const list = await h.client.send(new C.ListResourceServersCommand({ UserPoolId: id, MaxResults: 10 }));
    expect(list.ResourceServers).toHaveLength(1);
    const dup = await failure(
      h.client.send(
        new C.CreateResourceServerCommand({
          UserPoolId: id,
          Identifier: "https://api.example.com",
          Name: "x",
        }),
      ),
    );
    expect(dup.name).toBe("InvalidParameterException");
    await h.client.send(
      new C.DeleteResourceServerCommand({ UserPoolId: id, Identifier: "https://api.example.com" }),
    );
    expect(
      (
        await failure(
          h.client.send(
            new C.DescribeResourceServerCommand({ UserPoolId: id, Identifier: "https://api.example.com" }),
          ),
        )
      ).name,
    ).toBe("ResourceNotFoundException");
  });
});
