// cogctl local messages: the emails and SMS the embedded endpoint would have sent (sign-up and
// verification codes, password resets, MFA codes, invitations), read from its outbox.
import { defineCommand } from "../../src/cli/command.js";
import type { Context } from "../../src/kernel/context.js";
import { UsageError } from "../../src/kernel/errors.js";
import { untilInterrupted } from "../../src/kernel/io/signals.js";

export interface MessagesOptions {
  to?: string;
  pool?: string;
  follow?: boolean;
  limit: string;
  dataDir?: string;
}

/** Lists (and with --follow, keeps printing) outbox messages. `until` ends --follow (tests pass their own). */
export async function messages(opts: MessagesOptions, ctx: Context, until?: Promise<void>): Promise<number> {
  if (!/^\d+$/.test(opts.limit) || Number(opts.limit) < 1) {
    throw new UsageError(`--limit must be a positive whole number; got '${opts.limit}'.`);
  }
  const dataDir = opts.dataDir ?? ctx.paths.dataDir;
  const { databaseSize } = await import("../../src/local/store/maintenance.js");
  if (databaseSize(dataDir) === undefined && !opts.follow) {
    ctx.printer.result({ Messages: [] });
    ctx.printer.info(`No endpoint data in ${dataDir} yet.`);
    return 0;
  }
  const [{ openDatabase }, feed] = await Promise.all([
    import("../../src/local/store/database.js"),
    import("../../src/local/signin/outbox-feed.js"),
  ]);
  const db = await openDatabase({ dataDir });
  try {
    const query = { to: opts.to, poolId: opts.pool };
    const shown = feed.readOutbox(db, { ...query, limit: Number(opts.limit) });
    if (!opts.follow) {
      ctx.printer.result({ Messages: shown.map(feed.messageView) });
      return 0;
    }
    for (const m of shown) ctx.printer.result(feed.messageView(m));
    ctx.printer.info("Waiting for messages; Ctrl-C to stop.");
    const afterId = shown.length ? shown[shown.length - 1].id : feed.lastOutboxId(db);
    await feed.followOutbox(
      db,
      { ...query, afterId },
      (m) => ctx.printer.result(feed.messageView(m)),
      until ?? untilInterrupted(),
    );
    return 0;
  } finally {
    db.close();
  }
}

export default defineCommand<MessagesOptions>({
  name: "local messages",
  summary: "Show the emails and SMS the embedded endpoint would have sent (codes, invitations)",
  terminalOutput: "table",
  description:
    "Reads the embedded endpoint's outbox: every sign-up confirmation, verification, password-reset and MFA code, and every invitation. The codes are shown here on purpose; they never appear in logs.",
  examples: [
    { summary: "Show the newest codes and invitations", args: ["local", "messages"] },
    {
      summary: "Wait for the messages sent to one address",
      args: ["local", "messages", "--to", "alice@example.com", "--follow"],
    },
  ],
  configure(cmd) {
    cmd
      .option("--to <address>", "only messages sent to this email address or phone number")
      .option("--pool <id>", "only messages of this user pool")
      .option("--follow", "keep printing new messages as they arrive (Ctrl-C to stop)")
      .option("--limit <n>", "how many of the newest messages to show", "20")
      .option("--data-dir <dir>", "the endpoint's data directory (default: the cogctl data directory)");
  },
  run: (opts, _args, ctx) => messages(opts, ctx),
});
