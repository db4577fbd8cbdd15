// `cogctl users copy`: one pool's users into another (another account, region, endpoint or the
// embedded endpoint) in one streamed pass, with no file between them. The source is read as
// `users export` reads it (ListUsers pages through the one pagination mechanism, groups from
// ListGroups + ListUsersInGroup, MFA preferences from AdminGetUser when the pool has MFA), and each
// user is sent as `users import --via api` sends a row (the same importViaApi, journal and exactly-once
// rules), its attributes taken as the API gave them rather than through the CSV dialect, so nothing
// is trimmed, unescaped or split. Each source user gets its journal row the first time it is listed
// (journal.ts's copy_sources), so running the same command again after a crash or kill -9 lists the
// source again and sends only what was not settled. At the end: the old-sub → new-sub mapping file.
import { createHash } from "node:crypto";
import { resolve as resolvePath } from "node:path";
import type { CsvRow } from "../../cognito/csv/types.js";
import { type CognitoCall, createCognitoCall, type ServiceOutput } from "../cognito-call.js";
import { confirmPlan } from "../confirm.js";
import type { Context } from "../context.js";
import { CliError, RowsFailedError, ServiceError, UsageError } from "../errors.js";
import { listGroups, loadGroupMap } from "../export/group-map.js";
import { retryTransient, withMfaDetails } from "../export/run.js";
import { writeFileAtomically } from "../import/atomic-file.js";
import { Journal, type RunRecord } from "../import/journal.js";
import type { Attribute, PostStep } from "../import/row-request.js";
import { endpointIdentity, parseConcurrency, parseRate } from "../import/run.js";
import type { RowOutcome } from "../import/types.js";
import { importViaApi } from "../import/via-api.js";
import { Pacer, QUOTAS } from "../pacer.js";
import { operationPages } from "../paginate.js";
import { createOutcomeProgress } from "../progress.js";
import { describePool, type PoolRef } from "../resolve.js";
import { retryingCall } from "../retry.js";
import { printFields } from "../table-printer.js";
import { wantsPrinter, withTask } from "../task.js";
import { attributes, matches, parseWhere, planFilter } from "../users.js";
import { type EndpointUrlCheck, openSides, type SideFlags } from "./sides.js";

export interface CopyFlags extends SideFlags {
  fromPool?: string;
  toPool?: string;
  where?: string;
  mapFile?: string;
  rate?: string;
  concurrency?: string;
  sendInvitations?: boolean;
  yes?: boolean;
  dryRun?: boolean;
}

/** What a run's `file` column holds for a copy (users runs shows it): where the users came from. */
const COPY_PREFIX = "copy:";
/** Attributes Cognito sets itself: never sent (sub is new in the destination; identities are links). */
const NOT_COPIED = new Set(["sub", "identities"]);
const FAILURES_SHOWN = 10;

const plural = (n: number, noun: string) => `${n.toLocaleString("en-US")} ${noun}${n === 1 ? "" : "s"}`;

/** A source user as a row of the API path: what to create and what to do after. */
interface CopyRow extends CsvRow {
  copy: { attributes: Attribute[]; steps: (poolId: string, username: string) => PostStep[] };
}

/** The username in the destination: its own when the destination has usernames, else the sign-in attribute. */
function destinationUsername(user: ServiceOutput, usernameAttributes: string[]): string | undefined {
  if (usernameAttributes.length === 0) return user.Username as string;
  const attrs = attributes(user);
  for (const a of usernameAttributes) if (attrs[a]) return attrs[a];
  return undefined;
}

