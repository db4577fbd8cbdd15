// Settings the AWS CLI reads from the profile itself (output) plus cogctl's own (cogctl_local),
// through the SDK's shared-config loader so profile resolution matches the SDK's exactly.
import { loadSharedConfig } from "./sdk.js";

export async function loadProfileSettings(
  profile: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): Promise<Record<string, string | undefined>> {
  const name = profile ?? env.AWS_PROFILE ?? "default";
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
