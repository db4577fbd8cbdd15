// The remaining flows and operations through the AWS SDK v3 over HTTP: CUSTOM_AUTH with local
// trigger modules, USER_AUTH (SELECT_CHALLENGE, EMAIL_OTP first factor), SRP through the SDK with a
// secret-block-only answer (no Session, as pycognito sends), device operations, provider links and
// auth events.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  AdminCreateUserCommand,
  AdminDisableProviderForUserCommand,
  AdminForgetDeviceCommand,
  AdminGetDeviceCommand,
  AdminGetUserCommand,
  AdminInitiateAuthCommand,
  AdminLinkProviderForUserCommand,
  AdminListDevicesCommand,
  AdminListUserAuthEventsCommand,
  AdminSetUserPasswordCommand,
  AdminUpdateAuthEventFeedbackCommand,
  AdminUpdateDeviceStatusCommand,
  type CognitoIdentityProviderClient,
  ConfirmDeviceCommand,
  CreateIdentityProviderCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  ForgetDeviceCommand,
  GetDeviceCommand,
  InitiateAuthCommand,
  ListDevicesCommand,
  RespondToAuthChallengeCommand,
  UpdateAuthEventFeedbackCommand,
  UpdateDeviceStatusCommand,
  UpdateUserPoolCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createDeviceVerifier,
  createSrpClient,
  respondToDeviceChallenge,
} from "../src/cognito/crypto/index.js";
import { failure, type LocalHarness, startLocal } from "./helpers/local-server.js";

let h: LocalHarness;
let sdk: CognitoIdentityProviderClient;
const PW = "Passw0rd!flows";

async function pool(name: string, extra: Record<string, unknown> = {}) {
  const p = await sdk.send(new CreateUserPoolCommand({ PoolName: name, ...extra }));
  return p.UserPool?.Id as string;
}
async function appClient(poolId: string, flows: string[]) {
  const c = await sdk.send(
    new CreateUserPoolClientCommand({
      UserPoolId: poolId,
      ClientName: "c",
      ExplicitAuthFlows: flows as never,
    }),
  );
  return c.UserPoolClient?.ClientId as string;
}
async function user(poolId: string, username: string, attributes: Record<string, string> = {}) {
  await sdk.send(
    new AdminCreateUserCommand({
      UserPoolId: poolId,
      Username: username,
      MessageAction: "SUPPRESS",
      UserAttributes: Object.entries(attributes).map(([Name, Value]) => ({ Name, Value })),
    }),
  );
  await sdk.send(
    new AdminSetUserPasswordCommand({
      UserPoolId: poolId,
      Username: username,
      Password: PW,
      Permanent: true,
    }),
  );
}

beforeAll(async () => {
  h = await startLocal();
  sdk = h.client;
});
afterAll(async () => {
  await h?.close();
});

describe("SRP through the SDK", () => {
  it("accepts the claim without a Session (found by SECRET_BLOCK) and refuses a stale TIMESTAMP", async () => {
    const poolId = await pool("srp-sdk");
    const clientId = await appClient(poolId, ["ALLOW_USER_SRP_AUTH"]);
    await user(poolId, "pat");
    const poolName = poolId.split("_")[1];
    const start = async () => {
      const srp = createSrpClient();
      const init = await sdk.send(
        new InitiateAuthCommand({
          AuthFlow: "USER_SRP_AUTH",
          ClientId: clientId,
          AuthParameters: { USERNAME: "pat", SRP_A: srp.srpA },
        }),
      );
      return { srp, params: init.ChallengeParameters as Record<string, string> };
    };
    const a = await start();
    const claim = a.srp.respond(a.params as never, PW, poolName);
    const ok = await sdk.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: "PASSWORD_VERIFIER",
        ChallengeResponses: { USERNAME: "pat", ...claim },
      }),
    );
    expect(ok.AuthenticationResult?.AccessToken).toBeTruthy();

    const b = await start();
    const old = b.srp.respond(b.params as never, PW, poolName, new Date(Date.now() - 3_600_000));
    const stale = await failure(
      sdk.send(
        new RespondToAuthChallengeCommand({
          ClientId: clientId,
          ChallengeName: "PASSWORD_VERIFIER",
          ChallengeResponses: { USERNAME: "pat", ...old },
        }),
      ),
    );
    expect(stale.name).toBe("NotAuthorizedException");

    // A claim signed over another session's SECRET_BLOCK is refused.
    const c = await start();
    const d = await start();
    const crossed = c.srp.respond(
      { ...c.params, SECRET_BLOCK: d.params.SECRET_BLOCK } as never,
      PW,
      poolName,
    );
    const init = await failure(
      sdk.send(
        new RespondToAuthChallengeCommand({
          ClientId: clientId,
          ChallengeName: "PASSWORD_VERIFIER",
          ChallengeResponses: { USERNAME: "pat", ...crossed },
        }),
      ),
    );
    expect(init.name).toBe("NotAuthorizedException");
  });
});

