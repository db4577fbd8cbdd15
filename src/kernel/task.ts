// What every task command (users, groups, pools ...) shares: the --pool option, the confirmation
// flags, a paced call with a name resolver, and the choice between a table and JSON.
import type { Command } from "commander";
import { readTargets, runBulk } from "./bulk.js";
import { type CognitoCall, createCognitoCall } from "./cognito-call.js";
import { type ConfirmFlags, confirmPlan } from "./confirm.js";
import type { Context } from "./context.js";
import { pacedCall, processPacer, unmeteredPacer } from "./pacer.js";
import { profileName } from "./profile-settings.js";
import { createResolver, describePool, type PoolRef, type Resolver, type UserRef } from "./resolve.js";
import { readSettings } from "./settings.js";

export function addPoolOption(cmd: Command): Command {
  return cmd.option(
    "--pool <name|id>",
    "the user pool, by name or id (default: $COGCTL_POOL, else `cogctl config set pool`)",
  );
}

export function addConfirmOptions(cmd: Command): Command {
  return cmd
    .option("--yes", "do not ask for confirmation (needed without a terminal)")
    .option("--dry-run", "print what would be done and change nothing");
}

export interface Task {
  call: CognitoCall;
  resolver: Resolver;
}

/** Runs fn with a paced call and a resolver over this invocation's client (the Context closes it). */
export async function withTask<T>(ctx: Context, fn: (task: Task) => Promise<T>): Promise<T> {
  const call = await createCognitoCall(ctx);
  // Cognito's quotas are AWS's; the embedded endpoint or moto would only be slowed down by them.
  const aws = !ctx.globals.local && ctx.globals.endpointUrl === undefined;
  const paced = pacedCall(call, aws ? processPacer : unmeteredPacer);
  const defaultPool = async () => {
    const profile = profileName(ctx.globals.profile, ctx.io.env);
    const { pool } = await readSettings(ctx.paths.configDir, profile);
    return pool
      ? { value: pool, label: `The default pool ${pool} of profile ${profile} (cogctl config get pool)` }
      : undefined;
  };
  return fn({ call: paced, resolver: createResolver(paced, ctx.io.env, { defaultPool }) });
}

/**
 * True when the result goes through the printer (JSON, or whatever --output names, with --query
 * applied) rather than the table printer: --output or --query was asked for.
 */
export function wantsPrinter(ctx: Context): boolean {
  return ctx.globals.outputExplicit || ctx.globals.query !== undefined;
}

export interface UserActionSpec {
  /** "Disable": the plan's verb. */
  verb: string;
  /** The plan's sentence when "<verb> <users>" does not read well ("Remove 2 users from group x"). */
  phrase?: (users: string) => string;
  /** "Disabled": the summary's verb. */
  done: string;
  /** Goes through the confirmation guard (with --yes / --dry-run). */
  destructive?: boolean;
  /** The flag that reads stdin already (--password-stdin), so `-` cannot read users from it. */
  stdinTakenBy?: string;
  /** Several users at once make a person type the pool's name (bulk deletes). */
  typePoolNameWhenBulk?: boolean;
  /**
   * Checked once before anyone is asked or any user is touched (the group of `groups add` exists), so
   * a typo is one error, not one per user.
   */
  precheck?(call: CognitoCall, pool: PoolRef): Promise<void>;
  act(call: CognitoCall, pool: PoolRef, user: UserRef): Promise<void>;
}

const PLAN_ITEMS_SHOWN = 20;

/** USER... verbs (disable, enable, delete ...): resolve the pool, confirm, then act on each user, paced. */
export async function actOnUsers(
  ctx: Context,
  args: string[],
  flags: { pool?: string } & ConfirmFlags,
  spec: UserActionSpec,
): Promise<void> {
  const targets = await readTargets(args, ctx.io, { stdinTakenBy: spec.stdinTakenBy });
  await withTask(ctx, async ({ call, resolver }) => {
    const pool = await resolver.pool(flags.pool);
    await spec.precheck?.(call, pool);
    if (spec.destructive) {
      const n = targets.length;
      const users = n === 1 ? "user" : `${n} users`;
      const items = targets.slice(0, PLAN_ITEMS_SHOWN);
      if (n > PLAN_ITEMS_SHOWN) items.push(`... and ${n - PLAN_ITEMS_SHOWN} more`);
      const decision = await confirmPlan(
        ctx,
        {
          action: `${spec.phrase ? spec.phrase(users) : `${spec.verb} ${users}`} in pool ${describePool(pool)}`,
          items,
          typeToConfirm: spec.typePoolNameWhenBulk && n > 1 ? (pool.name ?? pool.id) : undefined,
        },
        flags,
      );
      if (decision === "dry-run") return;
    }
    await runBulk(
      ctx,
      targets,
      async (target) => {
        const user = await resolver.user(pool, target);
        await spec.act(call, pool, user);
        return `${spec.done} ${user.username}${user.typed !== user.username ? ` (${user.typed})` : ""}`;
      },
      { done: spec.done, noun: "user" },
    );
  });
}
