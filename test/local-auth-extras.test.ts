// Operations of the pinned SDK beyond the reference's 103 that belong to authentication:
// GetTokensFromRefreshToken and GetUserAuthFactors.
import {
  AdminCreateUserCommand,
  AdminInitiateAuthCommand,
  AdminSetUserPasswordCommand,
  AssociateSoftwareTokenCommand,
  type CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  GetTokensFromRefreshTokenCommand,
  GetUserAuthFactorsCommand,
  GetUserCommand,
  SetUserMFAPreferenceCommand,
  SetUserPoolMfaConfigCommand,
  VerifySoftwareTokenCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { Secret, TOTP } from "otpauth";
import { afterAll, beforeAll, expect, it } from "vitest";
import { failure, type LocalHarness, startLocal } from "./helpers/local-server.js";

let h: LocalHarness;
let sdk: CognitoIdentityProviderClient;
beforeAll(async () => {
  h = await startLocal();
  sdk = h.client;
});
afterAll(async () => {
  await h?.close();
});

it("GetTokensFromRefreshToken, auth factors, TOTP set up and turned off by access token", async () => {
  const poolId = (await sdk.send(new CreateUserPoolCommand({ PoolName: "extras" }))).UserPool?.Id as string;
  await sdk.send(
    new SetUserPoolMfaConfigCommand({
      UserPoolId: poolId,
      MfaConfiguration: "OPTIONAL",
      SoftwareTokenMfaConfiguration: { Enabled: true },
    }),
  );
  const c = await sdk.send(
    new CreateUserPoolClientCommand({
      UserPoolId: poolId,
      ClientName: "c",
      GenerateSecret: true,
      ExplicitAuthFlows: ["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    }),
  );
  const ClientId = c.UserPoolClient?.ClientId as string;
  const ClientSecret = c.UserPoolClient?.ClientSecret as string;
  await sdk.send(
    new AdminCreateUserCommand({
      UserPoolId: poolId,
      Username: "xena",
      MessageAction: "SUPPRESS",
      UserAttributes: [
        { Name: "email", Value: "xena@example.com" },
        { Name: "email_verified", Value: "true" },
      ],
    }),
  );
  await sdk.send(
    new AdminSetUserPasswordCommand({
      UserPoolId: poolId,
      Username: "xena",
      Password: "Passw0rd!x",
      Permanent: true,
    }),
  );
  const { createHmac } = await import("node:crypto");
  const SECRET_HASH = createHmac("sha256", ClientSecret).update(`xena${ClientId}`).digest("base64");
  const signIn = () =>
    sdk.send(
      new AdminInitiateAuthCommand({
        UserPoolId: poolId,
        ClientId,
        AuthFlow: "ADMIN_USER_PASSWORD_AUTH",
        AuthParameters: { USERNAME: "xena", PASSWORD: "Passw0rd!x", SECRET_HASH },
      }),
    );
  const t = (await signIn()).AuthenticationResult;
  const fresh = await sdk.send(
    new GetTokensFromRefreshTokenCommand({ ClientId, ClientSecret, RefreshToken: t?.RefreshToken }),
  );
  expect(
    (await sdk.send(new GetUserCommand({ AccessToken: fresh.AuthenticationResult?.AccessToken }))).Username,
  ).toBe("xena");
  const badSecret = await failure(
    sdk.send(
      new GetTokensFromRefreshTokenCommand({
        ClientId,
        ClientSecret: "x".repeat(51),
        RefreshToken: t?.RefreshToken,
      }),
    ),
  );
  expect(badSecret.name).toBe("NotAuthorizedException");

  const AccessToken = t?.AccessToken as string;
  expect((await sdk.send(new GetUserAuthFactorsCommand({ AccessToken }))).ConfiguredUserAuthFactors).toEqual([
    "PASSWORD",
    "EMAIL_OTP",
  ]);
  const { SecretCode } = await sdk.send(new AssociateSoftwareTokenCommand({ AccessToken }));
  const code = new TOTP({
    secret: Secret.fromBase32(SecretCode as string),
    digits: 6,
    period: 30,
  }).generate();
  expect((await sdk.send(new VerifySoftwareTokenCommand({ AccessToken, UserCode: code }))).Status).toBe(
    "SUCCESS",
  );
  // (AdminGetUserAuthFactors is newer than the botocore model the endpoint validates against.)
  const factors = await sdk.send(new GetUserAuthFactorsCommand({ AccessToken }));
  expect(factors.UserMFASettingList).toEqual(["SOFTWARE_TOKEN_MFA"]);
  expect((await signIn()).ChallengeName).toBe("SOFTWARE_TOKEN_MFA");
  // (AdminDeleteSoftwareToken is newer than the botocore model the endpoint validates against.)
  await sdk.send(
    new SetUserMFAPreferenceCommand({ AccessToken, SoftwareTokenMfaSettings: { Enabled: false } }),
  );
  const after = await sdk.send(
    new GetUserAuthFactorsCommand({ AccessToken: (await signIn()).AuthenticationResult?.AccessToken }),
  );
  expect(after.UserMFASettingList).toBeUndefined();
  expect((await signIn()).AuthenticationResult?.AccessToken).toBeTruthy();
});
