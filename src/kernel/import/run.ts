// `cogctl users import`: the whole task behind the command's flags. Validate the file (one streaming
// walk, which also takes its SHA-256), refuse invalid rows unless --skip-invalid, choose the path,
// print the plan (--dry-run stops there), record the run in the journal (or pick up the unfinished
// run of the same file and pool), send, write the rejects file, print the summary. Also --undo.
import { stat } from "node:fs/promises";
import { resolve as resolvePath } from "node:path";
import type { CsvProblem, ImportPool } from "../../cognito/csv/types.js";
import { type CognitoCall, createCognitoCall } from "../cognito-call.js";
import { confirmPlan } from "../confirm.js";
import type { Context } from "../context.js";
import { CliError, RowsFailedError, ServiceError, UsageError } from "../errors.js";
import { runForOutput } from "../io/run-command.js";
import { Pacer, QUOTAS } from "../pacer.js";
import { operationPages } from "../paginate.js";
import { createProgress } from "../progress.js";
import { describePool, type PoolRef } from "../resolve.js";
import { retryingCall } from "../retry.js";
import { printFields } from "../table-printer.js";
import { wantsPrinter, withTask } from "../task.js";
import { loadImportPool } from "./import-pool.js";
import { Journal, type RunOptions, type RunRecord } from "./journal.js";
import { createRejectsWriter } from "./rejects.js";
import { GROUPS_COLUMN, postSteps, rowGroups } from "./row-request.js";
import { glance, ImportFile, problemText, sha256 } from "./source.js";
import type { ImportSummary } from "./types.js";
import { undoRun, undoTargets } from "./undo.js";
import { importViaApi, type TemporaryPasswordSource } from "./via-api.js";
import { type JobRunSummary, jobImportError } from "./via-job.js";

export interface ImportFlags {
  pool?: string;
  via?: string;
  skipInvalid?: boolean;
  rejects?: string;
  dryRun?: boolean;
  rate?: string;
  concurrency?: string;
  sendInvitations?: boolean;
  temporaryPasswordCommand?: string;
  temporaryPasswordColumn?: string;
  createGroups?: boolean;
  resume?: string;
  undo?: string;
  yes?: boolean;
}

/**
 * Above this many rows `--via job` is the default. At the UserCreation quota (50/s) 5,000 rows take
 * 100 s through the API; an import job costs about as much before its first row is read (the
 * CloudWatch role, CreateUserImportJob, the upload, StartUserImportJob, then Pending for a minute or
 * two on AWS, and the log read-back after), and the API path answers row by row and carries what a
 * job cannot (groups, disabled users, temporary passwords). Files with those always default to the API.
 */
export const API_DEFAULT_MAX_ROWS = 5000;
/** Problems listed before "... and N more" (users validate lists them all). */
const PROBLEMS_SHOWN = 100;
const DEFAULT_CONCURRENCY = 10;
const MAX_CONCURRENCY = 64;

/** The `--via job` path (src/kernel/import/via-job.ts's jobImportFor), given the run it records in. */
export type JobImport = (
  ctx: Context,
  plan: ImportPlan,
  run: { journal: Journal; runId: string },
) => Promise<JobRunSummary>;

/** What validation found and what the command decided: the `--dry-run` output and the paths' input. */
export interface ImportPlan {
  file: ImportFile;
  pool: PoolRef;
  importPool: ImportPool;
  via: "api" | "job";
  rows: number;
  invalid: number;
  sha256: string;
  bytes: number;
  skipInvalid: boolean;
  rejectsFile: string;
  /** Groups the rows name that the pool lacks (created first with --create-groups). */
  missingGroups: string[];
  /** UserCreation requests per second; undefined: unpaced (an endpoint without quotas). */
  rate?: number;
  concurrency: number;
}

const plural = (n: number, noun: string) => `${n.toLocaleString("en-US")} ${noun}${n === 1 ? "" : "s"}`;

export function parseRate(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0)
    throw new UsageError(
      `--rate ${value}: give the AdminCreateUser requests per second, a number above 0 (e.g. 50).`,
    );
  return n;
}

export function parseConcurrency(value: string | undefined): number {
  if (value === undefined) return DEFAULT_CONCURRENCY;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > MAX_CONCURRENCY)
    throw new UsageError(`--concurrency ${value}: give a whole number from 1 to ${MAX_CONCURRENCY}.`);
  return n;
}

