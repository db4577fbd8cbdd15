// cogctl config unset KEY: removes one of cogctl's settings for the profile.
import { defineCommand } from "../../src/cli/command.js";
import { profileName } from "../../src/kernel/profile-settings.js";
import { SETTINGS, settingKey, writeSetting } from "../../src/kernel/settings.js";

export default defineCommand({
  name: "config unset",
  summary: "Remove one of cogctl's settings for the profile",
  examples: [{ summary: "Forget the default pool of the active profile", args: ["config", "unset", "pool"] }],
  configure(cmd) {
    cmd.argument("<key>", `the setting (${Object.keys(SETTINGS).join(", ")})`);
  },
  async run(_opts, args, ctx) {
    const key = settingKey(args[0]);
    const profile = profileName(ctx.globals.profile, ctx.io.env);
    await writeSetting(ctx.paths.configDir, profile, key, undefined);
    ctx.printer.done(`Unset ${key} for profile ${profile}`);
  },
});