describe("CUSTOM_AUTH with local trigger modules", () => {
  it("answers a modelled error without triggers, and runs Define/Create/Verify modules when configured", async () => {
    const poolId = await pool("custom");
    const clientId = await appClient(poolId, ["ALLOW_CUSTOM_AUTH"]);
    await user(poolId, "quinn");
    const none = await failure(
      sdk.send(
        new InitiateAuthCommand({
          AuthFlow: "CUSTOM_AUTH",
          ClientId: clientId,
          AuthParameters: { USERNAME: "quinn" },
        }),
      ),
    );
    expect(none.name).toBe("InvalidParameterException");
    expect(none.message).toContain("COGCTL_LOCAL_LAMBDA_DIR");

    const dir = mkdtempSync(join(tmpdir(), "cogctl-lambdas-"));
    writeFileSync(
      join(dir, "define.mjs"),
      `export const handler = async (event) => {
        const s = event.request.session;
        if (s.length && s[s.length - 1].challengeResult) { event.response.issueTokens = true; event.response.failAuthentication = false; }
        else if (s.length >= 2) { event.response.issueTokens = false; event.response.failAuthentication = true; }
        else { event.response.issueTokens = false; event.response.failAuthentication = false; event.response.challengeName = "CUSTOM_CHALLENGE"; }
        return event;
      };`,
    );
    writeFileSync(
      join(dir, "create.mjs"),
      `export const handler = async (event) => {
        event.response.publicChallengeParameters = { question: "2+2?" };
        event.response.privateChallengeParameters = { answer: "4" };
        event.response.challengeMetadata = "MATH";
        return event;
      };`,
    );
    writeFileSync(
      join(dir, "verify.mjs"),
      `export const handler = async (event) => {
        event.response.answerCorrect = event.request.challengeAnswer === event.request.privateChallengeParameters.answer;
        return event;
      };`,
    );
    process.env.COGCTL_LOCAL_LAMBDA_DIR = dir;
    const arn = (fn: string) => `arn:aws:lambda:us-east-1:000000000000:function:${fn}`;
    await sdk.send(
      new UpdateUserPoolCommand({
        UserPoolId: poolId,
        LambdaConfig: {
          DefineAuthChallenge: arn("define"),
          CreateAuthChallenge: arn("create"),
          VerifyAuthChallengeResponse: arn("verify"),
        },
      }),
    );
    const start = () =>
      sdk.send(
        new InitiateAuthCommand({
          AuthFlow: "CUSTOM_AUTH",
          ClientId: clientId,
          AuthParameters: { USERNAME: "quinn" },
        }),
      );
    const step = await start();
    expect(step.ChallengeName).toBe("CUSTOM_CHALLENGE");
    expect(step.ChallengeParameters?.question).toBe("2+2?");
    expect(step.ChallengeParameters?.answer).toBeUndefined();
    const answer = (session: string | undefined, ANSWER: string) =>
      sdk.send(
        new RespondToAuthChallengeCommand({
          ClientId: clientId,
          ChallengeName: "CUSTOM_CHALLENGE",
          Session: session,
          ChallengeResponses: { USERNAME: "quinn", ANSWER },
        }),
      );
    const wrong = await answer(step.Session, "5");
    expect(wrong.ChallengeName).toBe("CUSTOM_CHALLENGE");
    expect((await failure(answer(wrong.Session, "6"))).message).toBe("Incorrect username or password.");
    const again = await start();
    const ok = await answer(again.Session, "4");
    expect(ok.AuthenticationResult?.IdToken).toBeTruthy();
  });
});

