// cogctl users export: a pool's users to a file that re-imports as it is (the pool's import CSV) or
// keeps everything (JSON lines), with groups and enabled state, at the UserList quota, resumable.
import { defineCommand } from "../../src/cli/command.js";
import { createCognitoCall } from "../../src/kernel/cognito-call.js";
import { UsageError } from "../../src/kernel/errors.js";
import { type GroupMap, loadGroupMap } from "../../src/kernel/export/group-map.js";
import { heapBoundFor } from "../../src/kernel/export/heap-bound.js";
import { csvHeader } from "../../src/kernel/export/rows.js";
import {
  type ExportTarget,
  fingerprintMismatch,
  prepareTarget,
  retryTransient,
  runExport,
} from "../../src/kernel/export/run.js";
import { loadImportPool } from "../../src/kernel/import/import-pool.js";
import { Pacer, pacedCall, unmeteredPacer } from "../../src/kernel/pacer.js";
import { createProgress } from "../../src/kernel/progress.js";
import { describePool } from "../../src/kernel/resolve.js";
import { addPoolOption, withTask } from "../../src/kernel/task.js";
import { attributeList, parseWhere, planFilter } from "../../src/kernel/users.js";

interface Opts {
  pool?: string;
  out?: string;
  format?: string;
  where?: string;
  groups?: boolean;
  attributes?: string;
  rate?: string;
  resume?: boolean;
  force?: boolean;
  mfa?: boolean;
}

