// `cogctl --help`, `cogctl <operation> --help` and `cogctl <noun> <verb> --help`. Operation help
// comes from the service model (src/cli/operation-help.ts); this file adds global options and the
// hand-written task commands around it, lays every list out with the shared help layout, and
// prints through the pager when the text is longer than the terminal.
import { Command } from "commander";
import { loadIndex, loadOperation } from "../cognito/catalog.js";
import type { IO } from "../kernel/io/io.js";
import { type CommandRegistry, findCommand } from "./command.js";
import { GLOBAL_OPTIONS } from "./global-options.js";
import { labelled, MIN_HELP_WIDTH, reflow, renderExamples, twoColumns, wrap } from "./help-layout.js";
import { renderOperationHelp, renderOperationList } from "./operation-help.js";
import { OPERATION_EXAMPLES } from "./usage-examples.js";

export type HelpTarget = string | string[] | undefined;

function globalOptionsText(width: number): string {
  const rows = GLOBAL_OPTIONS.map(
    (o) =>
      [
        `${o.flag}${o.value ? ` <${o.value}>` : ""}`,
        o.description + (o.choices ? ` (${o.choices.join(", ")})` : ""),
      ] as const,
  );
  return twoColumns(rows, { width }).join("\n");
}

function handWrittenText(commands: CommandRegistry, width: number, prefix?: string): string {
  // Grouped by noun (stable: each noun's verbs keep their registry order).
  const noun = (name: string) => name.split(" ")[0];
  const entries = Object.entries(commands)
    .sort(([a], [b]) => noun(a).localeCompare(noun(b)))
    .filter(([name]) => !prefix || name.startsWith(`${prefix} `) || name === prefix);
  return twoColumns(
    entries.map(([name, e]) => [name, e.summary] as const),
    { width },
  ).join("\n");
}

/** The commands under a noun (`cogctl auth --help`, `cogctl auth mfa --help`). */
export function renderGroupHelp(words: string[], commands: CommandRegistry, width = 80): string {
  const prefix = words.join(" ");
  return [
    ...labelled("Usage: ", `cogctl ${prefix} <command> [options]`, width),
    "",
    "Commands:",
    handWrittenText(commands, width, prefix),
    "",
    ...wrap(`Run 'cogctl ${prefix} <command> --help' for a command's options.`, width),
    "",
  ].join("\n");
}

/** A task command's help, from its declaration: usage, description, arguments, options, examples. */
async function renderTaskHelp(commands: CommandRegistry, key: string, width: number): Promise<string> {
  const def = (await findCommand(commands, key)!.load()).default;
  const cmd = new Command(key);
  def.configure(cmd);
  cmd.helpOption(false);
  const helper = cmd.createHelp();
  const lines = [
    ...labelled("Usage: ", `cogctl ${helper.commandUsage(cmd)}`, width),
    "",
    ...wrap(reflow(def.description ?? def.summary), width),
  ];
  const section = (title: string, rows: (readonly [string, string])[]) => {
    if (rows.length) lines.push("", `${title}:`, ...twoColumns(rows, { width }));
  };
  section(
    "Arguments",
    helper.visibleArguments(cmd).map((a) => [helper.argumentTerm(a), helper.argumentDescription(a)] as const),
  );
  section(
    "Options",
    helper.visibleOptions(cmd).map((o) => [helper.optionTerm(o), helper.optionDescription(o)] as const),
  );
  lines.push("", "Examples:", ...renderExamples(def.examples, width));
  lines.push("", "Global options:", globalOptionsText(width), "");
  return lines.join("\n");
}

/** The examples of `cogctl --help`: the first of a few operations, from the same data as their help. */
const TOP_LEVEL_EXAMPLES = ["create-user-pool", "list-users", "admin-create-user"];

export async function renderHelp(target: HelpTarget, io: IO, commands: CommandRegistry): Promise<string> {
  const width = Math.max(MIN_HELP_WIDTH, io.stdout.columns);
  if (typeof target === "string") {
    const op = loadOperation(target)!;
    return renderOperationHelp(op, { width, color: io.color });
  }
  if (Array.isArray(target)) return renderTaskHelp(commands, target.join(" "), width);
  const index = loadIndex();
  return [
    ...wrap("cogctl: the command line for Amazon Cognito user pools.", width),
    "",
    ...labelled("Usage: ", "cogctl [global options] <command> [options]", width),
    "       cogctl <command> --help",
    "",
    "Task commands:",
    handWrittenText(commands, width),
    "",
    ...wrap(`API operations (${index.operations.length}, named as 'aws cognito-idp' names them):`, width),
    renderOperationList(index, { width, color: io.color }).replace(/\n+$/, ""),
    "",
    "Global options:",
    globalOptionsText(width),
    "",
    "Examples:",
    ...renderExamples(
      TOP_LEVEL_EXAMPLES.map((name) => OPERATION_EXAMPLES[name]![0]!),
      width,
    ),
    "",
  ].join("\n");
}

/**
 * Prints help: through the pager on a terminal when it does not fit (see src/kernel/io/pager.ts), never
 * with --no-cli-pager, as the AWS CLI's flag promises.
 */
export async function printHelp(text: string, io: IO, argv: readonly string[]): Promise<void> {
  if (argv.includes("--no-cli-pager")) io.stdout.write(text);
  else await io.page(text);
}
