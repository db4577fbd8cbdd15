// cogctl config get KEY: prints one of cogctl's settings for the profile (nothing when unset).
import { defineCommand } from "../../src/cli/command.js";
import { profileName } from "../../src/kernel/profile-settings.js";
import { readSettings, SETTINGS, settingKey } from "../../src/kernel/settings.js";
import { wantsPrinter } from "../../src/kernel/task.js";

export default defineCommand({
  name: "config get",
  summary: "Print one of cogctl's settings for the profile (nothing when unset)",
  examples: [
    { summary: "Print the default pool of the active profile", args: ["config", "get", "pool"] },
    { summary: "The default pool of another profile", args: ["config", "get", "pool", "--profile", "prod"] },
  ],
  configure(cmd) {
    cmd.argument("<key>", `the setting (${Object.keys(SETTINGS).join(", ")})`);
  },
  async run(_opts, args, ctx) {
    const key = settingKey(args[0]);
    const profile = profileName(ctx.globals.profile, ctx.io.env);
    const value = (await readSettings(ctx.paths.configDir, profile))[key];
    if (wantsPrinter(ctx)) {
      ctx.printer.result({ Profile: profile, Key: key, Value: value ?? null });
      return;
    }
    if (value !== undefined) ctx.io.stdout.write(`${value}\n`);
    else ctx.printer.info(`No ${key} set for profile ${profile}.`);
    // The setting is only the last resort: say so when the environment overrides it.
    if (key === "pool" && ctx.io.env.COGCTL_POOL)
      ctx.printer.info(`COGCTL_POOL=${ctx.io.env.COGCTL_POOL} is set and takes precedence.`);
  },
});