export default defineCommand<Opts>({
  name: "users export",
  summary: "Export a pool's users: the import CSV (re-imports as it is) or JSON lines, groups included",
  description: [
    "Write a pool's users to --out FILE (or standard output): ListUsers page by page, paced to the",
    "UserList quota (30 requests/s on AWS, --rate to change it; slower on TooManyRequestsException and",
    "back up after), in memory that does not grow with the pool. A progress line on a terminal's stderr",
    "counts against the pool's EstimatedNumberOfUsers.",
    "",
    "--format csv (the default) is the pool's import file: GetCSVHeader's columns, a comma in a value as",
    "\\, (Cognito's CSV has no quoting), birthdate as mm/dd/yyyy, booleans true/false, cognito:mfa_enabled",
    "as the pool's MFA mode requires. It passes `users validate` and imports with `users import` as it is",
    "(an import job also needs each user's auto-verified email or phone verified, as Cognito does;",
    "unconfirmed users without one import with --via api).",
    "What that dialect cannot carry (a line break in a value, surrounding spaces the import trims) is",
    "written as near as it can be and reported; jsonl keeps it exactly. --groups adds cognito:groups",
    "(names separated by ;) and cognito:enabled, which `users import --via api` applies, and",
    "cognito:status, cognito:sub, cognito:created, cognito:modified, which the import ignores.",
    "",
    "--format jsonl is one JSON object a user with everything ListUsers returns: Username, every",
    "attribute (sub included), UserStatus, Enabled, UserCreateDate, UserLastModifiedDate, MFAOptions",
    "(legacy SMS MFA) and Groups. ListUsers does not return a user's MFA preferences; --mfa adds",
    "UserMFASettingList and PreferredMfaSetting with one AdminGetUser call per user (UserRead quota).",
    "",
    "Groups come from ListGroups and ListUsersInGroup, one call per 60 members, never one per user;",
    "the membership map is held in memory (at most about 80 bytes a membership, 1,000,000 at most).",
    "",
    "Passwords cannot be exported, and a user re-created in another pool gets a new sub: the old ones",
    "are in cognito:sub (csv with --groups) and in the attributes (jsonl).",
    "",
    "--where filters as in `users list`. --attributes a,b exports only these attributes (csv keeps every",
    "column, empty: the import needs them all).",
    "",
    "The file is written next to FILE as .FILE.cogctl-export.partial (0600) with a checkpoint",
    "(.FILE.cogctl-export.json: the next page's token and the rows written) and takes FILE's name only",
    "when complete. After Ctrl-C, kill or a network error, the same command with --resume continues",
    "and ends with exactly the file an uninterrupted run writes. If the pool no longer accepts the saved",
    "token (ListUsers tokens expire), the listing starts again and skips the users already written:",
    "each user once, in a different order (it says so). Standard output cannot be resumed.",
  ]
    .join("\n")
    .replace(/(?<!\n)\n(?!\n)/g, " "),
  examples: [
    {
      summary: "Back up a pool with groups and enabled state, in its import format",
      args: ["users", "export", "--pool", "demo", "--groups", "--out", "users.csv"],
    },
    {
      summary: "Continue an export that was interrupted",
      args: ["users", "export", "--pool", "demo", "--groups", "--out", "users.csv", "--resume"],
    },
    {
      summary: "Everything, as JSON lines, MFA settings included (one more call per user)",
      args: ["users", "export", "--pool", "demo", "--format", "jsonl", "--mfa", "--out", "users.jsonl"],
    },
    {
      summary: "Disabled users whose email starts with a, to standard output",
      args: ["users", "export", "--pool", "demo", "--where", 'email ^= "a" and enabled = false'],
    },
  ],
  configure(cmd) {
    addPoolOption(cmd)
      .option("--out <file>", "where the export goes (default, or -: standard output, not resumable)")
      .option(
        "--format <csv|jsonl>",
        "csv: the pool's import file (default); jsonl: everything, a JSON object a line",
      )
      .option("--where <expr>", 'conditions joined by "and", as in users list')
      .option(
        "--groups",
        "csv: add cognito:groups, cognito:enabled, status, sub and dates (jsonl has them always)",
      )
      .option("--attributes <a,b>", "only these attributes")
      .option("--mfa", "jsonl: MFA settings from AdminGetUser (one call per user)")
      .option("--rate <n>", "ListUsers requests per second (default: the UserList quota, 30 on AWS)")
      .option("--resume", "continue the interrupted export of --out FILE")
      .option("--force", "replace an existing FILE");
  },
  async run(opts, _args, ctx) {
    const format = opts.format ?? "csv";
    if (format !== "csv" && format !== "jsonl")
      throw new UsageError(`--format ${opts.format}: give csv or jsonl.`);
    if (opts.mfa && format !== "jsonl")
      throw new UsageError("--mfa goes with --format jsonl (the import CSV has no column for MFA settings).");
    const rate = opts.rate === undefined ? undefined : Number(opts.rate);
    if (rate !== undefined && !(Number.isFinite(rate) && rate > 0))
      throw new UsageError(`--rate ${opts.rate}: give requests per second, more than 0 (such as 30).`);
    const toStdout = opts.out === undefined || opts.out === "-";
    if (toStdout && opts.resume)
      throw new UsageError("--resume needs --out FILE: an export to standard output cannot be resumed.");
    const conditions = opts.where ? parseWhere(opts.where) : [];
    const plan = planFilter(conditions);
    const only = opts.attributes ? attributeList(opts.attributes) : undefined;
    const withGroups = format === "jsonl" || opts.groups === true;
    const target: ExportTarget = toStdout
      ? { kind: "stdout", stream: ctx.io.stdout }
      : { kind: "file", path: opts.out as string, force: opts.force === true, resume: opts.resume === true };
    const checkpoint = await prepareTarget(target);

    const aws = !ctx.globals.local && ctx.globals.endpointUrl === undefined;
    // A long run at the quota sends evenly (burst 1, as users import does): a second's burst at the
    // start empties the service's bucket, and then about 1% of the requests come back throttled.
    const pacer =
      rate !== undefined || aws
        ? new Pacer({ ...(rate !== undefined ? { quotas: { UserList: rate } } : {}), burst: 1 })
        : unmeteredPacer;
    const call = pacedCall(await createCognitoCall(ctx), pacer);

    const result = await withTask(ctx, async ({ resolver }) => {
      const pool = await resolver.pool(opts.pool);
      const [importPool, described] = await Promise.all([
        loadImportPool(call, pool.id, { notAws: !aws, warn: (m) => ctx.printer.warn(m) }),
        call("DescribeUserPool", { UserPoolId: pool.id }),
      ]);
      const header = format === "csv" ? csvHeader(importPool.header, opts.groups === true) : undefined;
      const attributesToGet = only
        ? [
            ...new Set([
              ...only,
              ...plan.local.map((c) => c.field).filter((f) => !["username", "status", "enabled"].includes(f)),
              ...(withGroups ? ["sub"] : []),
            ]),
          ]
        : undefined;
      const fingerprint = {
        pool: pool.id,
        format,
        where: opts.where ?? null,
        groups: withGroups,
        attributes: only ?? null,
        mfa: opts.mfa === true,
        header: header ?? null,
      };
      if (checkpoint) {
        const mismatch = fingerprintMismatch(checkpoint, fingerprint);
        if (mismatch)
          throw new UsageError(
            `--resume: the interrupted export was asked for something else (${mismatch}); give the same options, or delete its checkpoint to start again.`,
          );
      }
      ctx.io.stderr.write(
        `Note: passwords cannot be exported (imported users must reset theirs), and a user re-created in another pool gets a new sub; the old subs are ${format === "jsonl" ? "in each user's attributes" : opts.groups ? "in cognito:sub" : "kept only with --groups (cognito:sub) or --format jsonl"}.${toStdout ? " Writing to standard output: an interrupted export cannot be resumed (use --out FILE)." : ""}\n`,
      );
      const total = (described.UserPool?.EstimatedNumberOfUsers as number | undefined) ?? undefined;
      const progress = createProgress(ctx.io, { total, label: "Exporting users" });
      // V8 would size the heap by the run's length, not by what it holds: bounded, RSS stays flat in
      // the pool's size (why and how: heap-bound.ts).
      const heap = heapBoundFor(ctx.io.env);
      try {
        let groups: GroupMap | undefined;
        if (withGroups) {
          const max = Number(ctx.io.env.COGCTL_EXPORT_MAX_MEMBERSHIPS) || undefined;
          groups = await retryTransient(() =>
            loadGroupMap(call, pool.id, { maxMemberships: max, onPage: () => heap?.check() }),
          );
        }
        const run = await runExport(
          call,
          {
            poolId: pool.id,
            format,
            header,
            rows: {
              mfa: importPool.mfa,
              groupsOf: groups ? (u) => groups.groupsOf(u) : undefined,
              only: only ? new Set(only) : undefined,
            },
            filter: plan.filter,
            local: plan.local,
            attributesToGet,
            mfaDetails: opts.mfa === true,
            fingerprint,
          },
          target,
          checkpoint,
          {
            listed: (n) => {
              progress.tick(n);
              heap?.check();
            },
            warn: (m) => ctx.printer.warn(m),
          },
        );
        return { ...run, pool: describePool(pool) };
      } catch (err) {
        progress.done();
        if (target.kind === "file")
          ctx.printer.warn(
            `The export stopped; what was written is kept. Run the same command with --resume to continue.`,
          );
        throw err;
      } finally {
        heap?.release();
        progress.done();
      }
    });

    if (result.lossyCount > 0) {
      const examples = result.lossyExamples.map((l) => `${l.username} (${l.column}: ${l.why})`).join("; ");
      ctx.printer.warn(
        `${result.lossyCount} value${result.lossyCount === 1 ? "" : "s"} could not be written exactly in Cognito's CSV: ${examples}${result.lossyCount > result.lossyExamples.length ? "; ..." : ""}. --format jsonl keeps them exactly.`,
      );
    }
    ctx.io.stderr.write(
      `Exported ${result.rows} user${result.rows === 1 ? "" : "s"} of ${result.pool}${toStdout ? "" : ` to ${opts.out}`}${result.resumedAt !== undefined ? ` (resumed after ${result.resumedAt})` : ""}.\n`,
    );
  },
});
