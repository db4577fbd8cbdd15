// The user-side operations of the embedded endpoint, end to end through the AWS SDK v3 over HTTP,
// with codes read from the outbox.

import { createHmac } from "node:crypto";
import {
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminGetUserCommand,
  AdminInitiateAuthCommand,
  AdminResetUserPasswordCommand,
  AdminSetUserMFAPreferenceCommand,
  AdminSetUserPasswordCommand,
  AdminSetUserSettingsCommand,
  AdminUpdateUserAttributesCommand,
  AdminUserGlobalSignOutCommand,
  ChangePasswordCommand,
  type CognitoIdentityProviderClient,
  ConfirmForgotPasswordCommand,
  ConfirmSignUpCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DeleteUserAttributesCommand,
  DeleteUserCommand,
  ForgotPasswordCommand,
  GetUserAttributeVerificationCodeCommand,
  GetUserCommand,
  GlobalSignOutCommand,
  InitiateAuthCommand,
  ResendConfirmationCodeCommand,
  RespondToAuthChallengeCommand,
  RevokeTokenCommand,
  SetUserMFAPreferenceCommand,
  SetUserPoolMfaConfigCommand,
  SetUserSettingsCommand,
  SignUpCommand,
  UpdateUserAttributesCommand,
  VerifyUserAttributeCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failure, type LocalHarness, startLocal } from "./helpers/local-server.js";

let h: LocalHarness;
let sdk: CognitoIdentityProviderClient;
let poolId: string;
let clientId: string;
const PW = "Passw0rd!one";

/** The newest code the outbox holds for a user (what a person would read in their mail). */
function lastCode(username: string): string {
  const msgs = h.endpoint.services.messages.list(poolId, username);
  const code = msgs[msgs.length - 1]?.code;
  if (!code) throw new Error(`no code in the outbox for ${username}`);
  return code;
}

async function passwordSignIn(username: string, password: string) {
  const out = await sdk.send(
    new InitiateAuthCommand({
      AuthFlow: "USER_PASSWORD_AUTH",
      ClientId: clientId,
      AuthParameters: { USERNAME: username, PASSWORD: password },
    }),
  );
  return out;
}

async function tokensFor(username: string, password: string) {
  const out = await passwordSignIn(username, password);
  if (!out.AuthenticationResult) throw new Error(`expected tokens, got challenge ${out.ChallengeName}`);
  return out.AuthenticationResult as { AccessToken: string; IdToken: string; RefreshToken: string };
}

async function signUpConfirmed(
  username: string,
  email: string,
  extra: { Name: string; Value: string }[] = [],
) {
  await sdk.send(
    new SignUpCommand({
      ClientId: clientId,
      Username: username,
      Password: PW,
      UserAttributes: [{ Name: "email", Value: email }, ...extra],
    }),
  );
  await sdk.send(
    new ConfirmSignUpCommand({
      ClientId: clientId,
      Username: username,
      ConfirmationCode: lastCode(username),
    }),
  );
}

beforeAll(async () => {
  h = await startLocal();
  sdk = h.client;
  const pool = await sdk.send(
    new CreateUserPoolCommand({
      PoolName: "user-ops",
      AutoVerifiedAttributes: ["email"],
      Schema: [{ Name: "team", AttributeDataType: "String", Mutable: true }],
    }),
  );
  poolId = pool.UserPool?.Id as string;
  const client = await sdk.send(
    new CreateUserPoolClientCommand({
      UserPoolId: poolId,
      ClientName: "app",
      ExplicitAuthFlows: [
        "ALLOW_USER_PASSWORD_AUTH",
        "ALLOW_ADMIN_USER_PASSWORD_AUTH",
        "ALLOW_REFRESH_TOKEN_AUTH",
      ],
    }),
  );
  clientId = client.UserPoolClient?.ClientId as string;
});

afterAll(async () => {
  await h?.close();
});