/** Post-steps: groups (names as they are, `;` included), SMS / email MFA preferences, then disable. */
function stepsFor(user: ServiceOutput, groups: string[]): CopyRow["copy"]["steps"] {
  const settings = (user.UserMFASettingList as string[] | undefined) ?? [];
  const preferred = user.PreferredMfaSetting as string | undefined;
  const legacySms = ((user.MFAOptions as { DeliveryMedium?: string }[] | undefined) ?? []).some(
    (o) => o.DeliveryMedium === "SMS",
  );
  const sms = settings.includes("SMS_MFA") || legacySms;
  const email = settings.includes("EMAIL_OTP");
  return (poolId, username) => {
    const who = { UserPoolId: poolId, Username: username };
    const steps: PostStep[] = groups.map((group) => ({
      name: `group:${group}`,
      operation: "AdminAddUserToGroup",
      input: { ...who, GroupName: group },
    }));
    if (sms || email)
      steps.push({
        name: "mfa",
        operation: "AdminSetUserMFAPreference",
        input: {
          ...who,
          ...(sms
            ? { SMSMfaSettings: { Enabled: true, PreferredMfa: preferred === "SMS_MFA" || !email } }
            : {}),
          ...(email ? { EmailMfaSettings: { Enabled: true, PreferredMfa: preferred === "EMAIL_OTP" } } : {}),
        },
      });
    // Last, as the import does: a half-done user reads as enabled until everything else is applied.
    if (user.Enabled === false) steps.push({ name: "disable", operation: "AdminDisableUser", input: who });
    return steps;
  };
}

interface PoolSide {
  ctx: Context;
  call: CognitoCall;
  pool: PoolRef;
  described: ServiceOutput;
  identity: string;
  aws: boolean;
}

export async function usersCopy(ctx: Context, flags: CopyFlags, checkUrl: EndpointUrlCheck): Promise<void> {
  if (flags.fromPool === undefined || flags.toPool === undefined)
    throw new UsageError(
      `Give ${flags.fromPool === undefined ? "--from-pool (the pool to copy from)" : "--to-pool (the pool to copy into)"}, by name or id.`,
    );
  const rate = parseRate(flags.rate);
  const concurrency = parseConcurrency(flags.concurrency);
  const plan = planFilter(flags.where ? parseWhere(flags.where) : []);
  const sides = openSides(ctx, flags, checkUrl);
  try {
    await withTask(sides.from, async (source) =>
      withTask(sides.to, async (target) => {
        const side = async (c: Context, call: CognitoCall, pool: PoolRef): Promise<PoolSide> => {
          const { identity, aws } = await endpointIdentity(c);
          const described = (await call("DescribeUserPool", { UserPoolId: pool.id }))
            .UserPool as ServiceOutput;
          return { ctx: c, call, pool, described, identity, aws };
        };
        const fromCall = retryingCall(source.call);
        const toCall = retryingCall(target.call);
        const [from, to] = await Promise.all([
          source.resolver
            .pool(flags.fromPool, "--from-pool")
            .then((pool) => side(sides.from, fromCall, pool)),
          target.resolver
            .pool(flags.toPool, "--to-pool")
            .catch((err: unknown) => {
              // The destination must exist: say how to make it like the source (issue 12's stacks).
              if (err instanceof UsageError && /no user pool has that name/.test(err.message))
                throw new UsageError(
                  `${err.message} To make it like the source first: \`cogctl dump --pool ${flags.fromPool} > stack.yaml\` (with the source's --profile / --endpoint-url / --local), edit the pool's name if it differs, then \`cogctl apply -f stack.yaml\` against the destination.`,
                );
              throw err;
            })
            .then((pool) => side(sides.to, toCall, pool)),
        ]);
        if (from.identity === to.identity && from.pool.id === to.pool.id)
          throw new UsageError(
            `--from-pool and --to-pool are the same pool, ${describePool(from.pool)}: nothing to copy.`,
          );
        await copy(ctx, flags, { from, to, rate, concurrency, plan });
      }),
    );
  } finally {
    await sides.close();
  }
}

function customAttributes(pool: ServiceOutput): string[] {
  return ((pool.SchemaAttributes as { Name: string }[] | undefined) ?? [])
    .map((a) => a.Name)
    .filter((n) => n.startsWith("custom:"));
}

/** What the command decided before looking at the pools' contents. */
interface CopyPlan {
  from: PoolSide;
  to: PoolSide;
  /** AdminCreateUser requests per second; undefined: unpaced (an endpoint without quotas). */
  rate?: number;
  concurrency: number;
  plan: ReturnType<typeof planFilter>;
}

/** And what reading the pools found. */
interface CopySend extends CopyPlan {
  usernameAttributes: string[];
  mfaDetails: boolean;
  memberships: { groupsOf(username: string): string[] };
  estimate?: number;
  flags: CopyFlags;
  groupsCreated: string[];
}

