// `cogctl --help`, `cogctl <operation> --help` and `cogctl <noun> <verb> --help`. Operation help
// comes from the service model (src/api/help.ts); this file adds global options and the
// hand-written task commands around it.
import { Command } from "commander";
import { loadIndex, loadOperation } from "../api/catalog.js";
import { renderOperationHelp, renderOperationList } from "../api/help.js";
import type { IO } from "../io/io.js";
import { GLOBAL_OPTIONS } from "./global-options.js";
import { handWrittenCommands } from "./registry.js";

function globalOptionsText(): string {
  const rows = GLOBAL_OPTIONS.map((o) => [
    `${o.flag}${o.value ? ` <${o.value}>` : ""}`,
    o.description + (o.choices ? ` (${o.choices.join(", ")})` : ""),
  ]);
  const width = Math.max(...rows.map((r) => r[0].length));
  return rows.map(([a, b]) => `  ${a.padEnd(width)}  ${b}`).join("\n");
}

function handWrittenText(prefix?: string): string {
  // Grouped by noun (stable: each noun's verbs keep their registry order).
  const noun = (name: string) => name.split(" ")[0];
  const entries = Object.entries(handWrittenCommands)
    .sort(([a], [b]) => noun(a).localeCompare(noun(b)))
    .filter(([name]) => !prefix || name.startsWith(`${prefix} `) || name === prefix);
  if (entries.length === 0) return "";
  const width = Math.max(...entries.map(([n]) => n.length));
  return entries.map(([name, e]) => `  ${name.padEnd(width)}  ${e.summary}`).join("\n");
}

/** The commands under a noun (`cogctl auth --help`, `cogctl auth mfa --help`). */
export function renderGroupHelp(words: string[]): string {
  const prefix = words.join(" ");
  return `Usage: cogctl ${prefix} <command> [options]\n\nCommands:\n${handWrittenText(prefix)}\n\nRun 'cogctl ${prefix} <command> --help' for a command's options.\n`;
}

export async function renderHelp(target: string | string[] | undefined, io: IO): Promise<string> {
  const width = io.stdout.columns;
  if (typeof target === "string") {
    const op = loadOperation(target)!;
    return renderOperationHelp(op, { width, color: io.color });
  }
  if (Array.isArray(target)) {
    const key = target.join(" ");
    const entry = handWrittenCommands[key];
    const def = (await entry.load()).default;
    const cmd = new Command(key).description(def.description ?? def.summary);
    def.configure(cmd);
    cmd.helpOption(false);
    const help = cmd.helpInformation().replace(/^Usage: /, "Usage: cogctl ");
    return `${help}\nGlobal options:\n${globalOptionsText()}\n`;
  }
  const index = loadIndex();
  return [
    "cogctl: the command line for Amazon Cognito user pools.",
    "",
    "Usage: cogctl [global options] <command> [options]",
    "       cogctl <command> --help",
    "",
    "Task commands:",
    handWrittenText(),
    "",
    `API operations (${index.operations.length}, named as 'aws cognito-idp' names them):`,
    renderOperationList(index, { width, color: io.color }).replace(/\n+$/, ""),
    "",
    "Global options:",
    globalOptionsText(),
    "",
    "Examples:",
    "  cogctl --local create-user-pool --pool-name demo",
    "  cogctl list-users --user-pool-id us-east-1_XXXX --query 'Users[].Username' --output text",
    "  cogctl admin-create-user --user-pool-id ID --username alice --user-attributes Name=email,Value=alice@example.com",
    "",
  ].join("\n");
}
