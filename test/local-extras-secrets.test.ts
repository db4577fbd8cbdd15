// Client secret rotation (Add/List/DeleteUserPoolClientSecret, SECRET_HASH with either secret),
// AdminDeleteSoftwareToken and AdminGetUserAuthFactors, end to end through the AWS SDK v3 over HTTP.
import * as C from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { secretHash, totpCode } from "../src/cognito/crypto/index.js";
import { failure, type LocalHarness, startLocal } from "./helpers/local-server.js";

let h: LocalHarness;
let poolId: string;
const PW = "Passw0rd!one";

beforeAll(async () => {
  h = await startLocal();
  const { UserPool } = await h.client.send(new C.CreateUserPoolCommand({ PoolName: "extras-secrets" }));
  poolId = UserPool?.Id as string;
  await h.client.send(
    new C.AdminCreateUserCommand({ UserPoolId: poolId, Username: "rita", MessageAction: "SUPPRESS" }),
  );
  await h.client.send(
    new C.AdminSetUserPasswordCommand({
      UserPoolId: poolId,
      Username: "rita",
      Password: PW,
      Permanent: true,
    }),
  );
});
afterAll(async () => {
  await h.close();
});

async function newClient(secret: boolean) {
  const { UserPoolClient } = await h.client.send(
    new C.CreateUserPoolClientCommand({
      UserPoolId: poolId,
      ClientName: "rotating",
      GenerateSecret: secret,
      ExplicitAuthFlows: ["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    }),
  );
  return UserPoolClient as C.UserPoolClientType & { ClientId: string };
}

const signIn = (clientId: string, secret: string) =>
  h.client.send(
    new C.AdminInitiateAuthCommand({
      UserPoolId: poolId,
      ClientId: clientId,
      AuthFlow: "ADMIN_USER_PASSWORD_AUTH",
      AuthParameters: { USERNAME: "rita", PASSWORD: PW, SECRET_HASH: secretHash("rita", clientId, secret) },
    }),
  );

const list = async (clientId: string) =>
  (await h.client.send(new C.ListUserPoolClientSecretsCommand({ UserPoolId: poolId, ClientId: clientId })))
    .ClientSecrets ?? [];

describe("client secret rotation", () => {
  it("adds a second secret, signs in with either, deletes the old one", async () => {
    const client = await newClient(true);
    const first = client.ClientSecret as string;
    const before = await list(client.ClientId);
    expect(before).toHaveLength(1);
    expect(before[0].ClientSecretId).toMatch(new RegExp(`^${client.ClientId}--\\d+$`));
    expect(before[0].ClientSecretValue).toBeUndefined();
    expect(before[0].ClientSecretCreateDate).toBeInstanceOf(Date);

    const added = await h.client.send(
      new C.AddUserPoolClientSecretCommand({ UserPoolId: poolId, ClientId: client.ClientId }),
    );
    const d = added.ClientSecretDescriptor as C.ClientSecretDescriptorType;
    const second = d.ClientSecretValue as string;
    expect(second).toMatch(/^[a-z0-9]{51}$/);
    expect(second).not.toBe(first);
    expect(d.ClientSecretId).not.toBe(before[0].ClientSecretId);

    const both = await list(client.ClientId);
    expect(both.map((s) => s.ClientSecretId)).toEqual([before[0].ClientSecretId, d.ClientSecretId]);
    expect(both.every((s) => s.ClientSecretValue === undefined)).toBe(true);

    expect((await signIn(client.ClientId, first)).AuthenticationResult?.AccessToken).toBeTruthy();
    expect((await signIn(client.ClientId, second)).AuthenticationResult?.AccessToken).toBeTruthy();
    expect(await failure(signIn(client.ClientId, "x".repeat(51)))).toEqual({
      name: "NotAuthorizedException",
      message: `Unable to verify secret hash for client ${client.ClientId}`,
    });

    // A third secret is over the limit.
    expect(
      (
        await failure(
          h.client.send(
            new C.AddUserPoolClientSecretCommand({ UserPoolId: poolId, ClientId: client.ClientId }),
          ),
        )
      ).name,
    ).toBe("LimitExceededException");

    await h.client.send(
      new C.DeleteUserPoolClientSecretCommand({
        UserPoolId: poolId,
        ClientId: client.ClientId,
        ClientSecretId: before[0].ClientSecretId,
      }),
    );
    expect((await failure(signIn(client.ClientId, first))).name).toBe("NotAuthorizedException");
    expect((await signIn(client.ClientId, second)).AuthenticationResult?.AccessToken).toBeTruthy();
    const described = await h.client.send(
      new C.DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: client.ClientId }),
    );
    expect(described.UserPoolClient?.ClientSecret).toBe(second);
    expect((await list(client.ClientId)).map((s) => s.ClientSecretId)).toEqual([d.ClientSecretId]);

    // The last secret cannot be deleted; an unknown id is not found.
    const last = await failure(
      h.client.send(
        new C.DeleteUserPoolClientSecretCommand({
          UserPoolId: poolId,
          ClientId: client.ClientId,
          ClientSecretId: d.ClientSecretId,
        }),
      ),
    );
    expect(last.name).toBe("InvalidParameterException");
    const gone = await failure(
      h.client.send(
        new C.DeleteUserPoolClientSecretCommand({
          UserPoolId: poolId,
          ClientId: client.ClientId,
          ClientSecretId: before[0].ClientSecretId,
        }),
      ),
    );
    expect(gone.name).toBe("ResourceNotFoundException");
  });

  it("RevokeToken and GetTokensFromRefreshToken accept either secret, and refuse a wrong one", async () => {
    const client = await newClient(true);
    const first = client.ClientSecret as string;
    const added = await h.client.send(
      new C.AddUserPoolClientSecretCommand({ UserPoolId: poolId, ClientId: client.ClientId }),
    );
    const second = added.ClientSecretDescriptor?.ClientSecretValue as string;
    expect(second).toBeTruthy();
    const refresh = (await signIn(client.ClientId, second)).AuthenticationResult?.RefreshToken as string;
    const renewed = await h.client.send(
      new C.GetTokensFromRefreshTokenCommand({
        ClientId: client.ClientId,
        ClientSecret: second,
        RefreshToken: refresh,
      }),
    );
    expect(renewed.AuthenticationResult?.AccessToken).toBeTruthy();
    const wrong = await failure(
      h.client.send(
        new C.RevokeTokenCommand({
          ClientId: client.ClientId,
          ClientSecret: "notTheRightSecretAtAll1234567890",
          Token: refresh,
        }),
      ),
    );
    expect(wrong.name).toBe("UnauthorizedException");
    await h.client.send(
      new C.RevokeTokenCommand({ ClientId: client.ClientId, ClientSecret: first, Token: refresh }),
    );
    const revoked = await failure(
      h.client.send(
        new C.GetTokensFromRefreshTokenCommand({
          ClientId: client.ClientId,
          ClientSecret: second,
          RefreshToken: refresh,
        }),
      ),
    );
    expect(revoked.name).toBe("NotAuthorizedException");
  });

  it("accepts a secret of the caller's choosing and does not echo it", async () => {
    const client = await newClient(true);
    const mine = "my_own_secret_value_0123456789";
    const out = await h.client.send(
      new C.AddUserPoolClientSecretCommand({
        UserPoolId: poolId,
        ClientId: client.ClientId,
        ClientSecret: mine,
      }),
    );
    expect(out.ClientSecretDescriptor?.ClientSecretId).toBeTruthy();
    expect(out.ClientSecretDescriptor?.ClientSecretValue).toBeUndefined();
    expect((await signIn(client.ClientId, mine)).AuthenticationResult).toBeDefined();
  });

  it("rejects bad input: short secret, public client, unknown pool or client, missing ids", async () => {
    const client = await newClient(true);
    const short = await failure(
      h.client.send(
        new C.AddUserPoolClientSecretCommand({
          UserPoolId: poolId,
          ClientId: client.ClientId,
          ClientSecret: "short",
        }),
      ),
    );
    expect(short.name).toBe("InvalidParameterException");
    expect(short.message).toContain("Member must have length greater than or equal to 24");
    expect(short.message).not.toContain("short'");

    const pub = await newClient(false);
    expect(
      (
        await failure(
          h.client.send(new C.AddUserPoolClientSecretCommand({ UserPoolId: poolId, ClientId: pub.ClientId })),
        )
      ).name,
    ).toBe("InvalidParameterException");
    expect(await list(pub.ClientId)).toEqual([]);

    const noPool = await failure(
      h.client.send(
        new C.ListUserPoolClientSecretsCommand({
          UserPoolId: "us-east-1_nothere00",
          ClientId: client.ClientId,
        }),
      ),
    );
    expect(noPool.name).toBe("ResourceNotFoundException");
    const noClient = await failure(
      h.client.send(new C.AddUserPoolClientSecretCommand({ UserPoolId: poolId, ClientId: "nosuchclient" })),
    );
    expect(noClient).toEqual({
      name: "ResourceNotFoundException",
      message: "User pool client nosuchclient does not exist.",
    });
    const missing = await failure(
      h.client.send(
        new C.DeleteUserPoolClientSecretCommand({ UserPoolId: poolId, ClientId: client.ClientId } as never),
      ),
    );
    expect(missing.name).toBe("InvalidParameterException");
    expect(missing.message).toContain(
      "'clientSecretId' failed to satisfy constraint: Member must not be null",
    );
  });

  it("deleting the client deletes its secrets", async () => {
    const client = await newClient(true);
    await h.client.send(
      new C.AddUserPoolClientSecretCommand({ UserPoolId: poolId, ClientId: client.ClientId }),
    );
    await h.client.send(new C.DeleteUserPoolClientCommand({ UserPoolId: poolId, ClientId: client.ClientId }));
    const rows = h.endpoint.services.db
      .prepare("SELECT COUNT(*) FROM client_secrets WHERE client_id = ?")
      .pluck()
      .get(client.ClientId);
    expect(rows).toBe(0);
  });
});

describe("AdminDeleteSoftwareToken and AdminGetUserAuthFactors", () => {
  it("removes a verified TOTP factor; the next sign-in under required MFA asks to set one up", async () => {
    const client = await newClient(false);
    const signedIn = await h.client.send(
      new C.AdminInitiateAuthCommand({
        UserPoolId: poolId,
        ClientId: client.ClientId,
        AuthFlow: "ADMIN_USER_PASSWORD_AUTH",
        AuthParameters: { USERNAME: "rita", PASSWORD: PW },
      }),
    );
    const AccessToken = signedIn.AuthenticationResult?.AccessToken as string;
    const { SecretCode } = await h.client.send(new C.AssociateSoftwareTokenCommand({ AccessToken }));
    const verified = await h.client.send(
      new C.VerifySoftwareTokenCommand({ AccessToken, UserCode: totpCode(SecretCode as string) }),
    );
    expect(verified.Status).toBe("SUCCESS");
    await h.client.send(
      new C.AdminSetUserMFAPreferenceCommand({
        UserPoolId: poolId,
        Username: "rita",
        SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
      }),
    );
    const factors = await h.client.send(
      new C.AdminGetUserAuthFactorsCommand({ UserPoolId: poolId, Username: "rita" }),
    );
    expect(factors.Username).toBe("rita");
    expect(factors.PreferredMfaSetting).toBe("SOFTWARE_TOKEN_MFA");
    expect(factors.UserMFASettingList).toEqual(["SOFTWARE_TOKEN_MFA"]);
    expect(factors.ConfiguredUserAuthFactors).toContain("PASSWORD");

    await h.client.send(new C.AdminDeleteSoftwareTokenCommand({ UserPoolId: poolId, Username: "rita" }));
    const after = await h.client.send(
      new C.AdminGetUserAuthFactorsCommand({ UserPoolId: poolId, Username: "rita" }),
    );
    expect(after.PreferredMfaSetting).toBeUndefined();
    expect(after.UserMFASettingList).toBeUndefined();
    // Enabling TOTP again needs a new verified token.
    const again = await failure(
      h.client.send(
        new C.AdminSetUserMFAPreferenceCommand({
          UserPoolId: poolId,
          Username: "rita",
          SoftwareTokenMfaSettings: { Enabled: true },
        }),
      ),
    );
    expect(again.name).toBe("InvalidParameterException");

    await h.client.send(
      new C.SetUserPoolMfaConfigCommand({
        UserPoolId: poolId,
        MfaConfiguration: "ON",
        SoftwareTokenMfaConfiguration: { Enabled: true },
      }),
    );
    try {
      const next = await h.client.send(
        new C.AdminInitiateAuthCommand({
          UserPoolId: poolId,
          ClientId: client.ClientId,
          AuthFlow: "ADMIN_USER_PASSWORD_AUTH",
          AuthParameters: { USERNAME: "rita", PASSWORD: PW },
        }),
      );
      expect(next.ChallengeName).toBe("MFA_SETUP");
    } finally {
      await h.client.send(new C.SetUserPoolMfaConfigCommand({ UserPoolId: poolId, MfaConfiguration: "OFF" }));
    }
    // Deleting again (nothing registered) is harmless.
    await h.client.send(new C.AdminDeleteSoftwareTokenCommand({ UserPoolId: poolId, Username: "rita" }));
  });

  it("answers not-found and validation errors like the service", async () => {
    for (const cmd of [
      new C.AdminDeleteSoftwareTokenCommand({ UserPoolId: poolId, Username: "nobody" }),
      new C.AdminGetUserAuthFactorsCommand({ UserPoolId: poolId, Username: "nobody" }),
    ]) {
      expect(await failure(h.client.send(cmd as never))).toEqual({
        name: "UserNotFoundException",
        message: "User does not exist.",
      });
    }
    const noPool = await failure(
      h.client.send(
        new C.AdminGetUserAuthFactorsCommand({ UserPoolId: "us-east-1_nothere00", Username: "rita" }),
      ),
    );
    expect(noPool.name).toBe("ResourceNotFoundException");
    const bad = await failure(
      h.client.send(new C.AdminDeleteSoftwareTokenCommand({ UserPoolId: "no-underscore" } as never)),
    );
    expect(bad.name).toBe("InvalidParameterException");
    expect(bad.message).toMatch(/^2 validation errors detected: /);
    expect(bad.message).toContain(
      "Value null at 'username' failed to satisfy constraint: Member must not be null",
    );
    expect(bad.message).toContain("Value 'no-underscore' at 'userPoolId' failed to satisfy constraint");
  });
});