describe("sign-up and confirmation", () => {
  it("signs up UNCONFIRMED, refuses sign-in, confirms with the emailed code", async () => {
    const out = await sdk.send(
      new SignUpCommand({
        ClientId: clientId,
        Username: "bob",
        Password: PW,
        UserAttributes: [{ Name: "email", Value: "bob@example.com" }],
      }),
    );
    expect(out.UserConfirmed).toBe(false);
    expect(out.UserSub).toMatch(/^[0-9a-f-]{36}$/);
    expect(out.CodeDeliveryDetails).toEqual({
      Destination: "b***@e***.com",
      DeliveryMedium: "EMAIL",
      AttributeName: "email",
    });
    const msg = h.endpoint.services.messages.list(poolId, "bob").at(-1);
    expect(msg?.destination).toBe("bob@example.com");
    expect(msg?.message).toContain(msg?.code as string);

    expect((await failure(passwordSignIn("bob", PW))).name).toBe("UserNotConfirmedException");
    const wrongCode = lastCode("bob") === "000000" ? "111111" : "000000";
    const bad = await failure(
      sdk.send(
        new ConfirmSignUpCommand({ ClientId: clientId, Username: "bob", ConfirmationCode: wrongCode }),
      ),
    );
    expect(bad.name).toBe("CodeMismatchException");

    const resent = await sdk.send(new ResendConfirmationCodeCommand({ ClientId: clientId, Username: "bob" }));
    expect(resent.CodeDeliveryDetails?.DeliveryMedium).toBe("EMAIL");
    await sdk.send(
      new ConfirmSignUpCommand({ ClientId: clientId, Username: "bob", ConfirmationCode: lastCode("bob") }),
    );
    const user = await sdk.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "bob" }));
    expect(user.UserStatus).toBe("CONFIRMED");
    expect(user.UserAttributes?.find((a) => a.Name === "email_verified")?.Value).toBe("true");
    const again = await failure(
      sdk.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: "bob", ConfirmationCode: "123456" })),
    );
    expect(again.name).toBe("NotAuthorizedException");
    expect((await tokensFor("bob", PW)).AccessToken).toBeTruthy();
  });

  it("refuses a password that breaks the policy and an existing username", async () => {
    const weak = await failure(
      sdk.send(new SignUpCommand({ ClientId: clientId, Username: "weak", Password: "short" })),
    );
    expect(weak.name).toBe("InvalidPasswordException");
    const dup = await failure(
      sdk.send(new SignUpCommand({ ClientId: clientId, Username: "bob", Password: PW })),
    );
    expect(dup.name).toBe("UsernameExistsException");
  });
});