async function copy(ctx: Context, flags: CopyFlags, o: CopyPlan): Promise<void> {
  const { from, to } = o;
  // Checked before anything is asked or sent: a custom attribute the destination lacks fails every user.
  const missing = customAttributes(from.described).filter((a) => !customAttributes(to.described).includes(a));
  if (missing.length)
    throw new UsageError(
      `Pool ${describePool(to.pool)} lacks the custom attribute${missing.length === 1 ? "" : "s"} ${missing.join(", ")} of ${describePool(from.pool)}: add ${missing.length === 1 ? "it" : "them"} first (cogctl add-custom-attributes --user-pool-id ${to.pool.id} --custom-attributes Name=${missing[0].slice(7)},AttributeDataType=String), then copy.`,
    );
  const usernameAttributes = (to.described.UsernameAttributes as string[] | undefined) ?? [];
  // AdminGetUser per user for the MFA preferences ListUsers leaves out: a user can have SMS or email
  // MFA set up even where the pool's MFA is OFF (it applies once the pool turns MFA on). UserRead's
  // quota is more than twice UserCreation's, so the destination stays the pace.
  const mfaDetails = true;

  const [fromGroups, toGroups] = await Promise.all([
    retryTransient(() => listGroups(from.call, from.pool.id)),
    retryTransient(() => listGroups(to.call, to.pool.id)),
  ]);
  const existing = new Map(toGroups.map((g) => [g.GroupName, g]));
  const newGroups = fromGroups.filter((g) => !existing.has(g.GroupName));
  const differing = fromGroups.filter((g) => {
    const e = existing.get(g.GroupName);
    return e && JSON.stringify(e) !== JSON.stringify(g);
  });
  const memberships = await retryTransient(() => loadGroupMap(from.call, from.pool.id));

  const fingerprint = createHash("sha256")
    .update(JSON.stringify({ copy: 1, from: from.identity, pool: from.pool.id, where: flags.where ?? null }))
    .digest("hex");
  const journal = await Journal.open(ctx.paths.stateDir, () => ctx.clock().getTime());
  try {
    const unfinished = journal.unfinished(fingerprint, to.pool.id, to.identity, "api");
    const estimate = from.described.EstimatedNumberOfUsers as number | undefined;
    const at = (s: PoolSide) => (s.identity.startsWith("aws:") ? s.identity.slice(4) : s.identity);
    const decision = await confirmPlan(
      ctx,
      {
        action: `Copy the users of pool ${describePool(from.pool)} (${at(from)}) into pool ${describePool(to.pool)} (${at(to)})`,
        items: [
          `users: about ${estimate ?? "?"}${flags.where ? `, those matching ${flags.where}` : ""}, with their attributes, verified flags, enabled state, groups, SMS and email MFA preferences`,
          `groups: ${fromGroups.length} (${memberships.memberships} memberships); ${newGroups.length ? `to create: ${newGroups.map((g) => g.GroupName).join(", ")}` : "none to create"}${differing.length ? `; existing and left as they are though they differ: ${differing.map((g) => g.GroupName).join(", ")}` : ""}`,
          `not carried over: passwords (each user starts in FORCE_CHANGE_PASSWORD${flags.sendInvitations ? " and gets an invitation" : "; no invitation is sent, use --send-invitations or reset passwords"}), TOTP authenticator secrets, remembered devices, linked federated identities, sign-in history, creation dates`,
          `subs: new in the destination; old → new goes to ${flags.mapFile ?? "the mapping file"} at the end`,
          ...(usernameAttributes.length
            ? [
                `usernames: the destination signs in by ${usernameAttributes.join(" or ")}, so that is each user's username there`,
              ]
            : []),
          ...(unfinished
            ? [
                `resumes copy run ${unfinished.id} (${plural(unfinished.counts.imported + unfinished.counts.skipped + unfinished.counts.failed, "user")} done; those are not sent again)`,
              ]
            : []),
        ],
        alwaysShow: true,
      },
      flags,
    );
    if (decision === "dry-run") return;

    for (const group of newGroups) {
      try {
        await to.call("CreateGroup", { UserPoolId: to.pool.id, ...group });
      } catch (err) {
        // Made by an earlier attempt (or someone else meanwhile): there, as wanted.
        if (!(err instanceof ServiceError && err.code === "GroupExistsException")) throw err;
      }
    }
    if (newGroups.length)
      ctx.printer.done(`Created ${plural(newGroups.length, "group")} in ${describePool(to.pool)}`);

    const run =
      unfinished ??
      journal.createRun(
        {
          poolId: to.pool.id,
          poolName: to.pool.name,
          endpoint: to.identity,
          file: `${COPY_PREFIX}${from.identity}/${from.pool.id}${flags.where ? ` where ${flags.where}` : ""}`,
          fileSha256: fingerprint,
          fileBytes: 0,
          via: "api",
          options: {
            sendInvitations: flags.sendInvitations === true,
            createGroups: true,
            skipInvalid: false,
            temporaryPassword: { from: "cognito" },
          },
          rows: estimate ?? 0,
          invalid: 0,
        },
        ctx.clock(),
      );
    if (unfinished) ctx.io.stderr.write(`Resuming copy run ${run.id}.\n`);
    journal.claim(run.id);
    try {
      await send(ctx, journal, run, {
        ...o,
        usernameAttributes,
        mfaDetails,
        memberships,
        estimate,
        flags,
        groupsCreated: newGroups.map((g) => g.GroupName),
      });
    } finally {
      journal.release(run.id);
    }
  } finally {
    journal.close();
  }
}

