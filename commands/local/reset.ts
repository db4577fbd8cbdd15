// cogctl local reset: empties the embedded endpoint's data (asks first; --yes for scripts).
import { defineCommand } from "../../src/cli/command.js";
import { UsageError } from "../../src/kernel/errors.js";

export default defineCommand<{ dataDir?: string; yes?: boolean }>({
  name: "local reset",
  summary: "Delete everything the embedded endpoint stores (pools, users, outbox ...)",
  examples: [
    {
      summary: "Delete everything the embedded endpoint stores, without asking",
      args: ["local", "reset", "--yes"],
    },
  ],
  configure(cmd) {
    cmd
      .option("--data-dir <dir>", "data directory (default: the cogctl data directory)")
      .option("--yes", "do not ask for confirmation");
  },
  async run(opts, _args, ctx) {
    const dataDir = opts.dataDir ?? ctx.paths.dataDir;
    const { databaseSize, resetStore } = await import("../../src/local/store/maintenance.js");
    if (databaseSize(dataDir) === undefined) {
      ctx.printer.info(`Nothing to reset in ${dataDir}.`);
      return;
    }
    if (!opts.yes) {
      if (!ctx.io.canPrompt) {
        throw new UsageError(
          `local reset deletes all local data in ${dataDir}; pass --yes to confirm when not on a terminal.`,
        );
      }
      const ok = await ctx.prompter.confirm(`Delete all pools, users and messages in ${dataDir}?`, {
        flag: "--yes",
        default: false,
      });
      if (!ok) {
        ctx.printer.info("Nothing deleted.");
        return 1;
      }
    }
    const { openDatabase } = await import("../../src/local/store/database.js");
    const db = await openDatabase({ dataDir });
    try {
      resetStore(db);
    } finally {
      db.close();
    }
    ctx.printer.done(`Reset the local endpoint data in ${dataDir}`);
  },
});
