// Runs a plan's steps in order. Steps of one kind in one pool (groups, users ...) depend on nothing
// of each other and run a few at a time; kinds run one after the other, so a client is created
// only after the resource servers whose scopes it names. A failure stops the run after the steps
// in flight settle; the report says what was done, and the same command plans again from the
// service's state, so it continues where it stopped.
import type { CognitoCall } from "../cognito-call.js";
import type { Plan, Step } from "./plan.js";
import { doneLine } from "./render.js";

/** Calls in flight within one kind: enough to hide latency, few enough to stay near the pacer. */
const CONCURRENCY = 8;

export class ApplyFailure extends Error {
  constructor(
    readonly done: Step[],
    readonly failed: Step,
    readonly error: unknown,
  ) {
    super(`applying ${failed.pool}: ${failed.kind} ${failed.name} failed`);
  }
}

export async function applyPlan(plan: Plan, call: CognitoCall, log: (line: string) => void): Promise<Step[]> {
  const runnable = plan.steps.filter((s) => s.run);
  const done: Step[] = [];
  let i = 0;
  while (i < runnable.length) {
    const first = runnable[i]!;
    let j = i + 1;
    // The pool's own step and single blocks run alone; maps of one kind run together.
    if (first.name !== "")
      while (
        j < runnable.length &&
        runnable[j]!.pool === first.pool &&
        runnable[j]!.kind === first.kind &&
        runnable[j]!.action === first.action
      )
        j++;
    const batch = runnable.slice(i, j);
    let failure: { step: Step; err: unknown } | undefined;
    let next = 0;
    const worker = async () => {
      while (next < batch.length && !failure) {
        const s = batch[next++]!;
        try {
          await s.run!(call);
          done.push(s);
          log(doneLine(s));
        } catch (err) {
          failure ??= { step: s, err };
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, batch.length) }, worker));
    if (failure) throw new ApplyFailure(done, failure.step, failure.err);
    i = j;
  }
  return done;
}
