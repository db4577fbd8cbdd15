// Values on the command line that no option takes (`--permanent maybe`, `admin-get-user foo`):
// the AWS CLI's "Unknown options: maybe", plus the likely cause, found from the token before the
// value: a switch that takes no value, or a one-value option given two.
import type { Command, Option } from "commander";
import { UsageError } from "../kernel/errors.js";

/** The values beyond the command's declared arguments, as commander left them in cmd.args. */
export function strayArguments(cmd: Command): string[] {
  const declared = cmd.registeredArguments;
  if (declared.at(-1)?.variadic) return [];
  return cmd.args.slice(declared.length);
}

function findOption(cmd: Command, token: string | undefined): Option | undefined {
  if (!token?.startsWith("--")) return undefined;
  for (let c: Command | null = cmd; c; c = c.parent) {
    const found = c.options.find((o) => o.long === token);
    if (found) return found;
  }
  return undefined;
}

function commandPath(cmd: Command): string {
  const words: string[] = [];
  for (let c: Command | null = cmd; c?.parent; c = c.parent) words.unshift(c.name());
  return words.join(" ");
}

interface Cause {
  hint: string;
  /** The stray value is the rest of a secret (`--password two words`): never echo it. */
  secret?: boolean;
}

function likelyCause(
  cmd: Command,
  stray: string,
  argv: string[],
  sensitiveFlags: ReadonlySet<string>,
): Cause | undefined {
  for (let i = argv.indexOf(stray); i >= 0; i = argv.indexOf(stray, i + 1)) {
    const before = findOption(cmd, argv[i - 1]);
    if (before && !before.required && !before.optional) {
      const name = before.long!.replace(/^--(no-)?/, "");
      const pair = findOption(cmd, before.negate ? `--${name}` : `--no-${name}`);
      return {
        hint: pair
          ? `${before.long} takes no value; use --${name} or --no-${name}.`
          : `${before.long} takes no value.`,
      };
    }
    const twoBefore = findOption(cmd, argv[i - 2]);
    if (twoBefore?.required && !twoBefore.variadic && !argv[i - 1]!.startsWith("-")) {
      const flag = twoBefore.long!;
      if (sensitiveFlags.has(flag))
        return { hint: `${flag} takes one value; quote a value that contains spaces.`, secret: true };
      return {
        hint: `${flag} takes one value; quote a value that contains spaces (${flag} "${argv[i - 1]} ${stray}").`,
      };
    }
  }
  return undefined;
}

/**
 * Throws the AWS CLI's "Unknown options: a, b" (exit 252) when the command was given stray values.
 * `sensitiveFlags`: options whose values are secrets (a stray word after one is not echoed).
 */
export function rejectStrayArguments(
  cmd: Command,
  argv: string[],
  sensitiveFlags: ReadonlySet<string> = new Set(),
): void {
  const stray = strayArguments(cmd);
  if (stray.length === 0) return;
  const cause = likelyCause(cmd, stray[0]!, argv, sensitiveFlags);
  const hint =
    cause?.hint ??
    `Options take the form --name value; run 'cogctl ${commandPath(cmd)} --help' for the list.`;
  const shown = cause?.secret ? "(not shown: the words after a sensitive option)" : stray.join(", ");
  throw new UsageError(`Unknown options: ${shown}\n${hint}`);
}
