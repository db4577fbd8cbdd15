// cogctl users runs: the import runs in the journal (users import), newest first: a table on a
// terminal, tab-separated lines in pipes, JSON with --output json.
import { defineCommand } from "../../src/cli/command.js";
import { Journal, type RunRecord } from "../../src/kernel/import/journal.js";
import { createTablePrinter } from "../../src/kernel/table-printer.js";
import { wantsPrinter } from "../../src/kernel/task.js";

export default defineCommand<Record<string, never>>({
  name: "users runs",
  summary: "List users import runs (id, pool, file, state, counts) for --resume and --undo",
  examples: [
    { summary: "The import runs, newest first", args: ["users", "runs"] },
    {
      summary: "Unfinished runs as JSON",
      args: ["users", "runs", "--output", "json", "--query", "Runs[?State=='running'].RunId"],
    },
  ],
  configure() {},
  async run(_opts, _args, ctx) {
    let runs: RunRecord[] = [];
    // Listing never creates the journal: no runs yet is an empty list.
    if (Journal.exists(ctx.paths.stateDir)) {
      const journal = await Journal.open(ctx.paths.stateDir);
      try {
        runs = journal.runs();
      } finally {
        journal.close();
      }
    }
    if (wantsPrinter(ctx)) {
      ctx.printer.result({
        Runs: runs.map((r) => ({
          RunId: r.id,
          PoolId: r.poolId,
          PoolName: r.poolName ?? null,
          Endpoint: r.endpoint,
          File: r.file,
          FileSha256: r.fileSha256,
          Via: r.via,
          StartedAt: r.startedAt,
          UpdatedAt: r.updatedAt,
          State: r.state,
          Rows: r.rows,
          Imported: r.counts.imported,
          Skipped: r.counts.skipped,
          Failed: r.counts.failed,
          Invalid: r.invalid,
          Pending: r.counts.pending,
          Created: r.counts.created,
          Deleted: r.counts.deleted,
        })),
      });
      return;
    }
    const table = createTablePrinter<RunRecord>(
      ctx.io,
      [
        { header: "run", value: (r) => r.id },
        { header: "pool", value: (r) => r.poolName ?? r.poolId },
        { header: "file", value: (r) => r.file, kind: "text" },
        { header: "via", value: (r) => r.via },
        { header: "started", value: (r) => r.startedAt, kind: "time" },
        { header: "state", value: (r) => r.state },
        { header: "rows", value: (r) => r.rows },
        { header: "imported", value: (r) => r.counts.imported },
        { header: "skipped", value: (r) => r.counts.skipped },
        { header: "failed", value: (r) => r.counts.failed },
        { header: "invalid", value: (r) => r.invalid },
      ],
      { now: ctx.clock() },
    );
    for (const r of runs) table.add(r);
    table.render();
    if (runs.length === 0) ctx.printer.info("No import runs yet (cogctl users import FILE starts one).");
  },
});
