// cogctl local status: where the embedded endpoint keeps its data and what it holds, and the URL
// each pool domain's managed login and OAuth endpoints are served at by `local serve` (its default
// address, or --endpoint-url when given).
import { defineCommand } from "../../src/cli/command.js";

export default defineCommand<{ dataDir?: string }>({
  name: "local status",
  summary: "Show where the embedded endpoint's data lives and what it holds",
  terminalOutput: "table",
  examples: [
    { summary: "Show where the data lives and how many pools and users it holds", args: ["local", "status"] },
  ],
  configure(cmd) {
    cmd.option("--data-dir <dir>", "data directory (default: the cogctl data directory)");
  },
  async run(opts, _args, ctx) {
    const dataDir = opts.dataDir ?? ctx.paths.dataDir;
    const { databaseSize, collectStats } = await import("../../src/local/store/maintenance.js");
    const size = databaseSize(dataDir);
    if (size === undefined) {
      ctx.printer.result({ DataDirectory: dataDir, Exists: false });
      ctx.printer.info("Nothing stored yet: run a command with --local or start `cogctl local serve`.");
      return;
    }
    const { openDatabase, DATABASE_FILE } = await import("../../src/local/store/database.js");
    const db = await openDatabase({ dataDir });
    try {
      const stats = collectStats(db);
      const { DEFAULT_BASE_URL } = await import("../../src/local/endpoint.js");
      const { domainUrl } = await import("../../src/local/services/domains.js");
      const base = (ctx.globals.endpointUrl ?? DEFAULT_BASE_URL).replace(/\/$/, "");
      const domains = db.prepare("SELECT domain FROM domains ORDER BY domain").pluck().all() as string[];
      ctx.printer.result({
        DataDirectory: dataDir,
        Database: `${dataDir}/${DATABASE_FILE}`,
        Exists: true,
        SizeBytes: size,
        SchemaVersion: stats.schemaVersion,
        ...Object.fromEntries(
          Object.entries(stats.counts).map(([k, v]) => [k.charAt(0).toUpperCase() + k.slice(1), v]),
        ),
        // One line per domain: `DOMAIN URL` (the URL is where /login, /oauth2/* and /logout live).
        ...(domains.length ? { Domains: domains.map((d) => `${d} ${domainUrl(base, d)}`).join("\n") } : {}),
      });
    } finally {
      db.close();
    }
  },
});