describe("the signed-in user's own account", () => {
  it("GetUser, UpdateUserAttributes with re-verification, VerifyUserAttribute, DeleteUserAttributes", async () => {
    await signUpConfirmed("carol", "carol@example.com", [{ Name: "custom:team", Value: "red" }]);
    const { AccessToken } = await tokensFor("carol", PW);
    const me = await sdk.send(new GetUserCommand({ AccessToken }));
    expect(me.Username).toBe("carol");
    expect(me.UserAttributes?.find((a) => a.Name === "custom:team")?.Value).toBe("red");

    const upd = await sdk.send(
      new UpdateUserAttributesCommand({
        AccessToken,
        UserAttributes: [
          { Name: "email", Value: "carol@new.example.org" },
          { Name: "given_name", Value: "Carol" },
        ],
      }),
    );
    expect(upd.CodeDeliveryDetailsList?.[0]?.Destination).toBe("c***@n***.org");
    let attrs = (await sdk.send(new GetUserCommand({ AccessToken }))).UserAttributes ?? [];
    expect(attrs.find((a) => a.Name === "email_verified")?.Value).toBe("false");
    const wrong = await failure(
      sdk.send(
        new VerifyUserAttributeCommand({
          AccessToken,
          AttributeName: "email",
          Code: lastCode("carol") === "000000" ? "1" : "000000",
        }),
      ),
    );
    expect(wrong.name).toBe("CodeMismatchException");
    await sdk.send(
      new VerifyUserAttributeCommand({ AccessToken, AttributeName: "email", Code: lastCode("carol") }),
    );
    attrs = (await sdk.send(new GetUserCommand({ AccessToken }))).UserAttributes ?? [];
    expect(attrs.find((a) => a.Name === "email_verified")?.Value).toBe("true");

    const sent = await sdk.send(
      new GetUserAttributeVerificationCodeCommand({ AccessToken, AttributeName: "email" }),
    );
    expect(sent.CodeDeliveryDetails?.AttributeName).toBe("email");
    await sdk.send(
      new VerifyUserAttributeCommand({ AccessToken, AttributeName: "email", Code: lastCode("carol") }),
    );

    await sdk.send(
      new DeleteUserAttributesCommand({ AccessToken, UserAttributeNames: ["given_name", "custom:team"] }),
    );
    attrs = (await sdk.send(new GetUserCommand({ AccessToken }))).UserAttributes ?? [];
    expect(attrs.map((a) => a.Name)).not.toContain("given_name");
    expect(attrs.map((a) => a.Name)).not.toContain("custom:team");
  });

  it("VerifyUserAttribute accepts the code AdminUpdateUserAttributes sent", async () => {
    await signUpConfirmed("cody", "cody@example.com");
    const { AccessToken } = await tokensFor("cody", PW);
    await sdk.send(
      new AdminUpdateUserAttributesCommand({
        UserPoolId: poolId,
        Username: "cody",
        UserAttributes: [{ Name: "email", Value: "cody@else.example.com" }],
      }),
    );
    const msg = h.endpoint.services.messages.list(poolId, "cody").at(-1);
    expect(msg?.destination).toBe("cody@else.example.com");
    await sdk.send(
      new VerifyUserAttributeCommand({ AccessToken, AttributeName: "email", Code: msg?.code as string }),
    );
    const attrs = (await sdk.send(new GetUserCommand({ AccessToken }))).UserAttributes ?? [];
    expect(attrs.find((a) => a.Name === "email_verified")?.Value).toBe("true");
  });

  it("ChangePassword needs the old password; the new one signs in", async () => {
    await signUpConfirmed("dave", "dave@example.com");
    const { AccessToken } = await tokensFor("dave", PW);
    const bad = await failure(
      sdk.send(
        new ChangePasswordCommand({
          AccessToken,
          PreviousPassword: "Wrong#Pass1",
          ProposedPassword: "New#Passw0rd",
        }),
      ),
    );
    expect(bad).toEqual({ name: "NotAuthorizedException", message: "Incorrect username or password." });
    await sdk.send(
      new ChangePasswordCommand({ AccessToken, PreviousPassword: PW, ProposedPassword: "New#Passw0rd" }),
    );
    expect((await failure(passwordSignIn("dave", PW))).name).toBe("NotAuthorizedException");
    expect((await tokensFor("dave", "New#Passw0rd")).IdToken).toBeTruthy();
  });

  it("ForgotPassword / ConfirmForgotPassword reset the password and revoke earlier sign-ins", async () => {
    await signUpConfirmed("erin", "erin@example.com");
    const before = await tokensFor("erin", PW);
    const out = await sdk.send(new ForgotPasswordCommand({ ClientId: clientId, Username: "erin" }));
    expect(out.CodeDeliveryDetails?.DeliveryMedium).toBe("EMAIL");
    expect(h.endpoint.services.messages.list(poolId, "erin").at(-1)?.kind).toBe("FORGOT_PASSWORD");
    await sdk.send(
      new ConfirmForgotPasswordCommand({
        ClientId: clientId,
        Username: "erin",
        ConfirmationCode: lastCode("erin"),
        Password: "Reset#Passw0rd",
      }),
    );
    expect((await failure(sdk.send(new GetUserCommand({ AccessToken: before.AccessToken })))).message).toBe(
      "Access Token has been revoked",
    );
    expect((await tokensFor("erin", "Reset#Passw0rd")).AccessToken).toBeTruthy();
    const unknown = await failure(
      sdk.send(new ForgotPasswordCommand({ ClientId: clientId, Username: "nobody" })),
    );
    expect(unknown.name).toBe("UserNotFoundException");
  });

  it("AdminResetUserPassword: RESET_REQUIRED refuses sign-in until the reset code is used", async () => {
    await signUpConfirmed("fay", "fay@example.com");
    const before = await tokensFor("fay", PW);
    await sdk.send(new AdminResetUserPasswordCommand({ UserPoolId: poolId, Username: "fay" }));
    expect((await failure(passwordSignIn("fay", PW))).name).toBe("PasswordResetRequiredException");
    expect((await failure(sdk.send(new GetUserCommand({ AccessToken: before.AccessToken })))).name).toBe(
      "NotAuthorizedException",
    );
    await sdk.send(
      new ConfirmForgotPasswordCommand({
        ClientId: clientId,
        Username: "fay",
        ConfirmationCode: lastCode("fay"),
        Password: "Fresh#Passw0rd",
      }),
    );
    expect((await tokensFor("fay", "Fresh#Passw0rd")).AccessToken).toBeTruthy();
  });

  it("a disabled user cannot sign in and their tokens stop working", async () => {
    await signUpConfirmed("gus", "gus@example.com");
    const t = await tokensFor("gus", PW);
    await sdk.send(new AdminDisableUserCommand({ UserPoolId: poolId, Username: "gus" }));
    expect(await failure(passwordSignIn("gus", PW))).toEqual({
      name: "NotAuthorizedException",
      message: "User is disabled.",
    });
    await sdk.send(new AdminEnableUserCommand({ UserPoolId: poolId, Username: "gus" }));
    expect((await failure(sdk.send(new GetUserCommand({ AccessToken: t.AccessToken })))).message).toBe(
      "Access Token has been revoked",
    );
    expect((await tokensFor("gus", PW)).AccessToken).toBeTruthy();
  });

  it("FORCE_CHANGE_PASSWORD users get NEW_PASSWORD_REQUIRED (AdminInitiateAuth) with required attributes", async () => {
    await sdk.send(
      new AdminCreateUserCommand({
        UserPoolId: poolId,
        Username: "hal",
        TemporaryPassword: "Temp#Passw0rd",
        MessageAction: "SUPPRESS",
      }),
    );
    const step = await sdk.send(
      new AdminInitiateAuthCommand({
        UserPoolId: poolId,
        ClientId: clientId,
        AuthFlow: "ADMIN_USER_PASSWORD_AUTH",
        AuthParameters: { USERNAME: "hal", PASSWORD: "Temp#Passw0rd" },
      }),
    );
    expect(step.ChallengeName).toBe("NEW_PASSWORD_REQUIRED");
    expect(JSON.parse(step.ChallengeParameters?.requiredAttributes as string)).toEqual([]);
    const done = await sdk
      .send(
        new RespondToAuthChallengeCommand({
          ClientId: clientId,
          ChallengeName: "NEW_PASSWORD_REQUIRED",
          Session: step.Session,
          ChallengeResponses: { USERNAME: "hal", NEW_PASSWORD: PW },
        }),
      )
      .catch((e: Error) => e);
    // The admin flow's session belongs to AdminRespondToAuthChallenge.
    expect((done as Error).name).toBe("NotAuthorizedException");
    const { AdminRespondToAuthChallengeCommand } = await import("@aws-sdk/client-cognito-identity-provider");
    const ok = await sdk.send(
      new AdminRespondToAuthChallengeCommand({
        UserPoolId: poolId,
        ClientId: clientId,
        ChallengeName: "NEW_PASSWORD_REQUIRED",
        Session: step.Session,
        ChallengeResponses: { USERNAME: "hal", NEW_PASSWORD: PW, "userAttributes.given_name": "Hal" },
      }),
    );
    expect(ok.AuthenticationResult?.IdToken).toBeTruthy();
    const hal = await sdk.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "hal" }));
    expect(hal.UserStatus).toBe("CONFIRMED");
    expect(hal.UserAttributes?.find((a) => a.Name === "given_name")?.Value).toBe("Hal");
    // AdminSetUserPassword (not permanent) puts the user back into FORCE_CHANGE_PASSWORD.
    await sdk.send(
      new AdminSetUserPasswordCommand({
        UserPoolId: poolId,
        Username: "hal",
        Password: "Again#Passw0rd",
        Permanent: false,
      }),
    );
    expect((await passwordSignIn("hal", "Again#Passw0rd")).ChallengeName).toBe("NEW_PASSWORD_REQUIRED");
  });
});