/** Which service the run talks to: a run is resumed (or undone) only against the same one. */
export async function endpointIdentity(ctx: Context): Promise<{ identity: string; aws: boolean }> {
  if (ctx.globals.local) return { identity: `local:${ctx.paths.dataDir}`, aws: false };
  const url =
    ctx.globals.endpointUrl ??
    ctx.io.env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER ??
    ctx.io.env.AWS_ENDPOINT_URL;
  if (url) return { identity: `endpoint:${url}`, aws: false };
  const region = await (await ctx.cognito()).config.region();
  return { identity: `aws:${region}`, aws: true };
}

function eta(seconds: number): string {
  if (seconds < 60) return `${Math.ceil(seconds)} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

async function existingGroups(call: CognitoCall, poolId: string): Promise<Set<string>> {
  const names = new Set<string>();
  for await (const page of operationPages(call, "list-groups", { UserPoolId: poolId }))
    for (const g of (page.Groups ?? []) as { GroupName: string }[]) names.add(g.GroupName);
  return names;
}

function temporaryPasswordSource(flags: ImportFlags): TemporaryPasswordSource | undefined {
  const command = flags.temporaryPasswordCommand;
  if (command !== undefined)
    return async (row) => {
      // The command learns whose password to print; its output is the password and goes nowhere else.
      const out = await runForOutput(command, {
        flag: "--temporary-password-command",
        env: { COGCTL_IMPORT_USERNAME: row.values["cognito:username"], COGCTL_IMPORT_LINE: String(row.line) },
        timeoutMs: 30_000,
        showStderr: false,
      });
      const password = out.replace(/\r?\n$/, "");
      if (password === "") throw new Error("--temporary-password-command printed nothing");
      return password;
    };
  const column = flags.temporaryPasswordColumn;
  if (column !== undefined) return async (row) => row.values[column] ?? "";
  return undefined;
}

function runOptionsOf(flags: ImportFlags, rejectsFile: string): RunOptions {
  return {
    sendInvitations: flags.sendInvitations === true,
    createGroups: flags.createGroups === true,
    skipInvalid: flags.skipInvalid === true,
    temporaryPassword:
      flags.temporaryPasswordCommand !== undefined
        ? { from: "command" }
        : flags.temporaryPasswordColumn !== undefined
          ? { from: "column", column: flags.temporaryPasswordColumn }
          : { from: "cognito" },
    rejectsFile,
  };
}

function checkFlagCombinations(file: string | undefined, flags: ImportFlags): void {
  if (flags.undo !== undefined) {
    if (file !== undefined || flags.resume !== undefined)
      throw new UsageError(
        "--undo RUN takes no FILE and no --resume: it deletes the users that run created.",
      );
    return;
  }
  if (file === undefined && flags.resume === undefined)
    throw new UsageError(
      "Give the CSV file to import (or --resume RUN, or --undo RUN; see cogctl users runs).",
    );
  if (flags.temporaryPasswordCommand !== undefined && flags.temporaryPasswordColumn !== undefined)
    throw new UsageError("--temporary-password-command and --temporary-password-column: choose one.");
  if (flags.via !== undefined && flags.via !== "api" && flags.via !== "job")
    throw new UsageError(
      `--via ${flags.via}: choose api (one AdminCreateUser per row) or job (a Cognito import job).`,
    );
  if (flags.via === "job") {
    const apiOnly = [
      flags.sendInvitations && "--send-invitations",
      flags.temporaryPasswordCommand !== undefined && "--temporary-password-command",
      flags.temporaryPasswordColumn !== undefined && "--temporary-password-column",
    ].filter(Boolean);
    if (apiOnly.length)
      throw new UsageError(
        `${apiOnly.join(", ")}: an import job cannot send invitations or set passwords; use --via api.`,
      );
  }
}

export async function usersImport(
  ctx: Context,
  fileArg: string | undefined,
  flags: ImportFlags,
  jobImport?: JobImport,
): Promise<void> {
  checkFlagCombinations(fileArg, flags);
  const rate = parseRate(flags.rate);
  const concurrency = parseConcurrency(flags.concurrency);
  const journal = await Journal.open(ctx.paths.stateDir, () => ctx.clock().getTime());
  try {
    if (flags.undo !== undefined) return await undo(ctx, journal, flags, rate, concurrency);
    await importFile(ctx, journal, fileArg, flags, rate, concurrency, jobImport);
  } finally {
    journal.close();
  }
}

async function importFile(
  ctx: Context,
  journal: Journal,
  fileArg: string | undefined,
  flagsGiven: ImportFlags,
  rate: number | undefined,
  concurrency: number,
  jobImport: JobImport | undefined,
): Promise<void> {
  const { identity, aws } = await endpointIdentity(ctx);
  let flags = flagsGiven;
  let resumed: RunRecord | undefined;
  if (flags.resume !== undefined) {
    resumed = journal.run(flags.resume);
    if (!resumed) throw new UsageError(`No import run ${flags.resume}: see cogctl users runs.`);
    if (resumed.state !== "running")
      throw new UsageError(`Import run ${resumed.id} is ${resumed.state}: there is nothing to resume.`);
    if (resumed.endpoint !== identity)
      throw new UsageError(
        `Import run ${resumed.id} was made against ${resumed.endpoint}; this command talks to ${identity}. Give the same --endpoint-url / --local / region.`,
      );
    flags = resumedFlags(resumed, flags);
  }
  const shownPath = fileArg ?? (resumed?.file as string);
  const path = resolvePath(shownPath);

  await withTask(ctx, async ({ call: pacedSetupCall, resolver }) => {
    const setupCall = retryingCall(pacedSetupCall);
    const pool: PoolRef = resumed
      ? { id: resumed.poolId, name: resumed.poolName }
      : await resolver.pool(flags.pool);
    if (resumed && flags.pool !== undefined) {
      const given = await resolver.pool(flags.pool);
      if (given.id !== resumed.poolId)
        throw new UsageError(
          `Import run ${resumed.id} is for pool ${describePool(pool)}, not ${describePool(given)}.`,
        );
    }
    const importPool = await loadImportPool(setupCall, pool.id, {
      notAws: !aws,
      warn: (m) => ctx.printer.warn(m),
    });
    if ((resumed?.via ?? flags.via) === "job" && importPool.autoVerified.length === 0)
      throw new UsageError(
        `Pool ${describePool(pool)} has no auto-verified attributes, and Cognito starts no import job for such a pool: use --via api, or set AutoVerifiedAttributes (cogctl update-user-pool ... --auto-verified-attributes email) first.`,
      );
    const passwordColumn = flags.temporaryPasswordColumn;
    // The path decides the rules: an import job needs an auto-verified attribute set true on every
    // row (and a pool with one), AdminCreateUser neither. Without --via the default path is chosen
    // here, from a quick count of the file's lines and its header, so a small file is checked by the
    // rules of the path it will take.
    const certainlyApi =
      (resumed?.via ?? flags.via) === "api" ||
      passwordColumn !== undefined ||
      flags.temporaryPasswordCommand !== undefined ||
      flags.sendInvitations === true;
    let defaultVia: { via: "api" | "job"; why?: string } | undefined;
    if (!certainlyApi && (resumed?.via ?? flags.via) === undefined) {
      const look = await glance(path);
      const columns = look.headerLine.split(",").map((c) => c.trim());
      defaultVia =
        columns.includes(GROUPS_COLUMN) || columns.includes("cognito:enabled")
          ? { via: "api", why: "the file has cognito:groups / cognito:enabled columns" }
          : importPool.autoVerified.length === 0
            ? { via: "api", why: "the pool has no auto-verified attribute, which an import job needs" }
            : look.lines <= API_DEFAULT_MAX_ROWS
              ? { via: "api" }
              : { via: "job" };
    }
    const rulesVia = certainlyApi || defaultVia?.via === "api" ? "api" : "job";
    const file = new ImportFile(shownPath, path, importPool, {
      passwordColumn,
      via: rulesVia,
    });

    // Validation: the whole file, streaming, before anything is sent.
    const hash = sha256();
    let rows = 0;
    let invalid = 0;
    let bytes = 0;
    const shown: CsvProblem[] = [];
    let problemCount = 0;
    const groupLines = new Map<string, number>();
    let postStepCount = 0;
    for await (const row of file.rows(hash)) {
      rows++;
      if (row.problems.length) {
        invalid++;
        problemCount += row.problems.length;
        for (const p of row.problems) if (shown.length < PROBLEMS_SHOWN) shown.push(p);
        continue;
      }
      for (const g of rowGroups(row)) if (!groupLines.has(g)) groupLines.set(g, row.line);
      postStepCount += postSteps(row, pool.id, "").length;
    }
    bytes = (await stat(path)).size;
    const digest = hash.digest("hex");
    const header = file.header?.columns ?? [];
    if (passwordColumn !== undefined && !header.includes(passwordColumn))
      throw new UsageError(
        `--temporary-password-column ${passwordColumn}: ${shownPath} has no such column (its header: ${header.join(", ")}).`,
      );
    if (resumed && resumed.fileSha256 !== digest)
      throw new UsageError(
        `${shownPath} is not the file import run ${resumed.id} started with (its SHA-256 differs): resume with the same file, or start a new import.`,
      );

    const rejectsFile = resolvePath(flags.rejects ?? resumed?.options.rejectsFile ?? defaultRejects(path));
    if (invalid > 0) {
      const lines = shown.map((p) => problemText(shownPath, p));
      if (problemCount > shown.length)
        lines.push(
          `... and ${plural(problemCount - shown.length, "more problem")} (cogctl users validate ${shownPath} lists them all)`,
        );
      ctx.io.stderr.write(`${lines.join("\n")}\n`);
      if (!flags.skipInvalid)
        throw new RowsFailedError(
          `${plural(invalid, "row")} of ${rows.toLocaleString("en-US")} in ${shownPath} ${invalid === 1 ? "is" : "are"} invalid; nothing was imported. Fix ${invalid === 1 ? "it" : "them"}, or pass --skip-invalid to import the others (the invalid rows then go to ${rejectsFile}).`,
        );
    }

    const extras = header.includes(GROUPS_COLUMN) || header.includes("cognito:enabled");
    const apiOnlyReason = extras
      ? "the file has cognito:groups / cognito:enabled columns"
      : passwordColumn !== undefined || flags.temporaryPasswordCommand !== undefined
        ? "temporary passwords are set"
        : flags.sendInvitations
          ? "invitations are sent"
          : defaultVia?.why;
    const via: "api" | "job" =
      resumed?.via ?? (flags.via as "api" | "job" | undefined) ?? (apiOnlyReason ? "api" : rulesVia);
    // --via job: the job cannot carry cognito:groups / cognito:enabled; via-job.ts applies them to the
    // imported users once the job has ended, so the same group check holds for both paths.

    const existing = groupLines.size ? await existingGroups(setupCall, pool.id) : new Set<string>();
    const missingGroups = [...groupLines.keys()].filter((g) => !existing.has(g));
    if (missingGroups.length && !flags.createGroups)
      throw new UsageError(
        `Pool ${describePool(pool)} has no group ${missingGroups
          .map((g) => `${g} (first named on ${shownPath}:${groupLines.get(g)})`)
          .join(
            ", ",
          )}. Create ${missingGroups.length === 1 ? "it" : "them"} (cogctl groups create NAME), or pass --create-groups.`,
      );

    const paceRate = aws || rate !== undefined ? (rate ?? QUOTAS.UserCreation) : undefined;
    const plan: ImportPlan = {
      file,
      pool,
      importPool,
      via,
      rows,
      invalid,
      sha256: digest,
      bytes,
      skipInvalid: flags.skipInvalid === true,
      rejectsFile,
      missingGroups,
      rate: paceRate,
      concurrency,
    };
    const unfinished = resumed ?? journal.unfinished(digest, pool.id, identity, via);

    if (flags.dryRun) {
      printPlan(
        ctx,
        plan,
        postStepCount,
        unfinished,
        flags.via !== undefined ? "as --via says" : apiOnlyReason,
      );
      return;
    }
    if (via === "job" && !jobImport)
      throw new UsageError(
        "--via job is not available in this build yet; use --via api (or a file of at most 5,000 rows).",
      );
    // The run: the unfinished one of this file and pool, or a new one.
    let run: RunRecord;
    if (unfinished) {
      run = unfinished;
      if (!resumed) {
        flags = resumedFlags(run, flags);
        ctx.io.stderr.write(
          `Resuming import run ${run.id} of ${shownPath} (started ${run.startedAt.toISOString()}, ${plural(
            run.counts.imported + run.counts.skipped + run.counts.failed,
            "row",
          )} done); start afresh by deleting nothing: finished rows are never sent again.\n`,
        );
      } else ctx.io.stderr.write(`Resuming import run ${run.id} of ${shownPath}.\n`);
      if (run.options.temporaryPassword.from === "command" && flags.temporaryPasswordCommand === undefined)
        throw new UsageError(
          `Import run ${run.id} takes temporary passwords from a command, which is never recorded: give --temporary-password-command again.`,
        );
    } else {
      run = journal.createRun(
        {
          poolId: pool.id,
          poolName: pool.name,
          endpoint: identity,
          file: path,
          fileSha256: digest,
          fileBytes: bytes,
          via,
          options: runOptionsOf(flags, rejectsFile),
          rows,
          invalid,
        },
        ctx.clock(),
      );
    }
    journal.claim(run.id);
    try {
      if (via === "job") await sendViaJob(ctx, journal, run, plan, jobImport as JobImport);
      else await sendViaApi(ctx, journal, run, plan, flags, setupCall);
    } finally {
      journal.release(run.id);
    }
  });
}

/** A resumed run keeps what decides a row's fate; only the pace and the rejects path may change. */
function resumedFlags(run: RunRecord, flags: ImportFlags): ImportFlags {
  const o = run.options;
  return {
    ...flags,
    sendInvitations: o.sendInvitations,
    createGroups: o.createGroups,
    skipInvalid: o.skipInvalid,
    temporaryPasswordColumn: o.temporaryPassword.from === "column" ? o.temporaryPassword.column : undefined,
    temporaryPasswordCommand:
      o.temporaryPassword.from === "command" ? flags.temporaryPasswordCommand : undefined,
    rejects: flags.rejects ?? o.rejectsFile,
  };
}

function defaultRejects(path: string): string {
  return path.replace(/(\.csv)?$/i, ".rejects.csv");
}

function printPlan(
  ctx: Context,
  plan: ImportPlan,
  postStepCount: number,
  unfinished: RunRecord | undefined,
  apiOnlyReason: string | undefined,
): void {
  const valid = plan.rows - plan.invalid;
  const why =
    apiOnlyReason === "as --via says"
      ? `(${apiOnlyReason})`
      : plan.via === "api"
        ? apiOnlyReason
          ? `(${apiOnlyReason})`
          : valid <= API_DEFAULT_MAX_ROWS
            ? `(${plural(valid, "row")}, at most ${API_DEFAULT_MAX_ROWS.toLocaleString("en-US")})`
            : ""
        : `(over ${API_DEFAULT_MAX_ROWS.toLocaleString("en-US")} rows)`;
  const seconds =
    plan.rate === undefined ? undefined : Math.max(valid / plan.rate, postStepCount / QUOTAS.UserUpdate);
  const fields = [
    { label: "file", value: plan.file.shownPath },
    { label: "pool", value: describePool(plan.pool) },
    { label: "rows", value: plan.rows },
    { label: "invalid", value: plan.invalid },
    { label: "to import", value: valid },
    { label: "via", value: `${plan.via} ${why}`.trim() },
    ...(plan.via === "api"
      ? [
          {
            label: "pace",
            value:
              plan.rate === undefined
                ? `unpaced (not AWS), ${plan.concurrency} at once; slows down if throttled`
                : `${plan.rate} AdminCreateUser/s, ${plan.concurrency} at once${postStepCount ? `; ${plural(postStepCount, "post-step")} at ${QUOTAS.UserUpdate}/s` : ""}`,
          },
          { label: "eta", value: seconds === undefined ? "as fast as the endpoint answers" : eta(seconds) },
        ]
      : []),
    ...(plan.missingGroups.length ? [{ label: "groups to create", value: plan.missingGroups }] : []),
    ...(plan.invalid ? [{ label: "rejects", value: plan.rejectsFile }] : []),
    ...(unfinished ? [{ label: "resumes run", value: unfinished.id }] : []),
  ];
  if (wantsPrinter(ctx)) {
    ctx.printer.result({
      File: plan.file.shownPath,
      PoolId: plan.pool.id,
      Rows: plan.rows,
      Invalid: plan.invalid,
      Via: plan.via,
      Rate: plan.rate ?? null,
      Concurrency: plan.concurrency,
      EtaSeconds: seconds === undefined ? null : Math.ceil(seconds),
      MissingGroups: plan.missingGroups,
      ResumesRun: unfinished?.id ?? null,
    });
    return;
  }
  printFields(ctx.io, fields);
}

async function sendViaApi(
  ctx: Context,
  journal: Journal,
  run: RunRecord,
  plan: ImportPlan,
  flags: ImportFlags,
  setupCall: CognitoCall,
): Promise<void> {
  if (plan.missingGroups.length) {
    for (const group of plan.missingGroups) {
      try {
        await setupCall("CreateGroup", { UserPoolId: plan.pool.id, GroupName: group });
      } catch (err) {
        // Made by an earlier attempt of this run (or someone else meanwhile): it is there, as wanted.
        if (!(err instanceof ServiceError && err.code === "GroupExistsException")) throw err;
      }
    }
    ctx.printer.done(
      `Created ${plural(plan.missingGroups.length, "group")}: ${plan.missingGroups.join(", ")}`,
    );
  }
  const pacer =
    plan.rate === undefined
      ? new Pacer({ unmetered: true, burst: 1 })
      : new Pacer({ quotas: { UserCreation: plan.rate }, burst: 1 });
  const before = journal.counts(run.id);
  const remaining = plan.rows - plan.invalid - (before.imported + before.skipped + before.failed);
  const progress = createProgress(ctx.io, { total: remaining, label: "Imported" });
  let result: Awaited<ReturnType<typeof importViaApi>>;
  try {
    result = await importViaApi({
      run,
      journal,
      call: await createCognitoCall(ctx),
      pacer,
      rows: plan.file.rows(),
      concurrency: plan.concurrency,
      temporaryPassword: temporaryPasswordSource(flags),
      passwordColumn: flags.temporaryPasswordColumn,
      sendInvitations: flags.sendInvitations === true,
      onSettled: () => progress.tick(),
    });
  } finally {
    progress.done();
  }

  // The rejects file: one more walk, the invalid rows and the failed ones, in the file's order.
  const states = journal.rowStates(run.id);
  const counts = journal.counts(run.id);
  let rejectsWritten = false;
  if (plan.invalid + counts.failed > 0 && plan.file.header) {
    const writer = await createRejectsWriter(plan.rejectsFile, plan.file.header.line);
    try {
      for await (const row of plan.file.rows()) {
        if (row.problems.length) await writer.add(row.raw, row.problems.map((p) => p.message).join("; "));
        else {
          const state = states.get(row.index);
          if (state?.outcome === "failed") await writer.add(row.raw, state.reason ?? "failed");
        }
      }
      rejectsWritten = await writer.close();
    } catch (err) {
      await writer.discard();
      throw err;
    }
  }
  if (result.unsettled === 0) journal.setState(run.id, "finished");
  const summary: ImportSummary = {
    via: "api",
    pool: plan.pool.id,
    file: plan.file.shownPath,
    rows: plan.rows,
    imported: counts.imported,
    skipped: counts.skipped,
    failed: counts.failed,
    invalid: plan.invalid,
    ...(rejectsWritten ? { rejectsFile: plan.rejectsFile } : {}),
    runId: run.id,
  };
  if (result.unsettled > 0) {
    printSummary(ctx, summary);
    const last = result.lastError;
    throw new CliError(
      `${plural(result.unsettled, "row")} could not be settled (the last error: ${last?.message.split("\n")[0]}). Nothing is lost: resume with cogctl users import --resume ${run.id}`,
      last?.exitCode ?? 255,
    );
  }
  await finish(ctx, summary);
}

/**
 * --via job: the jobs and their rows recorded in the same run (journal.ts's jobs, rows and steps).
 * A run whose job still runs (--no-wait) stays "running": the same command again collects it.
 */
async function sendViaJob(
  ctx: Context,
  journal: Journal,
  run: RunRecord,
  plan: ImportPlan,
  jobImport: JobImport,
): Promise<void> {
  const summary = await jobImport(ctx, plan, { journal, runId: run.id });
  summary.runId = run.id;
  if (!summary.finished) {
    // Started and returned (--no-wait): the job and how to follow it were printed; nothing failed yet.
    printSummary(ctx, summary);
    return;
  }
  if (journal.counts(run.id).pending === 0) journal.setState(run.id, "finished");
  await finish(ctx, summary);
}

function printSummary(ctx: Context, s: ImportSummary): void {
  if (wantsPrinter(ctx)) {
    ctx.printer.result(s);
    return;
  }
  printFields(ctx.io, [
    { label: "imported", value: s.imported },
    { label: "skipped (existing)", value: s.skipped },
    { label: "failed", value: s.failed },
    { label: "invalid", value: s.invalid },
    { label: "rejects file", value: s.rejectsFile ?? "none" },
    { label: "run", value: s.runId },
    ...(s.jobIds?.length ? [{ label: "jobs", value: s.jobIds }] : []),
  ]);
}

/**
 * The summary, then the exit code of both paths, chosen in one place (via-job.ts's jobImportError):
 * 254 with its CompletionMessage when a job ended Failed, 1 when rows failed or were invalid.
 */
async function finish(ctx: Context, s: ImportSummary | JobRunSummary): Promise<void> {
  printSummary(ctx, s);
  const error = jobImportError(s);
  if (error) throw error;
}

async function undo(
  ctx: Context,
  journal: Journal,
  flags: ImportFlags,
  rate: number | undefined,
  concurrency: number,
): Promise<void> {
  const id = flags.undo as string;
  const run = journal.run(id);
  if (!run) throw new UsageError(`No import run ${id}: see cogctl users runs.`);
  const { identity, aws } = await endpointIdentity(ctx);
  if (run.endpoint !== identity)
    throw new UsageError(
      `Import run ${run.id} was made against ${run.endpoint}; this command talks to ${identity}. Give the same --endpoint-url / --local / region.`,
    );
  const targets = undoTargets(journal, run);
  const pool: PoolRef = { id: run.poolId, name: run.poolName };
  if (targets.length === 0) {
    if (!flags.dryRun) journal.setState(run.id, "undone");
    ctx.printer.done(`Import run ${run.id} created no user that is still to be deleted.`);
    return;
  }
  const items = targets.slice(0, 20).map((t) => t.username);
  if (targets.length > 20) items.push(`... and ${targets.length - 20} more`);
  const decision = await confirmPlan(
    ctx,
    {
      action: `Delete ${plural(targets.length, "user")} that import run ${run.id} created in pool ${describePool(pool)}`,
      items,
      typeToConfirm: targets.length > 1 ? (pool.name ?? pool.id) : undefined,
    },
    flags,
  );
  if (decision === "dry-run") return;
  journal.claim(run.id);
  try {
    journal.setState(run.id, "undoing");
    const pacer =
      aws || rate !== undefined
        ? new Pacer(rate ? { quotas: { UserUpdate: rate } } : {})
        : new Pacer({ unmetered: true });
    const progress = createProgress(ctx.io, { total: targets.length, label: "Deleted" });
    let result: Awaited<ReturnType<typeof undoRun>>;
    try {
      result = await undoRun({
        run,
        journal,
        call: await createCognitoCall(ctx),
        pacer,
        concurrency,
        onSettled: () => progress.tick(),
      });
    } finally {
      progress.done();
    }
    const settledAll = result.unsettled === 0 && result.failed.length === 0;
    if (settledAll) journal.setState(run.id, "undone");
    if (wantsPrinter(ctx))
      ctx.printer.result({
        RunId: run.id,
        Deleted: result.deleted,
        AlreadyGone: result.gone,
        Kept: result.kept,
        Failed: result.failed,
      });
    else
      printFields(ctx.io, [
        { label: "deleted", value: result.deleted },
        { label: "already gone", value: result.gone },
        { label: "kept (created again since)", value: result.kept },
        { label: "failed", value: result.failed.length },
        { label: "run", value: run.id },
      ]);
    if (result.failed.length)
      throw new RowsFailedError(
        `${plural(result.failed.length, "user")} could not be deleted:\n${result.failed
          .slice(0, 20)
          .map((f) => `  ${f.username}: ${f.reason}`)
          .join("\n")}\nRun --undo ${run.id} again to retry them.`,
      );
    if (result.unsettled)
      throw new CliError(
        `${plural(result.unsettled, "user")} could not be deleted for now (${result.lastError?.message.split("\n")[0]}); run --undo ${run.id} again.`,
        result.lastError?.exitCode ?? 255,
      );
  } finally {
    journal.release(run.id);
  }
}