describe("USER_AUTH (choice-based sign-in)", () => {
  it("offers SELECT_CHALLENGE, signs in by PASSWORD, and by an EMAIL_OTP code", async () => {
    const poolId = await pool("choice", {
      Policies: { SignInPolicy: { AllowedFirstAuthFactors: ["PASSWORD", "EMAIL_OTP"] } },
    });
    const clientId = await appClient(poolId, ["ALLOW_USER_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]);
    await user(poolId, "rae", { email: "rae@example.com", email_verified: "true" });
    const step = await sdk.send(
      new InitiateAuthCommand({
        AuthFlow: "USER_AUTH",
        ClientId: clientId,
        AuthParameters: { USERNAME: "rae" },
      }),
    );
    expect(step.ChallengeName).toBe("SELECT_CHALLENGE");
    expect(step.AvailableChallenges).toEqual(["PASSWORD", "PASSWORD_SRP", "EMAIL_OTP"]);
    const byPassword = await sdk.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: "SELECT_CHALLENGE",
        Session: step.Session,
        ChallengeResponses: { USERNAME: "rae", ANSWER: "PASSWORD", PASSWORD: PW },
      }),
    );
    expect(byPassword.AuthenticationResult?.AccessToken).toBeTruthy();

    const otp = await sdk.send(
      new InitiateAuthCommand({
        AuthFlow: "USER_AUTH",
        ClientId: clientId,
        AuthParameters: { USERNAME: "rae", PREFERRED_CHALLENGE: "EMAIL_OTP" },
      }),
    );
    expect(otp.ChallengeName).toBe("EMAIL_OTP");
    const code = h.endpoint.services.messages.list(poolId, "rae").at(-1)?.code as string;
    const done = await sdk.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: "EMAIL_OTP",
        Session: otp.Session,
        ChallengeResponses: { USERNAME: "rae", EMAIL_OTP_CODE: code },
      }),
    );
    expect(done.AuthenticationResult?.IdToken).toBeTruthy();
    const notAllowed = await failure(
      sdk.send(
        new InitiateAuthCommand({
          AuthFlow: "USER_AUTH",
          ClientId: clientId,
          AuthParameters: { USERNAME: "rae", PREFERRED_CHALLENGE: "SMS_OTP" },
        }),
      ),
    );
    expect(notAllowed.name).toBe("InvalidParameterException");
  });
});

