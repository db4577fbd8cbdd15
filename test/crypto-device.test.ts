import { createHmac, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  createDeviceVerifier,
  deviceVerifierFromConfig,
  respondToDeviceChallenge,
  verifyDeviceClaim,
} from "../src/cognito/crypto/device.js";
import { createSrpClient } from "../src/cognito/crypto/srp-client.js";
import { cognitoTimestamp, N } from "../src/cognito/crypto/srp-math.js";
import { startServerSrp } from "../src/cognito/crypto/srp-server.js";
import { checkPassword } from "../src/cognito/crypto/srp-verifier.js";
import { AuthenticationHelper, BigInteger, syncResult } from "./helpers/crypto-oracle.js";

const GROUP = "-ZaQxRtYu";
const DEVICE = "us-east-1_6f3a9c1e-1d2b-4c5d-8e9f-0a1b2c3d4e5f";
const SECRET_BLOCK = randomBytes(48).toString("base64");

describe("createDeviceVerifier", () => {
  it("makes a 40-byte random password and a config whose verifier checks against it", () => {
    const { randomPassword, config } = createDeviceVerifier(GROUP, DEVICE);
    expect(Buffer.from(randomPassword, "base64")).toHaveLength(40);
    const stored = deviceVerifierFromConfig(config);
    expect(checkPassword(GROUP, DEVICE, randomPassword, stored)).toBe(true);
    expect(checkPassword(GROUP, DEVICE, createDeviceVerifier(GROUP, DEVICE).randomPassword, stored)).toBe(
      false,
    );
  });

  it("lets amazon-cognito-identity-js sign in with the device against our server", () => {
    const { randomPassword, config } = createDeviceVerifier(GROUP, DEVICE);
    const helper = new AuthenticationHelper(GROUP); // CognitoUser builds it with the device group key
    const step = startServerSrp(helper.largeAValue!.toString(16), deviceVerifierFromConfig(config));
    const hkdf = syncResult<Buffer>((cb) =>
      helper.getPasswordAuthenticationKey(
        DEVICE,
        randomPassword,
        new BigInteger(step.srpB, 16),
        new BigInteger(step.salt, 16),
        cb,
      ),
    );
    const timestamp = cognitoTimestamp();
    const signatureB64 = createHmac("sha256", hkdf)
      .update(
        Buffer.concat([
          Buffer.from(GROUP),
          Buffer.from(DEVICE),
          Buffer.from(SECRET_BLOCK, "base64"),
          Buffer.from(timestamp),
        ]),
      )
      .digest("base64");
    const device = { deviceGroupKey: GROUP, deviceKey: DEVICE };
    expect(
      verifyDeviceClaim(step.state, device, { secretBlockB64: SECRET_BLOCK, timestamp, signatureB64 }),
    ).toBe(true);
    expect(
      verifyDeviceClaim(
        step.state,
        { ...device, deviceKey: "other" },
        { secretBlockB64: SECRET_BLOCK, timestamp, signatureB64 },
      ),
    ).toBe(false);
  });
});

describe("device SRP with a verifier made by amazon-cognito-identity-js (generateHashDevice)", () => {
  it("round-trips through deviceVerifierFromConfig, our client and our server", () => {
    for (let i = 0; i < 3; i++) {
      const helper = new AuthenticationHelper(GROUP);
      syncResult<null>((cb) => helper.generateHashDevice(GROUP, DEVICE, cb));
      // The config exactly as CognitoUser sends it in ConfirmDevice.
      const config = {
        Salt: Buffer.from(helper.getSaltDevices(), "hex").toString("base64"),
        PasswordVerifier: Buffer.from(helper.getVerifierDevices(), "hex").toString("base64"),
      };
      const stored = deviceVerifierFromConfig(config);
      expect(stored.salt).toBe(helper.getSaltDevices());
      expect(stored.verifier).toBe(helper.getVerifierDevices());

      const secret = { deviceGroupKey: GROUP, deviceKey: DEVICE, randomPassword: helper.getRandomPassword() };
      const client = createSrpClient();
      const step = startServerSrp(client.srpA, stored);
      const claim = respondToDeviceChallenge(
        client,
        { SALT: step.salt, SRP_B: step.srpB, SECRET_BLOCK },
        secret,
      );
      const args = {
        secretBlockB64: claim.PASSWORD_CLAIM_SECRET_BLOCK,
        timestamp: claim.TIMESTAMP,
        signatureB64: claim.PASSWORD_CLAIM_SIGNATURE,
      };
      expect(verifyDeviceClaim(step.state, secret, args)).toBe(true);

      const impostor = createSrpClient();
      const step2 = startServerSrp(impostor.srpA, stored);
      const bad = respondToDeviceChallenge(
        impostor,
        { SALT: step2.salt, SRP_B: step2.srpB, SECRET_BLOCK },
        { ...secret, randomPassword: randomBytes(40).toString("base64") },
      );
      expect(
        verifyDeviceClaim(step2.state, secret, {
          ...args,
          timestamp: bad.TIMESTAMP,
          signatureB64: bad.PASSWORD_CLAIM_SIGNATURE,
        }),
      ).toBe(false);
    }
  });
});

describe("deviceVerifierFromConfig", () => {
  it("rejects unusable configs, naming the field but never echoing its value", () => {
    const ok = createDeviceVerifier(GROUP, DEVICE).config;
    const cases: Array<[unknown, RegExp]> = [
      [{ ...ok, Salt: "not base64!" }, /Salt must be base64/],
      [{ ...ok, PasswordVerifier: "" }, /PasswordVerifier must be base64/],
      [{ Salt: ok.Salt }, /PasswordVerifier must be base64/],
      [{ ...ok, PasswordVerifier: Buffer.from([1]).toString("base64") }, /out of range/],
      [{ ...ok, PasswordVerifier: Buffer.from(N.toString(16), "hex").toString("base64") }, /out of range/],
    ];
    for (const [config, message] of cases) {
      let error: unknown;
      try {
        deviceVerifierFromConfig(config as never);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).not.toContain(ok.Salt);
      expect((error as Error).message).not.toContain("not base64!");
    }
  });
});
