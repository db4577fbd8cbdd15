// Verbs that take USER... : the targets (arguments, or one per line from stdin with `-`), run a
// few at a time under the pacer, with progress on a terminal and a summary of what failed. A run
// in which anything failed ends non-zero, with the failures' own exit code.

import { normalize } from "./error-mapping.js";
import { CliError, UsageError } from "./errors.js";
import type { IO } from "./io/io.js";
import type { Printer } from "./output/types.js";
import { createProgress } from "./progress.js";

/**
 * The arguments, with `-` replaced by the non-empty lines of stdin. `stdinTakenBy` names the flag
 * that already reads stdin (--password-stdin): stdin cannot hold both, and reading it again would
 * only find it empty.
 */
export async function readTargets(
  args: string[],
  io: IO,
  opts: { what?: string; stdinTakenBy?: string } = {},
): Promise<string[]> {
  const what = opts.what ?? "USER";
  const out: string[] = [];
  for (const arg of args) {
    if (arg !== "-") {
      out.push(arg);
      continue;
    }
    if (opts.stdinTakenBy !== undefined)
      throw new UsageError(
        `'-' reads ${what}s from stdin, but ${opts.stdinTakenBy} reads stdin already; name the ${what}s as arguments.`,
      );
    if (io.stdinIsTTY) throw new UsageError(`'-' reads ${what}s from stdin, one per line; pipe them in.`);
    out.push(
      ...(await io.readStdin())
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter((l) => l !== ""),
    );
  }
  if (out.length === 0) throw new UsageError(`Give at least one ${what} (or - to read them from stdin).`);
  return out;
}

export interface BulkOptions {
  /** "Disabled": the past tense for the summary. */
  done: string;
  noun: string;
  /** Calls in flight at once; the pacer keeps them under the quota. */
  concurrency?: number;
}

/**
 * Runs action on each target. One target: its error is thrown as it is. Several: progress on
 * stderr (terminal only), then a summary; failures are always reported on stderr.
 */
export async function runBulk(
  ctx: { io: IO; printer: Printer },
  targets: string[],
  action: (target: string) => Promise<string>,
  opts: BulkOptions,
): Promise<void> {
  if (targets.length === 1) {
    ctx.printer.done(await action(targets[0]));
    return;
  }
  const progress = createProgress(ctx.io, { total: targets.length, label: opts.done });
  const failures: { target: string; error: CliError }[] = [];
  let next = 0;
  const worker = async () => {
    while (next < targets.length) {
      const target = targets[next++];
      try {
        await action(target);
      } catch (err) {
        failures.push({ target, error: normalize(err) });
      }
      progress.tick();
    }
  };
  await Promise.all(Array.from({ length: Math.min(opts.concurrency ?? 8, targets.length) }, worker));
  progress.done();
  const ok = targets.length - failures.length;
  const plural = (n: number) => `${n} ${opts.noun}${n === 1 ? "" : "s"}`;
  if (failures.length === 0) {
    ctx.printer.done(`${opts.done} ${plural(ok)}`);
    return;
  }
  const order = new Map(targets.map((t, i) => [t, i]));
  failures.sort((a, b) => (order.get(a.target) ?? 0) - (order.get(b.target) ?? 0));
  throw new CliError(
    `${opts.done} ${ok} of ${plural(targets.length)}; ${failures.length} failed:\n${failures
      .map((f) => `  ${f.target}: ${f.error.message.split("\n")[0]}`)
      .join("\n")}`,
    failures[0].error.exitCode,
  );
}