async function send(ctx: Context, journal: Journal, run: RunRecord, o: CopySend): Promise<void> {
  const { from, to, flags } = o;
  let totp = 0;
  let listedAll = false;
  // This invocation's rows: a user listed twice (pages shifting while users are added) is sent once.
  const handedOut = new Set<number>();
  async function* rows(): AsyncGenerator<CopyRow> {
    const input: Record<string, unknown> = { UserPoolId: from.pool.id };
    if (o.plan.filter) input.Filter = o.plan.filter;
    for await (const page of operationPages(from.call, "list-users", input, { pageSize: 60 })) {
      let users = ((page.Users as ServiceOutput[] | undefined) ?? []).filter((u) =>
        o.plan.local.every((c) => matches(u, c)),
      );
      if (o.mfaDetails) users = await withMfaDetails(from.call, from.pool.id, users);
      const indexes = journal.copyIndexes(
        run.id,
        users.map((u) => ({ username: u.Username as string, sub: attributes(u).sub })),
      );
      for (const [i, user] of users.entries()) {
        const index = indexes[i];
        if (handedOut.has(index)) continue;
        handedOut.add(index);
        if (((user.UserMFASettingList as string[] | undefined) ?? []).includes("SOFTWARE_TOKEN_MFA")) totp++;
        const username = destinationUsername(user, o.usernameAttributes);
        if (username === undefined) {
          // Recorded once as failed (INSERT OR IGNORE): the destination has no username to give it.
          journal.jobRow(
            run.id,
            { idx: index, line: index + 1, username: user.Username as string },
            {
              outcome: "failed",
              reason: `no ${o.usernameAttributes.join(" or ")}, which the destination pool signs in by`,
              intentAt: ctx.clock().getTime(),
            },
          );
          continue;
        }
        const attrs = ((user.Attributes ?? []) as { Name: string; Value?: string }[])
          .filter((a) => !NOT_COPIED.has(a.Name) && a.Value !== undefined && a.Value !== "")
          .map((a) => ({ Name: a.Name, Value: a.Value as string }));
        yield {
          line: index + 1,
          index,
          raw: "",
          values: { "cognito:username": username },
          problems: [],
          copy: { attributes: attrs, steps: stepsFor(user, o.memberships.groupsOf(user.Username as string)) },
        };
      }
    }
    listedAll = true;
  }

  const pacer =
    o.to.aws || o.rate !== undefined
      ? new Pacer({ quotas: { UserCreation: o.rate ?? QUOTAS.UserCreation }, burst: 1 })
      : new Pacer({ unmetered: true, burst: 1 });
  const counts = { imported: 0, skipped: 0, failed: 0 };
  const before = journal.counts(run.id);
  const progress = createOutcomeProgress(ctx.io, { total: o.estimate, label: "Copying" });
  let result: Awaited<ReturnType<typeof importViaApi>>;
  try {
    result = await importViaApi({
      run,
      journal,
      call: await createCognitoCall(to.ctx),
      pacer,
      rows: rows(),
      concurrency: o.concurrency,
      sendInvitations: flags.sendInvitations === true,
      attributesOf: (row) => (row as CopyRow).copy.attributes,
      stepsOf: (row, poolId, username) => (row as CopyRow).copy.steps(poolId, username),
      onSettled: (outcome: RowOutcome) => {
        counts[outcome]++;
        progress.update({
          imported: before.imported + counts.imported,
          skipped: before.skipped + counts.skipped,
          failed: before.failed + counts.failed,
        });
      },
    });
  } finally {
    progress.done();
  }

  const total = journal.copyRowCount(run.id);
  const final = journal.counts(run.id);
  const mapFile = resolvePath(flags.mapFile ?? `users-copy-${run.id}.subs.csv`);
  await lookUpExistingSubs(journal, run.id, to, o.concurrency);
  await writeMapping(journal, run.id, mapFile);
  const settled = listedAll && result.unsettled === 0 && final.pending === 0;
  if (settled) journal.setState(run.id, "finished");

  const summary = {
    RunId: run.id,
    From: from.pool.id,
    To: to.pool.id,
    Users: total,
    Copied: final.imported,
    AlreadyThere: final.skipped,
    Failed: final.failed,
    GroupsCreated: o.groupsCreated,
    TotpNotCarried: totp,
    MappingFile: mapFile,
  };
  if (wantsPrinter(ctx)) ctx.printer.result(summary);
  else
    printFields(ctx.io, [
      { label: "copied", value: final.imported },
      { label: "already there", value: final.skipped },
      { label: "failed", value: final.failed },
      { label: "groups created", value: o.groupsCreated.length },
      ...(totp ? [{ label: "TOTP MFA to set up again", value: totp }] : []),
      { label: "mapping file", value: mapFile },
      { label: "run", value: run.id },
    ]);
  if (!settled) {
    const last = result.lastError;
    throw new CliError(
      `${plural(result.unsettled + final.pending, "user")} could not be settled${last ? ` (the last error: ${last.message.split("\n")[0]})` : ""}. Nothing is lost: run the same command again to finish copy run ${run.id}.`,
      last?.exitCode ?? 255,
    );
  }
  if (final.failed > 0) {
    const failures: string[] = [];
    for (const r of journal.copyOutcomes(run.id))
      if (r.outcome === "failed" && failures.length < FAILURES_SHOWN)
        failures.push(`  ${r.sourceUsername}: ${r.reason ?? "failed"}`);
    throw new RowsFailedError(
      `${plural(final.failed, "user")} could not be copied (all are in ${mapFile}):\n${failures.join("\n")}${final.failed > failures.length ? "\n  ..." : ""}`,
    );
  }
}

