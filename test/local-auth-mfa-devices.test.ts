// TOTP set-up and sign-in, and remembered devices with device SRP, driven by
// amazon-cognito-identity-js against the endpoint over HTTP. TOTP codes come from otpauth (an
// independent RFC 6238 implementation), never from the endpoint's own code.
import {
  AdminCreateUserCommand,
  AdminForgetDeviceCommand,
  AdminGetDeviceCommand,
  AdminListDevicesCommand,
  AdminSetUserPasswordCommand,
  type CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  SetUserPoolMfaConfigCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import type { CognitoUser } from "amazon-cognito-identity-js";
import { Secret, TOTP } from "otpauth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browser, expectStep, type Step, signIn, stepCallbacks } from "./helpers/acij.js";
import { type LocalHarness, startLocal } from "./helpers/local-server.js";

let h: LocalHarness;
let sdk: CognitoIdentityProviderClient;
let poolId: string;
let clientId: string;
const PW = "Passw0rd!mfa";
let totpSecret = "";

const code = (secret: string) =>
  new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: "SHA1" }).generate();

beforeAll(async () => {
  h = await startLocal();
  sdk = h.client;
  const pool = await sdk.send(
    new CreateUserPoolCommand({
      PoolName: "mfa-devices",
      DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: true },
    }),
  );
  poolId = pool.UserPool?.Id as string;
  await sdk.send(
    new SetUserPoolMfaConfigCommand({
      UserPoolId: poolId,
      MfaConfiguration: "ON",
      SoftwareTokenMfaConfiguration: { Enabled: true },
    }),
  );
  const client = await sdk.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: "spa" }));
  clientId = client.UserPoolClient?.ClientId as string;
  await sdk.send(
    new AdminCreateUserCommand({ UserPoolId: poolId, Username: "olga", MessageAction: "SUPPRESS" }),
  );
  await sdk.send(
    new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: "olga", Password: PW, Permanent: true }),
  );
});

afterAll(async () => {
  await h?.close();
});

function sendTotp(user: CognitoUser, totp: string): Promise<Step> {
  return new Promise((resolve) => user.sendMFACode(totp, stepCallbacks(resolve), "SOFTWARE_TOKEN_MFA"));
}

describe("TOTP and remembered devices with amazon-cognito-identity-js", () => {
  const b = () => browser(h.server.url, poolId, clientId, storage);
  const storage = browser("http://unused", "us-east-1_unused000", "x").storage;

  it("sets TOTP up during sign-in (MFA_SETUP → AssociateSoftwareToken → VerifySoftwareToken)", async () => {
    const user = b().user("olga");
    const setup = expectStep(await signIn(user, "olga", PW), "mfaSetup");
    expect(setup.challengeName).toBe("MFA_SETUP");
    totpSecret = await new Promise<string>((resolve, reject) =>
      user.associateSoftwareToken({ associateSecretCode: resolve, onFailure: reject }),
    );
    expect(totpSecret).toMatch(/^[A-Z2-7]{32}$/);
    const wrong = await new Promise<Step>((resolve) =>
      user.verifySoftwareToken("000000", "phone", stepCallbacks(resolve)),
    );
    if (code(totpSecret) !== "000000")
      expect(expectStep(wrong, "failure").error.code).toBe("EnableSoftwareTokenMFAException");
    const done = await new Promise<Step>((resolve) =>
      user.associateSoftwareToken({
        associateSecretCode: (s: string) => {
          totpSecret = s;
          user.verifySoftwareToken(code(s), "phone", stepCallbacks(resolve));
        },
        onFailure: (e: { message: string }) => resolve({ kind: "failure", error: e }),
      }),
    );
    expect(expectStep(done, "success").session.isValid()).toBe(true);
  });

  it("asks for the TOTP code on the next sign-in and refuses a wrong one; the device is remembered", async () => {
    const user = b().user("olga");
    expectStep(await signIn(user, "olga", PW), "totpRequired");
    const bad = code(totpSecret) === "123456" ? "654321" : "123456";
    expect(expectStep(await sendTotp(user, bad), "failure").error.code).toBe("CodeMismatchException");
    const ok = expectStep(await sendTotp(user, code(totpSecret)), "success");
    // The pool remembers devices on the user's prompt: ACIJ confirmed the device, the app remembers it.
    expect(ok.confirmationNecessary).toBe(true);
    const deviceKey = ok.session.getAccessToken().payload.device_key as string;
    expect(deviceKey).toMatch(/^us-east-1_[0-9a-f-]{36}$/);
    await new Promise((resolve, reject) =>
      user.setDeviceStatusRemembered({ onSuccess: resolve, onFailure: reject }),
    );
    const device = await sdk.send(
      new AdminGetDeviceCommand({ UserPoolId: poolId, Username: "olga", DeviceKey: deviceKey }),
    );
    expect(device.Device?.DeviceAttributes).toContainEqual({
      Name: "dev:device_remembered_status",
      Value: "remembered",
    });
  });

  it("signs in on the remembered device by device SRP, without asking for MFA", async () => {
    const user = b().user("olga");
    const step = await signIn(user, "olga", PW);
    const ok = expectStep(step, "success");
    const devices = await sdk.send(new AdminListDevicesCommand({ UserPoolId: poolId, Username: "olga" }));
    expect(devices.Devices).toHaveLength(1);
    expect(ok.session.getAccessToken().payload.device_key).toBe(devices.Devices?.[0]?.DeviceKey);
    expect(devices.Devices?.[0]?.DeviceLastAuthenticatedDate).toBeInstanceOf(Date);
  });

  it("a forgotten device no longer skips MFA (ACIJ retries without it, then TOTP is asked)", async () => {
    const devices = await sdk.send(new AdminListDevicesCommand({ UserPoolId: poolId, Username: "olga" }));
    await sdk.send(
      new AdminForgetDeviceCommand({
        UserPoolId: poolId,
        Username: "olga",
        DeviceKey: devices.Devices?.[0]?.DeviceKey as string,
      }),
    );
    const user = b().user("olga");
    expectStep(await signIn(user, "olga", PW), "totpRequired");
  });

  it("a tampered device secret fails device SRP", async () => {
    // Sign in with TOTP again so ACIJ registers a fresh device, remember it, then corrupt its password.
    const user = b().user("olga");
    expectStep(await signIn(user, "olga", PW), "totpRequired");
    const ok = expectStep(await sendTotp(user, code(totpSecret)), "success");
    await new Promise((resolve, reject) =>
      user.setDeviceStatusRemembered({ onSuccess: resolve, onFailure: reject }),
    );
    const deviceKey = ok.session.getAccessToken().payload.device_key as string;
    const key = [...storage.map.keys()].find((k) => k.endsWith(".randomPasswordKey"));
    expect(key).toBeDefined();
    storage.map.set(key as string, "d3JvbmcgcGFzc3dvcmQ=");
    const step = expectStep(await signIn(b().user("olga"), "olga", PW), "failure");
    expect(step.error.code).toBe("NotAuthorizedException");
    expect(deviceKey).toBeTruthy();
  });
});
