// The one confirmation guard for verbs that destroy or lock out: on a terminal it asks (yes/no, or
// typing a name for bulk and pool deletes); without one it refuses unless --yes was given, after
// printing what would have been done; --dry-run prints the plan and changes nothing.
import { InterruptedError, UsageError } from "./errors.js";
import type { IO } from "./io/io.js";
import type { Prompter } from "./io/prompter.js";

export interface Plan {
  /** What will happen, as a sentence without a full stop: "Delete 3 users from demo (us-east-1_x)". */
  action: string;
  /** The things acted on, one per line under the action. */
  items?: string[];
  /** When set, a person must type this (a pool name) instead of answering yes. */
  typeToConfirm?: string;
  /** Printed on stderr with --yes too: a long job's plan belongs in the CI log that ran it. */
  alwaysShow?: boolean;
}

export interface ConfirmFlags {
  yes?: boolean;
  dryRun?: boolean;
}

export type Decision = "proceed" | "dry-run";

function planText(plan: Plan, prefix: string): string {
  const head = `${prefix}${prefix ? plan.action.charAt(0).toLowerCase() + plan.action.slice(1) : plan.action}`;
  return `${head}${plan.items?.length ? `:\n${plan.items.map((i) => `  ${i}`).join("\n")}` : ""}\n`;
}

/**
 * Returns "proceed" when the action may go ahead, "dry-run" when only the plan was to be shown (it
 * has been printed on stdout). Refusing, without a terminal and without --yes, is a UsageError
 * (exit 252) naming --yes; a person answering no is an InterruptedError (130, as for Ctrl-C at a
 * prompt): either way nothing was changed.
 */
export async function confirmPlan(
  ctx: { io: IO; prompter: Prompter },
  plan: Plan,
  flags: ConfirmFlags,
): Promise<Decision> {
  if (flags.dryRun) {
    ctx.io.stdout.write(planText(plan, "Would "));
    return "dry-run";
  }
  if (flags.yes) {
    if (plan.alwaysShow) ctx.io.stderr.write(planText(plan, ""));
    return "proceed";
  }
  if (!ctx.io.canPrompt) {
    ctx.io.stderr.write(planText(plan, "Would "));
    throw new UsageError(
      "Refusing without confirmation: no terminal to ask on. Pass --yes to proceed, or --dry-run to only print the plan.",
    );
  }
  ctx.io.stderr.write(planText(plan, ""));
  if (plan.typeToConfirm !== undefined) {
    const typed = await ctx.prompter.input(`Type ${plan.typeToConfirm} to confirm:`, { flag: "--yes" });
    if (typed.trim() === plan.typeToConfirm) return "proceed";
    throw new InterruptedError(`'${typed.trim()}' is not ${plan.typeToConfirm}: nothing changed.`);
  }
  const ok = await ctx.prompter.confirm("Proceed?", { flag: "--yes", default: false });
  if (!ok) throw new InterruptedError("Nothing changed.");
  return "proceed";
}