/**
 * The destination's sub of each user that was already there (UsernameExistsException says nothing
 * of it), so the mapping file maps every old sub, a re-run's included: AdminGetUser at the UserRead
 * quota, recorded in the journal so a later run does not ask again. A user gone meanwhile stays blank.
 */
async function lookUpExistingSubs(
  journal: Journal,
  runId: string,
  to: PoolSide,
  concurrency: number,
): Promise<void> {
  const missing: { idx: number; username: string }[] = [];
  for (const r of journal.copyOutcomes(runId))
    if (r.outcome === "skipped" && !r.sub && r.username) missing.push({ idx: r.idx, username: r.username });
  const worker = async () => {
    for (let next = missing.pop(); next; next = missing.pop()) {
      try {
        const user = await to.call("AdminGetUser", { UserPoolId: to.pool.id, Username: next.username });
        const sub = attributes({ Attributes: user.UserAttributes }).sub;
        if (sub) journal.created(runId, next.idx, false, sub);
      } catch (err) {
        if (!(err instanceof ServiceError && err.code === "UserNotFoundException")) throw err;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

/** username,sub of the source, then of the destination, with what became of each user (0600: people's names). */
async function writeMapping(journal: Journal, runId: string, path: string): Promise<void> {
  const { stringify } = await import("csv-stringify/sync");
  function* lines() {
    yield stringify([["source_username", "source_sub", "username", "sub", "outcome", "reason"]]);
    for (const r of journal.copyOutcomes(runId))
      yield stringify([
        [r.sourceUsername, r.sourceSub ?? "", r.username ?? "", r.sub ?? "", r.outcome ?? "", r.reason ?? ""],
      ]);
  }
  await writeFileAtomically(path, lines(), { force: true, mode: 0o600, shown: "--map-file" });
}
