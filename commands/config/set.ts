// cogctl config set KEY VALUE: one of cogctl's own settings for the profile (today: the default pool).
import { defineCommand } from "../../src/cli/command.js";
import { profileName } from "../../src/kernel/profile-settings.js";
import { SETTINGS, settingKey, writeSetting } from "../../src/kernel/settings.js";

export default defineCommand({
  name: "config set",
  summary: "Set one of cogctl's settings for the profile (pool: the default pool of task commands)",
  description: [
    "Set one of cogctl's own settings for the profile (--profile, AWS_PROFILE or default), stored in",
    "cogctl's config directory (a 0600 file per profile), never in the AWS config files.",
    "",
    ...Object.entries(SETTINGS).map(([key, what]) => `  ${key}: ${what}`),
    "",
    "Task commands take the pool from --pool, else COGCTL_POOL, else this default. The name is",
    "resolved when a command runs, against the endpoint that command uses.",
  ].join("\n"),
  examples: [
    { summary: "Make demo the default pool of the active profile", args: ["config", "set", "pool", "demo"] },
    {
      summary: "A default pool for another profile, by id",
      args: ["config", "set", "pool", "eu-west-1_AbC123", "--profile", "prod"],
    },
  ],
  configure(cmd) {
    cmd
      .argument("<key>", `the setting (${Object.keys(SETTINGS).join(", ")})`)
      .argument("<value>", "its value");
  },
  async run(_opts, args, ctx) {
    const [key, value] = args;
    const profile = profileName(ctx.globals.profile, ctx.io.env);
    await writeSetting(ctx.paths.configDir, profile, settingKey(key), value);
    ctx.printer.done(`Set ${key} = ${value} for profile ${profile}`);
  },
});
