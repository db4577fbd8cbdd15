// Settings the AWS CLI reads from the profile itself (output) plus cogctl's own (cogctl_local),
// through the SDK's shared-config loader so profile resolution matches the SDK's exactly.
import { loadSharedConfig } from "./sdk.js";

/** The profile a command runs under, named as the SDK resolves it: --profile, AWS_PROFILE, default. */
export function profileName(
  profile: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): string {
  return profile ?? env.AWS_PROFILE ?? "default";
}

export async function loadProfileSettings(
  profile: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): Promise<Record<string, string | undefined>> {
  const name = profileName(profile, env);
  try {
    const { loadSharedConfigFiles } = loadSharedConfig();
    const files = await loadSharedConfigFiles();
    // Own sections only: `--profile constructor` names no profile, not Object's constructor.
    const section = (file: Record<string, Record<string, string | undefined>> | undefined) =>
      file && Object.hasOwn(file, name) ? file[name] : {};
    return { ...section(files.credentialsFile), ...section(files.configFile) };
  } catch {
    // Unreadable config files are reported by the SDK when it needs them; output settings fall back.
    return {};
  }
}