describe("sign-out and revocation", () => {
  it("GlobalSignOut revokes access and refresh tokens", async () => {
    await signUpConfirmed("ivy", "ivy@example.com");
    const t = await tokensFor("ivy", PW);
    await sdk.send(new GlobalSignOutCommand({ AccessToken: t.AccessToken }));
    expect(await failure(sdk.send(new GetUserCommand({ AccessToken: t.AccessToken })))).toEqual({
      name: "NotAuthorizedException",
      message: "Access Token has been revoked",
    });
    const refresh = await failure(
      sdk.send(
        new InitiateAuthCommand({
          AuthFlow: "REFRESH_TOKEN_AUTH",
          ClientId: clientId,
          AuthParameters: { REFRESH_TOKEN: t.RefreshToken },
        }),
      ),
    );
    expect(refresh.name).toBe("NotAuthorizedException");
  });

  it("AdminUserGlobalSignOut and RevokeToken", async () => {
    await signUpConfirmed("jay", "jay@example.com");
    const a = await tokensFor("jay", PW);
    const b = await tokensFor("jay", PW);
    await sdk.send(new RevokeTokenCommand({ ClientId: clientId, Token: a.RefreshToken }));
    expect((await failure(sdk.send(new GetUserCommand({ AccessToken: a.AccessToken })))).name).toBe(
      "NotAuthorizedException",
    );
    expect((await sdk.send(new GetUserCommand({ AccessToken: b.AccessToken }))).Username).toBe("jay");
    const wrongKind = await failure(
      sdk.send(new RevokeTokenCommand({ ClientId: clientId, Token: b.AccessToken })),
    );
    expect(wrongKind.name).toBe("UnsupportedTokenTypeException");
    await sdk.send(new AdminUserGlobalSignOutCommand({ UserPoolId: poolId, Username: "jay" }));
    expect((await failure(sdk.send(new GetUserCommand({ AccessToken: b.AccessToken })))).name).toBe(
      "NotAuthorizedException",
    );
  });

  it("a forged or garbage access token is refused", async () => {
    await signUpConfirmed("kim", "kim@example.com");
    const t = await tokensFor("kim", PW);
    const [header, payload] = t.AccessToken.split(".");
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString());
    const forgedPayload = Buffer.from(JSON.stringify({ ...claims, username: "bob" })).toString("base64url");
    const forged = `${header}.${forgedPayload}.${t.AccessToken.split(".")[2]}`;
    expect(await failure(sdk.send(new GetUserCommand({ AccessToken: forged })))).toEqual({
      name: "NotAuthorizedException",
      message: "Invalid Access Token",
    });
    expect((await failure(sdk.send(new GetUserCommand({ AccessToken: "not-a-token" })))).name).toBe(
      "NotAuthorizedException",
    );
    // An ID token is not an access token.
    expect((await failure(sdk.send(new GetUserCommand({ AccessToken: t.IdToken })))).name).toBe(
      "NotAuthorizedException",
    );
  });

  it("DeleteUser removes the account", async () => {
    await signUpConfirmed("lee", "lee@example.com");
    const t = await tokensFor("lee", PW);
    await sdk.send(new DeleteUserCommand({ AccessToken: t.AccessToken }));
    expect(
      (await failure(sdk.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "lee" })))).name,
    ).toBe("UserNotFoundException");
    expect((await failure(sdk.send(new GetUserCommand({ AccessToken: t.AccessToken })))).name).toBe(
      "NotAuthorizedException",
    );
  });
});

