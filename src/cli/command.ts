// The shape of a hand-written command (commands/<noun>/<verb>.ts). Generated API operations do not
// use this: src/cli/operation-command.ts builds them from the catalog.
import type { Command } from "commander";
import type { Context } from "../kernel/context.js";
import type { OutputFormat } from "../kernel/output/types.js";
import type { UsageExample } from "./help-layout.js";

export interface CommandDefinition<Opts = Record<string, unknown>> {
  /** The words a user types, e.g. "local serve" or "auth login". */
  name: string;
  summary: string;
  description?: string;
  /**
   * The Examples section of its help, declared here so help and command never drift
   * (test/help-examples.test.ts parses each one with the command's own options).
   */
  examples: readonly UsageExample[];
  /**
   * The format to print in on a terminal when --output is not given (e.g. "table" for listings).
   * Unset: JSON, as for API operations. Pipes always get the default, so scripts stay stable.
   */
  terminalOutput?: OutputFormat;
  /**
   * Values of --output this command handles itself besides the printer's (`apply --output env`).
   * The command reads them from ctx.globals.output and prints without the printer.
   */
  outputFormats?: readonly string[];
  /** Adds this command's options and arguments to its commander Command. */
  configure(cmd: Command): void;
  /**
   * Does the work. Returns the exit code (default 0). Never calls console.* or process.exit:
   * print through ctx.printer / ctx.io, fail by throwing the typed errors of src/kernel/errors.ts.
   */
  run(opts: Opts, args: string[], ctx: Context): Promise<number | undefined> | Promise<void>;
}

export function defineCommand<Opts = Record<string, unknown>>(
  def: CommandDefinition<Opts>,
): CommandDefinition<Opts> {
  return def;
}

type CommandLoader = () => Promise<{ default: CommandDefinition<any> }>;

/**
 * The task commands: the words a user types → summary and a lazy import of the command's file.
 * Generated from the declarations (scripts/gen-registry.mjs → commands/index.ts) and handed to the
 * entry by commands/main.ts, so nothing in src/ imports a command and only the invoked one loads.
 */
export type CommandRegistry = Record<string, { summary: string; load: CommandLoader }>;

/** The command for the words typed, or undefined; own entries only (`cogctl constructor` is unknown). */
export function findCommand(commands: CommandRegistry, words: string) {
  return Object.hasOwn(commands, words) ? commands[words] : undefined;
}
