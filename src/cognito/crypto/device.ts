// Remembered devices (COGNITO-FACTS §4): the device's own SRP verifier, made by the client at
// ConfirmDevice, and device SRP, which is the user SRP with poolName → DeviceGroupKey,
// USER_ID_FOR_SRP → DeviceKey and password → the device's random password.
import { randomBytes } from "node:crypto";
import { bytesToBigInt } from "./native-mod-pow.js";
import type { SrpClaim, SrpClient } from "./srp-client.js";
import { N, padHex } from "./srp-math.js";
import { type SrpServerState, verifyClaim } from "./srp-server.js";
import { createPasswordVerifier, type StoredVerifier } from "./srp-verifier.js";

/** ConfirmDevice's DeviceSecretVerifierConfig: base64 of the PAD bytes of the verifier and salt. */
export interface DeviceSecretVerifierConfig {
  PasswordVerifier: string;
  Salt: string;
}

/** What a client keeps to sign in with a remembered device. randomPassword is a secret. */
export interface DeviceSecret {
  deviceGroupKey: string;
  deviceKey: string;
  randomPassword: string;
}

const hexToBase64 = (hex: string) => Buffer.from(hex, "hex").toString("base64");

/** A device's random password (base64 of 40 random bytes) and its verifier config for ConfirmDevice. */
export function createDeviceVerifier(
  deviceGroupKey: string,
  deviceKey: string,
): { randomPassword: string; config: DeviceSecretVerifierConfig } {
  const randomPassword = randomBytes(40).toString("base64");
  const { salt, verifier } = createPasswordVerifier(deviceGroupKey, deviceKey, randomPassword);
  return { randomPassword, config: { PasswordVerifier: hexToBase64(verifier), Salt: hexToBase64(salt) } };
}

function base64Integer(value: unknown, field: string): bigint {
  if (typeof value !== "string" || !/^[A-Za-z0-9+/]+={0,2}$/.test(value)) {
    throw new Error(`DeviceSecretVerifierConfig.${field} must be base64`);
  }
  return bytesToBigInt(Buffer.from(value, "base64"));
}

/**
 * The server's view of a ConfirmDevice config: {salt, verifier} as PAD hex, ready for
 * startServerSrp. Throws an Error naming the bad field (never its value) when it is unusable.
 */
export function deviceVerifierFromConfig(config: DeviceSecretVerifierConfig): StoredVerifier {
  const salt = base64Integer(config?.Salt, "Salt");
  const verifier = base64Integer(config?.PasswordVerifier, "PasswordVerifier");
  if (verifier <= 1n || verifier >= N)
    throw new Error("DeviceSecretVerifierConfig.PasswordVerifier is out of range");
  return { salt: padHex(salt), verifier: padHex(verifier) };
}

/** Answer DEVICE_PASSWORD_VERIFIER (whose parameters carry no USER_ID_FOR_SRP) with a client started for DEVICE_SRP_AUTH. */
export function respondToDeviceChallenge(
  client: SrpClient,
  challenge: { SALT: string; SRP_B: string; SECRET_BLOCK: string },
  device: DeviceSecret,
  now?: Date,
): SrpClaim {
  return client.respond(
    {
      SALT: challenge.SALT,
      SRP_B: challenge.SRP_B,
      SECRET_BLOCK: challenge.SECRET_BLOCK,
      USER_ID_FOR_SRP: device.deviceKey,
    },
    device.randomPassword,
    device.deviceGroupKey,
    now,
  );
}

/** Server side of DEVICE_PASSWORD_VERIFIER: verifyClaim with the device's identities. */
export function verifyDeviceClaim(
  state: SrpServerState,
  device: { deviceGroupKey: string; deviceKey: string },
  claim: { secretBlockB64: string; timestamp: string; signatureB64: string },
): boolean {
  return verifyClaim(state, { poolName: device.deviceGroupKey, userIdForSrp: device.deviceKey, ...claim });
}