describe("MFA by SMS and email codes", () => {
  it("SMS MFA: preferences, the challenge, the code from the outbox, wrong codes refused", async () => {
    await sdk.send(
      new SetUserPoolMfaConfigCommand({
        UserPoolId: poolId,
        MfaConfiguration: "OPTIONAL",
        SoftwareTokenMfaConfiguration: { Enabled: true },
      }),
    );
    await signUpConfirmed("max", "max@example.com", [{ Name: "phone_number", Value: "+15555550100" }]);
    const t = await tokensFor("max", PW);
    await sdk.send(
      new SetUserMFAPreferenceCommand({
        AccessToken: t.AccessToken,
        SMSMfaSettings: { Enabled: true, PreferredMfa: true },
      }),
    );
    const me = await sdk.send(new GetUserCommand({ AccessToken: t.AccessToken }));
    expect(me.UserMFASettingList).toEqual(["SMS_MFA"]);
    expect(me.PreferredMfaSetting).toBe("SMS_MFA");
    const admin = await sdk.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "max" }));
    expect(admin.UserMFASettingList).toEqual(["SMS_MFA"]);
    expect(admin.MFAOptions).toEqual([{ DeliveryMedium: "SMS", AttributeName: "phone_number" }]);
    const totpFirst = await failure(
      sdk.send(
        new SetUserMFAPreferenceCommand({
          AccessToken: t.AccessToken,
          SoftwareTokenMfaSettings: { Enabled: true },
        }),
      ),
    );
    expect(totpFirst.name).toBe("InvalidParameterException");

    const step = await passwordSignIn("max", PW);
    expect(step.ChallengeName).toBe("SMS_MFA");
    expect(step.ChallengeParameters?.CODE_DELIVERY_DELIVERY_MEDIUM).toBe("SMS");
    expect(step.ChallengeParameters?.CODE_DELIVERY_DESTINATION).toBe("+*******0100");
    const sms = h.endpoint.services.messages.list(poolId, "max").at(-1);
    expect(sms?.channel).toBe("SMS");
    expect(sms?.kind).toBe("MFA");
    const wrong = await failure(
      sdk.send(
        new RespondToAuthChallengeCommand({
          ClientId: clientId,
          ChallengeName: "SMS_MFA",
          Session: step.Session,
          ChallengeResponses: { USERNAME: "max", SMS_MFA_CODE: sms?.code === "000000" ? "111111" : "000000" },
        }),
      ),
    );
    expect(wrong.name).toBe("CodeMismatchException");
    const done = await sdk.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: "SMS_MFA",
        Session: step.Session,
        ChallengeResponses: { USERNAME: "max", SMS_MFA_CODE: sms?.code as string },
      }),
    );
    expect(done.AuthenticationResult?.AccessToken).toBeTruthy();
    // The session is spent.
    const replay = await failure(
      sdk.send(
        new RespondToAuthChallengeCommand({
          ClientId: clientId,
          ChallengeName: "SMS_MFA",
          Session: step.Session,
          ChallengeResponses: { USERNAME: "max", SMS_MFA_CODE: sms?.code as string },
        }),
      ),
    );
    expect(replay.name).toBe("NotAuthorizedException");

    // Legacy settings turn SMS MFA off again; the admin forms act on any user.
    await sdk.send(
      new SetUserSettingsCommand({ AccessToken: done.AuthenticationResult?.AccessToken, MFAOptions: [] }),
    );
    expect((await passwordSignIn("max", PW)).AuthenticationResult).toBeTruthy();
    await sdk.send(
      new AdminSetUserSettingsCommand({
        UserPoolId: poolId,
        Username: "max",
        MFAOptions: [{ DeliveryMedium: "SMS", AttributeName: "phone_number" }],
      }),
    );
    expect((await passwordSignIn("max", PW)).ChallengeName).toBe("SMS_MFA");
    await sdk.send(
      new AdminSetUserMFAPreferenceCommand({
        UserPoolId: poolId,
        Username: "max",
        SMSMfaSettings: { Enabled: false },
      }),
    );
    expect((await passwordSignIn("max", PW)).AuthenticationResult).toBeTruthy();
  });

  it("EMAIL_OTP as MFA and SELECT_MFA_TYPE when two methods are enabled without a preference", async () => {
    await signUpConfirmed("ned", "ned@example.com", [{ Name: "phone_number", Value: "+15555550101" }]);
    await sdk.send(
      new AdminSetUserMFAPreferenceCommand({
        UserPoolId: poolId,
        Username: "ned",
        EmailMfaSettings: { Enabled: true },
        SMSMfaSettings: { Enabled: true },
      }),
    );
    const step = await passwordSignIn("ned", PW);
    expect(step.ChallengeName).toBe("SELECT_MFA_TYPE");
    expect(JSON.parse(step.ChallengeParameters?.MFAS_CAN_CHOOSE as string).sort()).toEqual([
      "EMAIL_OTP",
      "SMS_MFA",
    ]);
    const chosen = await sdk.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: "SELECT_MFA_TYPE",
        Session: step.Session,
        ChallengeResponses: { USERNAME: "ned", ANSWER: "EMAIL_OTP" },
      }),
    );
    expect(chosen.ChallengeName).toBe("EMAIL_OTP");
    const mail = h.endpoint.services.messages.list(poolId, "ned").at(-1);
    expect(mail?.channel).toBe("EMAIL");
    const done = await sdk.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: "EMAIL_OTP",
        Session: chosen.Session,
        ChallengeResponses: { USERNAME: "ned", EMAIL_OTP_CODE: mail?.code as string },
      }),
    );
    expect(done.AuthenticationResult?.IdToken).toBeTruthy();
  });
});