describe("devices through the SDK", () => {
  it("NewDeviceMetadata, ConfirmDevice, Get/List/UpdateStatus/Forget in both forms, device SRP", async () => {
    const poolId = await pool("devices", {
      DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: false },
    });
    const clientId = await appClient(poolId, [
      "ALLOW_ADMIN_USER_PASSWORD_AUTH",
      "ALLOW_USER_SRP_AUTH",
      "ALLOW_REFRESH_TOKEN_AUTH",
    ]);
    await user(poolId, "sam");
    const adminSignIn = (deviceKey?: string) =>
      sdk.send(
        new AdminInitiateAuthCommand({
          UserPoolId: poolId,
          ClientId: clientId,
          AuthFlow: "ADMIN_USER_PASSWORD_AUTH",
          AuthParameters: { USERNAME: "sam", PASSWORD: PW, ...(deviceKey ? { DEVICE_KEY: deviceKey } : {}) },
        }),
      );
    const first = await adminSignIn();
    const meta = first.AuthenticationResult?.NewDeviceMetadata;
    const AccessToken = first.AuthenticationResult?.AccessToken as string;
    expect(meta?.DeviceKey).toMatch(/^us-east-1_/);
    const deviceKey = meta?.DeviceKey as string;
    const secret = createDeviceVerifier(meta?.DeviceGroupKey as string, deviceKey);
    const confirmed = await sdk.send(
      new ConfirmDeviceCommand({
        AccessToken,
        DeviceKey: deviceKey,
        DeviceName: "laptop",
        DeviceSecretVerifierConfig: secret.config,
      }),
    );
    expect(confirmed.UserConfirmationNecessary).toBe(false);
    const got = await sdk.send(new GetDeviceCommand({ AccessToken, DeviceKey: deviceKey }));
    expect(got.Device?.DeviceAttributes).toContainEqual({ Name: "device_name", Value: "laptop" });
    expect(
      (await sdk.send(new ListDevicesCommand({ AccessToken }))).Devices?.map((d) => d.DeviceKey),
    ).toEqual([deviceKey]);

    // Next sign-in with the device: DEVICE_SRP_AUTH, then DEVICE_PASSWORD_VERIFIER with the device secret.
    const withDevice = await adminSignIn(deviceKey);
    expect(withDevice.ChallengeName).toBe("DEVICE_SRP_AUTH");
    const { AdminRespondToAuthChallengeCommand } = await import("@aws-sdk/client-cognito-identity-provider");
    const srp = createSrpClient();
    const dpv = await sdk.send(
      new AdminRespondToAuthChallengeCommand({
        UserPoolId: poolId,
        ClientId: clientId,
        ChallengeName: "DEVICE_SRP_AUTH",
        Session: withDevice.Session,
        ChallengeResponses: { USERNAME: "sam", DEVICE_KEY: deviceKey, SRP_A: srp.srpA },
      }),
    );
    expect(dpv.ChallengeName).toBe("DEVICE_PASSWORD_VERIFIER");
    const claim = respondToDeviceChallenge(srp, dpv.ChallengeParameters as never, {
      deviceGroupKey: meta?.DeviceGroupKey as string,
      deviceKey,
      randomPassword: secret.randomPassword,
    });
    const done = await sdk.send(
      new AdminRespondToAuthChallengeCommand({
        UserPoolId: poolId,
        ClientId: clientId,
        ChallengeName: "DEVICE_PASSWORD_VERIFIER",
        Session: dpv.Session,
        ChallengeResponses: { USERNAME: "sam", DEVICE_KEY: deviceKey, ...claim },
      }),
    );
    expect(done.AuthenticationResult?.NewDeviceMetadata).toBeUndefined();
    const payload = JSON.parse(
      Buffer.from(String(done.AuthenticationResult?.AccessToken).split(".")[1], "base64url").toString(),
    );
    expect(payload.device_key).toBe(deviceKey);

    await sdk.send(
      new UpdateDeviceStatusCommand({
        AccessToken,
        DeviceKey: deviceKey,
        DeviceRememberedStatus: "not_remembered",
      }),
    );
    let admin = await sdk.send(
      new AdminGetDeviceCommand({ UserPoolId: poolId, Username: "sam", DeviceKey: deviceKey }),
    );
    expect(admin.Device?.DeviceAttributes).toContainEqual({
      Name: "dev:device_remembered_status",
      Value: "not_remembered",
    });
    await sdk.send(
      new AdminUpdateDeviceStatusCommand({
        UserPoolId: poolId,
        Username: "sam",
        DeviceKey: deviceKey,
        DeviceRememberedStatus: "remembered",
      }),
    );
    admin = await sdk.send(
      new AdminGetDeviceCommand({ UserPoolId: poolId, Username: "sam", DeviceKey: deviceKey }),
    );
    expect(admin.Device?.DeviceAttributes).toContainEqual({
      Name: "dev:device_remembered_status",
      Value: "remembered",
    });

    // A second device, forgotten by the admin; the first forgotten by the user.
    const secondSignIn = (await adminSignIn()).AuthenticationResult;
    const second = secondSignIn?.NewDeviceMetadata?.DeviceKey as string;
    const s2 = createDeviceVerifier("-g", second);
    // ConfirmDevice takes the access token of the sign-in that created the device.
    const mismatch = await failure(
      sdk.send(
        new ConfirmDeviceCommand({ AccessToken, DeviceKey: second, DeviceSecretVerifierConfig: s2.config }),
      ),
    );
    expect(mismatch.name).toBe("InvalidParameterException");
    await sdk.send(
      new ConfirmDeviceCommand({
        AccessToken: secondSignIn?.AccessToken,
        DeviceKey: second,
        DeviceSecretVerifierConfig: s2.config,
      }),
    );
    expect(
      (await sdk.send(new AdminListDevicesCommand({ UserPoolId: poolId, Username: "sam" }))).Devices,
    ).toHaveLength(2);
    await sdk.send(new AdminForgetDeviceCommand({ UserPoolId: poolId, Username: "sam", DeviceKey: second }));
    await sdk.send(new ForgetDeviceCommand({ AccessToken, DeviceKey: deviceKey }));
    expect((await sdk.send(new ListDevicesCommand({ AccessToken }))).Devices).toEqual([]);
    const gone = await failure(sdk.send(new GetDeviceCommand({ AccessToken, DeviceKey: deviceKey })));
    expect(gone).toEqual({ name: "ResourceNotFoundException", message: "Device does not exist." });
    expect((await failure(adminSignIn(deviceKey))).name).toBe("ResourceNotFoundException");
  });
});

