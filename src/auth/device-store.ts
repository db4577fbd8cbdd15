// Remembered devices: the device key, group key and random password that let a later sign-in
// prove the device by device SRP (COGNITO-FACTS §4) instead of asking for MFA. Kept apart from
// sessions because they outlive them: `auth logout` forgets tokens, not the device.
import { join } from "node:path";
import type { DeviceSecret } from "../cognito/crypto/index.js";
import { readPrivateJsonFiles, removeFile, safeName, writePrivateJson } from "../kernel/secure-file.js";

export interface StoredDevice extends DeviceSecret {
  version: 1;
  profile: string;
  userPoolId: string;
  /** The real username (USER_ID_FOR_SRP). */
  username: string;
  /**
   * Other names this user signed in with on this device (an email or phone alias, or the email of a
   * pool with UsernameAttributes). A password flow sends DEVICE_KEY before the service has named the
   * real username, so the device must be found by the name that was typed.
   */
  aliases?: string[];
  deviceName?: string;
  rememberedAt: string;
}

const devicesDir = (configDir: string) => join(configDir, "devices");
const fileName = (d: Pick<StoredDevice, "profile" | "userPoolId" | "username">) =>
  `${[d.profile, d.userPoolId, d.username].map(safeName).join(".")}.json`;

export async function saveDevice(configDir: string, device: StoredDevice): Promise<void> {
  await writePrivateJson(devicesDir(configDir), fileName(device), device);
}

export const aliasesOf = (d: StoredDevice): string[] => (Array.isArray(d.aliases) ? d.aliases : []);

/** The device remembered for `key.username`: the real username first, else a recorded alias. */
export async function findDevice(
  configDir: string,
  key: { profile: string; userPoolId: string; username: string },
): Promise<StoredDevice | undefined> {
  const all = await readPrivateJsonFiles<StoredDevice>(devicesDir(configDir));
  const ofPool = all
    .map((f) => f.value)
    .filter((d) => d.profile === key.profile && d.userPoolId === key.userPoolId);
  return (
    ofPool.find((d) => d.username === key.username) ?? ofPool.find((d) => aliasesOf(d).includes(key.username))
  );
}

/** Records (or, with `remove`, drops) a name other than the username that finds this device. */
export async function updateDeviceAlias(
  configDir: string,
  device: StoredDevice,
  alias: string,
  remove = false,
): Promise<void> {
  const had = aliasesOf(device).includes(alias);
  if (alias === device.username || had === !remove) return;
  const aliases = remove ? aliasesOf(device).filter((a) => a !== alias) : [...aliasesOf(device), alias];
  await saveDevice(configDir, { ...device, aliases });
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
