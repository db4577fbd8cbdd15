// cogctl users import FILE: a CSV of users into a pool, validated first, through the API (one
// AdminCreateUser per row, paced) or a Cognito import job; every import is a run in the journal,
// resumable after a crash and undoable. The work is src/kernel/import/run.ts.
import { defineCommand } from "../../src/cli/command.js";
import { type ImportFlags, usersImport } from "../../src/kernel/import/run.js";
import { addJobImportOptions, type JobImportFlags, jobImportFor } from "../../src/kernel/import/via-job.js";
import { addPoolOption } from "../../src/kernel/task.js";

export default defineCommand<ImportFlags & JobImportFlags>({
  name: "users import",
  summary: "Import users from a CSV file (validated first; resumable, exactly once; --undo)",
  description: [
    "Import the users of a CSV file in Cognito's import format (cogctl users template) into a pool.",
    "The whole file is validated first; invalid rows stop the import (exit 1, each listed as",
    "file:line:column) unless --skip-invalid, which imports the rest and writes the invalid rows to the",
    "rejects file. --via api sends one AdminCreateUser per row, paced to the UserCreation quota (--rate,",
    "50/s on AWS), and applies cognito:groups (semicolon-separated) and cognito:enabled (false: disabled)",
    "afterwards; --via job runs Cognito's import job. Without --via: api up to 5,000 rows (or when the",
    "file has groups, enabled states or temporary passwords), job above.",
    "",
    "Every import is a run recorded under $XDG_STATE_HOME/cogctl/import-runs (cogctl users runs). After",
    "a crash, run the same command again (or --resume RUN): finished rows are never sent twice, and a",
    "row whose answer was lost is looked up before anything is sent again. --undo RUN deletes the users",
    "that run created (never those it skipped as existing). Exit 0 when every row was imported or",
    "skipped as existing (or, with --no-wait, once the job started), 1 when rows failed or were invalid",
    "(see the rejects file), 254 when an import job ended Failed (its CompletionMessage is printed), 252",
    "for a file that cannot be used at all.",
  ].join("\n"),
  examples: [
    {
      summary: "Check the file and show the plan (rows, path, pace, ETA) without importing",
      args: ["users", "import", "users.csv", "--pool", "demo", "--dry-run"],
    },
    {
      summary: "Import through the API, creating the groups the file names, JSON summary for CI",
      args: [
        "users",
        "import",
        "users.csv",
        "--pool",
        "demo",
        "--via",
        "api",
        "--create-groups",
        "--output",
        "json",
      ],
    },
    {
      summary: "Import the valid rows, the invalid ones into a rejects file to fix",
      args: ["users", "import", "users.csv", "--pool", "demo", "--skip-invalid", "--rejects", "fix-me.csv"],
    },
    {
      summary: "Temporary passwords from a command (run per row, COGCTL_IMPORT_USERNAME set)",
      args: [
        "users",
        "import",
        "users.csv",
        "--pool",
        "demo",
        "--temporary-password-command",
        "pwgen -s 16 1",
      ],
    },
    {
      summary: "Finish an interrupted run (finished rows are not sent again)",
      args: ["users", "import", "--resume", "20261201-194512-3fa2"],
    },
    {
      summary: "Delete the users a run created, without asking",
      args: ["users", "import", "--undo", "20261201-194512-3fa2", "--yes"],
    },
  ],
  configure(cmd) {
    addPoolOption(cmd)
      .argument("[file]", "the CSV file (Cognito's import format)")
      .option("--via <api|job>", "one AdminCreateUser per row, or a Cognito import job (default: by size)")
      .option("--skip-invalid", "import the valid rows; the invalid ones go to the rejects file")
      .option("--rejects <file>", "where failed and invalid rows go (default: FILE with .rejects.csv)")
      .option("--dry-run", "validate and print the plan; send nothing")
      .option(
        "--rate <n>",
        "AdminCreateUser requests per second (default 50 on AWS; any endpoint when given)",
      )
      .option("--concurrency <n>", "requests in flight at once (default 10)")
      .option(
        "--send-invitations",
        "let Cognito send each user an invitation (default: MessageAction SUPPRESS)",
      )
      .option(
        "--temporary-password-command <cmd>",
        "run per row; what it prints is that user's temporary password",
      )
      .option(
        "--temporary-password-column <col>",
        "take each user's temporary password from this column (e.g. cogctl:password)",
      )
      .option("--create-groups", "create the groups of cognito:groups the pool lacks")
      .option("--resume <run>", "continue an unfinished run (see cogctl users runs)")
      .option("--undo <run>", "delete the users that run created")
      .option("--yes", "do not ask before --undo (needed without a terminal)");
    addJobImportOptions(cmd);
  },
  async run(opts, args, ctx) {
    await usersImport(ctx, args[0], opts, jobImportFor(opts));
  },
});