describe("provider links and auth events", () => {
  it("AdminLinkProviderForUser / AdminDisableProviderForUser keep the identities attribute", async () => {
    const poolId = await pool("links");
    await sdk.send(
      new CreateIdentityProviderCommand({
        UserPoolId: poolId,
        ProviderName: "Google",
        ProviderType: "Google",
        ProviderDetails: { client_id: "id", client_secret: "secret", authorize_scopes: "email" },
      }),
    );
    await user(poolId, "tia");
    const link = (Username: string, value: string) =>
      sdk.send(
        new AdminLinkProviderForUserCommand({
          UserPoolId: poolId,
          DestinationUser: { ProviderName: "Cognito", ProviderAttributeValue: Username },
          SourceUser: {
            ProviderName: "Google",
            ProviderAttributeName: "Cognito_Subject",
            ProviderAttributeValue: value,
          },
        }),
      );
    await link("tia", "1234567890");
    const tia = await sdk.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "tia" }));
    const identities = JSON.parse(tia.UserAttributes?.find((a) => a.Name === "identities")?.Value as string);
    expect(identities[0]).toMatchObject({
      userId: "1234567890",
      providerName: "Google",
      providerType: "Google",
    });
    await user(poolId, "uma");
    expect((await failure(link("uma", "1234567890"))).name).toBe("AliasExistsException");
    expect((await failure(link("nobody", "555"))).name).toBe("UserNotFoundException");
    const noProvider = await failure(
      sdk.send(
        new AdminLinkProviderForUserCommand({
          UserPoolId: poolId,
          DestinationUser: { ProviderName: "Cognito", ProviderAttributeValue: "tia" },
          SourceUser: {
            ProviderName: "Facebook",
            ProviderAttributeName: "Cognito_Subject",
            ProviderAttributeValue: "1",
          },
        }),
      ),
    );
    expect(noProvider.name).toBe("InvalidParameterException");
    await sdk.send(
      new AdminDisableProviderForUserCommand({
        UserPoolId: poolId,
        User: {
          ProviderName: "Google",
          ProviderAttributeName: "Cognito_Subject",
          ProviderAttributeValue: "1234567890",
        },
      }),
    );
    const after = await sdk.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "tia" }));
    expect(after.UserAttributes?.find((a) => a.Name === "identities")).toBeUndefined();
    await link("uma", "1234567890");
  });

  it("auth events: UserPoolAddOnNotEnabledException without advanced security; listed and rated with it", async () => {
    const poolId = await pool("events");
    const clientId = await appClient(poolId, ["ALLOW_USER_PASSWORD_AUTH"]);
    await user(poolId, "val");
    const list = () => sdk.send(new AdminListUserAuthEventsCommand({ UserPoolId: poolId, Username: "val" }));
    expect((await failure(list())).name).toBe("UserPoolAddOnNotEnabledException");
    const feedbackOff = await failure(
      sdk.send(
        new AdminUpdateAuthEventFeedbackCommand({
          UserPoolId: poolId,
          Username: "val",
          EventId: "x",
          FeedbackValue: "Valid",
        }),
      ),
    );
    expect(feedbackOff.name).toBe("UserPoolAddOnNotEnabledException");

    await sdk.send(
      new UpdateUserPoolCommand({ UserPoolId: poolId, UserPoolAddOns: { AdvancedSecurityMode: "AUDIT" } }),
    );
    const signIn = (PASSWORD: string) =>
      sdk.send(
        new InitiateAuthCommand({
          AuthFlow: "USER_PASSWORD_AUTH",
          ClientId: clientId,
          AuthParameters: { USERNAME: "val", PASSWORD },
        }),
      );
    await signIn(PW);
    await failure(signIn("Wrong#Passw0rd"));
    const events = (await list()).AuthEvents ?? [];
    expect(events.map((e) => e.EventResponse).sort()).toEqual(["Fail", "Pass"]);
    expect(events[0].EventType).toBe("SignIn");
    const pass = events.find((e) => e.EventResponse === "Pass");
    await sdk.send(
      new AdminUpdateAuthEventFeedbackCommand({
        UserPoolId: poolId,
        Username: "val",
        EventId: pass?.EventId,
        FeedbackValue: "Valid",
      }),
    );
    const fail = events.find((e) => e.EventResponse === "Fail");
    // The feedback token travels in AWS's risk email; locally it is kept with the event.
    const token = h.endpoint.services.authEvents.find(
      h.endpoint.services.pools.get(poolId),
      h.endpoint.services.users.get(h.endpoint.services.pools.get(poolId), "val"),
      fail?.EventId as string,
    )?.data.feedbackToken as string;
    const badToken = await failure(
      sdk.send(
        new UpdateAuthEventFeedbackCommand({
          UserPoolId: poolId,
          Username: "val",
          EventId: fail?.EventId,
          FeedbackToken: "nope",
          FeedbackValue: "Invalid",
        }),
      ),
    );
    expect(badToken.name).toBe("NotAuthorizedException");
    await sdk.send(
      new UpdateAuthEventFeedbackCommand({
        UserPoolId: poolId,
        Username: "val",
        EventId: fail?.EventId,
        FeedbackToken: token,
        FeedbackValue: "Invalid",
      }),
    );
    const rated = (await list()).AuthEvents ?? [];
    expect(rated.find((e) => e.EventId === pass?.EventId)?.EventFeedback?.FeedbackValue).toBe("Valid");
    expect(rated.find((e) => e.EventId === fail?.EventId)?.EventFeedback?.FeedbackValue).toBe("Invalid");
  });
});