describe("client settings", () => {
  it("enforces SECRET_HASH for clients with a secret", async () => {
    const c = await sdk.send(
      new CreateUserPoolClientCommand({
        UserPoolId: poolId,
        ClientName: "server",
        GenerateSecret: true,
        ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
      }),
    );
    const id = c.UserPoolClient?.ClientId as string;
    const secret = c.UserPoolClient?.ClientSecret as string;
    const missing = await failure(
      sdk.send(
        new InitiateAuthCommand({
          AuthFlow: "USER_PASSWORD_AUTH",
          ClientId: id,
          AuthParameters: { USERNAME: "bob", PASSWORD: PW },
        }),
      ),
    );
    expect(missing.message).toContain("SECRET_HASH was not received");
    const hash = createHmac("sha256", secret).update(`bob${id}`).digest("base64");
    const ok = await sdk.send(
      new InitiateAuthCommand({
        AuthFlow: "USER_PASSWORD_AUTH",
        ClientId: id,
        AuthParameters: { USERNAME: "bob", PASSWORD: PW, SECRET_HASH: hash },
      }),
    );
    expect(ok.AuthenticationResult?.AccessToken).toBeTruthy();
    const wrong = await failure(
      sdk.send(
        new InitiateAuthCommand({
          AuthFlow: "USER_PASSWORD_AUTH",
          ClientId: id,
          AuthParameters: { USERNAME: "bob", PASSWORD: PW, SECRET_HASH: "AAAA" },
        }),
      ),
    );
    expect(wrong.message).toBe(`Unable to verify secret hash for client ${id}`);
    const signUpNoHash = await failure(
      sdk.send(new SignUpCommand({ ClientId: id, Username: "zed", Password: PW })),
    );
    expect(signUpNoHash.name).toBe("NotAuthorizedException");
  });

  it("PreventUserExistenceErrors hides unknown users", async () => {
    const c = await sdk.send(
      new CreateUserPoolClientCommand({
        UserPoolId: poolId,
        ClientName: "hidden",
        PreventUserExistenceErrors: "ENABLED",
        ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH"],
      }),
    );
    const id = c.UserPoolClient?.ClientId as string;
    const unknown = await failure(
      sdk.send(
        new InitiateAuthCommand({
          AuthFlow: "USER_PASSWORD_AUTH",
          ClientId: id,
          AuthParameters: { USERNAME: "ghost", PASSWORD: PW },
        }),
      ),
    );
    expect(unknown).toEqual({ name: "NotAuthorizedException", message: "Incorrect username or password." });
    const srp = await sdk.send(
      new InitiateAuthCommand({
        AuthFlow: "USER_SRP_AUTH",
        ClientId: id,
        AuthParameters: { USERNAME: "ghost", SRP_A: "abcdef0123" },
      }),
    );
    expect(srp.ChallengeName).toBe("PASSWORD_VERIFIER");
    expect(srp.ChallengeParameters?.USER_ID_FOR_SRP).toBe("ghost");
    const forgot = await sdk.send(new ForgotPasswordCommand({ ClientId: id, Username: "ghost" }));
    expect(forgot.CodeDeliveryDetails?.DeliveryMedium).toBe("EMAIL");
  });
});
