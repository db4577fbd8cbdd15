// cogctl users copy: a pool's users, groups and enabled states straight into another pool (another
// account, region, endpoint, or the embedded endpoint), streamed, resumable, exactly once. The work
// is src/kernel/copy/run.ts.
import { defineCommand } from "../../src/cli/command.js";
import { endpointUrlProblem } from "../../src/cli/global-options.js";
import { type CopyFlags, usersCopy } from "../../src/kernel/copy/run.js";
import { addSideOptions } from "../../src/kernel/copy/sides.js";

export default defineCommand<CopyFlags>({
  name: "users copy",
  summary: "Copy a pool's users, groups and enabled states into another pool (resumable, exactly once)",
  description: [
    "Read the users of --from-pool (ListUsers at the UserList quota, groups from ListGroups and",
    "ListUsersInGroup, MFA preferences from AdminGetUser when the pool has MFA) and create each in",
    "--to-pool with AdminCreateUser at the UserCreation quota (--rate; unpaced off AWS until the endpoint",
    "throttles), then add it to its groups, set its SMS / email MFA preference and disable it if it was",
    "disabled. Attributes go as the API gives them (commas, quotes, line breaks, spaces kept). No file is",
    "written between the two pools. The groups the destination lacks are created first, with their",
    "description, precedence and role ARN; existing ones are left as they are.",
    "",
    "Each side is the command's --profile / --region / --endpoint-url / --local unless it names its own:",
    "--from-profile, --to-endpoint-url, --to-local, ... A plan is shown first: the counts, and what",
    "cannot carry over (passwords: users start in FORCE_CHANGE_PASSWORD; TOTP secrets; devices; linked",
    "identities); it asks on a terminal and needs --yes elsewhere (--dry-run prints it only).",
    "",
    "Every copy is a run in the import journal (cogctl users runs). Interrupted (Ctrl-C, kill -9, a network",
    "failure), the same command again lists the source again and sends only what was not settled: no",
    "user is lost or sent twice. Users already in the destination are skipped and counted. At the end the",
    "mapping file (--map-file, default users-copy-RUN.subs.csv, 0600) lists each user's old and new sub",
    "and outcome. `cogctl users import --undo RUN` against the destination deletes what a copy created.",
    "Exit 0 when every user was copied or already there, 1 when some failed (listed), 252 for bad flags.",
  ]
    .join("\n")
    .replace(/(?<!\n)\n(?!\n)/g, " "),
  examples: [
    {
      summary: "Copy a staging pool into the embedded endpoint, for tests",
      args: ["users", "copy", "--from-pool", "staging", "--to-local", "--to-pool", "staging", "--yes"],
    },
    {
      summary: "Between two accounts, showing the plan only",
      args: [
        "users",
        "copy",
        "--from-profile",
        "prod",
        "--from-pool",
        "main",
        "--to-profile",
        "dr",
        "--to-pool",
        "main",
        "--dry-run",
      ],
    },
    {
      summary: "Only the disabled users, the mapping to a chosen file",
      args: [
        "users",
        "copy",
        "--from-pool",
        "old",
        "--to-pool",
        "new",
        "--where",
        "enabled = false",
        "--map-file",
        "subs.csv",
        "--yes",
      ],
    },
  ],
  configure(cmd) {
    cmd
      .option("--from-pool <name|id>", "the pool to copy from")
      .option("--to-pool <name|id>", "the pool to copy into (it must exist)");
    addSideOptions(cmd)
      .option("--where <expr>", 'only the users matching these conditions, joined by "and", as in users list')
      .option(
        "--map-file <file>",
        "where the old-sub → new-sub mapping goes (default users-copy-RUN.subs.csv)",
      )
      .option(
        "--rate <n>",
        "AdminCreateUser requests per second (default 50 on AWS; any endpoint when given)",
      )
      .option("--concurrency <n>", "requests in flight at once (default 10)")
      .option("--send-invitations", "let Cognito send each copied user an invitation (default: none)")
      .option("--yes", "do not ask before copying (needed without a terminal)")
      .option("--dry-run", "print the plan; copy nothing");
  },
  async run(opts, _args, ctx) {
    await usersCopy(ctx, opts, endpointUrlProblem);
  },
});
