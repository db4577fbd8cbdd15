// cogctl's own settings per profile (today: the default pool of task commands), one 0600 JSON file
// per profile under <configDir>/profiles/. Kept apart from the AWS shared config files, which belong
// to the AWS CLI and the SDKs (a key they do not know could confuse other tools reading them).
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { ConfigError, UsageError } from "./errors.js";
import { removeFile, safeName, writePrivateJson } from "./secure-file.js";

export const SETTINGS = {
  pool: "the default user pool (name or id) of task commands when --pool and COGCTL_POOL are not given",
} as const;
export type SettingKey = keyof typeof SETTINGS;
export type Settings = Partial<Record<SettingKey, string>>;

const dir = (configDir: string) => join(configDir, "profiles");
const fileName = (profile: string) => `${safeName(profile)}.json`;

export function settingKey(key: string): SettingKey {
  if (Object.hasOwn(SETTINGS, key)) return key as SettingKey;
  throw new UsageError(
    `Unknown setting '${key}'. Settings: ${Object.entries(SETTINGS)
      .map(([k, what]) => `${k} (${what})`)
      .join("; ")}.`,
  );
}

export async function readSettings(configDir: string, profile: string): Promise<Settings> {
  let text: string;
  try {
    text = await readFile(join(dir(configDir), fileName(profile)), "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return {};
    throw err;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ConfigError(
      `${join(dir(configDir), fileName(profile))} is not valid JSON; fix it, or remove it and set the values again with \`cogctl config set\`.`,
    );
  }
  const out: Settings = {};
  if (parsed && typeof parsed === "object") {
    for (const key of Object.keys(SETTINGS) as SettingKey[]) {
      const value = Object.hasOwn(parsed, key) ? (parsed as Record<string, unknown>)[key] : undefined;
      if (typeof value === "string") out[key] = value;
    }
  }
  return out;
}

/** Sets (or, with undefined, removes) one setting of a profile; the file goes when it is empty. */
export async function writeSetting(
  configDir: string,
  profile: string,
  key: SettingKey,
  value: string | undefined,
): Promise<void> {
  const settings = await readSettings(configDir, profile);
  if (value === undefined) delete settings[key];
  else settings[key] = value;
  if (Object.keys(settings).length === 0) await removeFile(dir(configDir), fileName(profile));
  else await writePrivateJson(dir(configDir), fileName(profile), settings);
}
