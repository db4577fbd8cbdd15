// What `cogctl plan`, `cogctl apply` and `cogctl local serve --apply` share: load, plan, confirm the
// deletions, apply with a log on stderr, and the report of a run that stopped halfway.
import type { CognitoCall } from "../cognito-call.js";
import { confirmPlan } from "../confirm.js";
import { normalize } from "../error-mapping.js";
import { UsageError } from "../errors.js";
import type { IO } from "../io/io.js";
import type { Prompter } from "../io/prompter.js";
import { ApplyFailure, applyPlan } from "./apply.js";
import type { Stack } from "./loader.js";
import { buildPlan, label, type Plan, pending } from "./plan.js";
import { doneLine, renderPlan } from "./render.js";

export interface ApplyOptions {
  prune?: boolean;
  yes?: boolean;
  /** Print the plan before applying (apply on stderr; serve --apply only when it changes something). */
  quiet?: boolean;
}

/** Refusals end the run before anything is sent: the file asks for what Cognito cannot do in place. */
function refuse(plan: Plan, file: string): void {
  const refused = plan.steps.filter((s) => s.action === "refused");
  if (refused.length === 0) return;
  const lines = refused.flatMap((s) => s.reasons.map((r) => `  ${s.pool}: ${label(s)}: ${r}`));
  throw new UsageError(
    `${file}: ${refused.length} change${refused.length > 1 ? "s" : ""} cannot be made in place, so nothing was changed:\n${lines.join("\n")}`,
  );
}

export async function runApply(
  ctx: { io: IO; prompter: Prompter },
  call: CognitoCall,
  stack: Stack,
  opts: ApplyOptions,
): Promise<Plan> {
  const err = (line: string) => ctx.io.stderr.write(`${line}\n`);
  const plan = await buildPlan(call, stack, { prune: opts.prune });
  const todo = pending(plan);
  if (!opts.quiet || todo.length > 0) ctx.io.stderr.write(renderPlan(plan));
  refuse(plan, stack.path);
  if (todo.length === 0) return plan;
  const deletions = todo.filter((s) => s.action === "delete");
  if (deletions.length > 0) {
    await confirmPlan(
      ctx,
      {
        action: `Delete ${deletions.length} resource${deletions.length > 1 ? "s" : ""} the stack file does not list (--prune)`,
        items: deletions.map((s) => `${s.pool}: ${label(s)}`),
      },
      { yes: opts.yes },
    );
  }
  try {
    await applyPlan(plan, call, err);
  } catch (e) {
    if (!(e instanceof ApplyFailure)) throw e;
    const cause = normalize(e.error);
    err(
      `Stopped at ${doneLine({ ...e.failed, action: e.failed.action }).replace(/: (created|updated|deleted) /, ": ")}: ${cause.message}`,
    );
    err(
      `${e.done.length} of ${todo.length} step${todo.length > 1 ? "s" : ""} done before it${e.done.length ? " (listed above)" : ""}. Run the same command again to continue: what was done is found and left alone.`,
    );
    throw cause;
  }
  err(`Applied ${todo.length} change${todo.length > 1 ? "s" : ""}.`);
  return plan;
}
