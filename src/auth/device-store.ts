// Remembered devices: the device key, group key and random password that let a later sign-in
// prove the device by device SRP (COGNITO-FACTS §4) instead of asking for MFA. Kept apart from
// sessions because they outlive them: `auth logout` forgets tokens, not the device.
import { join } from "node:path";
import type { DeviceSecret } from "./crypto/index.js";
import { readPrivateJsonFiles, removeFile, safeName, writePrivateJson } from "./secure-file.js";

export interface StoredDevice extends DeviceSecret {
  version: 1;
  profile: string;
  userPoolId: string;
  /** The real username (USER_ID_FOR_SRP). */
  username: string;
  deviceName?: string;
  rememberedAt: string;
}

const devicesDir = (configDir: string) => join(configDir, "devices");
const fileName = (d: Pick<StoredDevice, "profile" | "userPoolId" | "username">) =>
  `${[d.profile, d.userPoolId, d.username].map(safeName).join(".")}.json`;

export async function saveDevice(configDir: string, device: StoredDevice): Promise<void> {
  await writePrivateJson(devicesDir(configDir), fileName(device), device);
}

export async function findDevice(
  configDir: string,
  key: { profile: string; userPoolId: string; username: string },
): Promise<StoredDevice | undefined> {
  const all = await readPrivateJsonFiles<StoredDevice>(devicesDir(configDir));
  return all
    .map((f) => f.value)
    .find((d) => d.profile === key.profile && d.userPoolId === key.userPoolId && d.username === key.username);
}

export async function forgetStoredDevice(
  configDir: string,
  key: { profile: string; userPoolId: string; username: string },
): Promise<void> {
  await removeFile(devicesDir(configDir), fileName(key));
}

export async function findDeviceByKey(
  configDir: string,
  deviceKey: string,
): Promise<StoredDevice | undefined> {
  const all = await readPrivateJsonFiles<StoredDevice>(devicesDir(configDir));
  return all.map((f) => f.value).find((d) => d.deviceKey === deviceKey);
}
