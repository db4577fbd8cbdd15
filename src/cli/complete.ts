// Candidates for shell completion, computed from the catalog and the command registry, so the
// scripts printed by `cogctl completion` never go stale: they call `cogctl __complete <words>`.
import { Command } from "commander";
import { loadIndex, loadOperation } from "../cognito/catalog.js";
import { flagsFor } from "./args/index.js";
import type { CommandRegistry } from "./command.js";
import { GLOBAL_OPTIONS } from "./global-options.js";

const OP_FLAGS = ["--cli-input-json", "--cli-input-yaml", "--generate-cli-skeleton", "--help"];

/** `words` are the words after `cogctl`, the last one being the (possibly empty) word under the cursor. */
export async function completionCandidates(
  words: string[],
  handWrittenCommands: CommandRegistry,
): Promise<string[]> {
  const current = words[words.length - 1] ?? "";
  const before = words.slice(0, -1);
  const previous = before[before.length - 1];
  const globalValues = GLOBAL_OPTIONS.find((o) => o.flag === previous);
  if (globalValues) return filter(globalValues.choices ? [...globalValues.choices] : [], current);

  const commandWords = before.filter(
    (w, i) => !w.startsWith("-") && !GLOBAL_OPTIONS.some((o) => o.value && o.flag === before[i - 1]),
  );
  const globals = GLOBAL_OPTIONS.map((o) => o.flag);
  if (commandWords.length === 0) {
    if (current.startsWith("-")) return filter(globals, current);
    const nouns = new Set(Object.keys(handWrittenCommands).map((k) => k.split(" ")[0]));
    return filter([...nouns, ...loadIndex().operations.map((o) => o.cliName)], current);
  }
  const op = loadOperation(commandWords[0]);
  if (op) {
    const specs = flagsFor(op);
    const prevSpec = specs.find((s) => s.flag === previous);
    if (prevSpec && prevSpec.shape.type === "string" && prevSpec.shape.enum)
      return filter(prevSpec.shape.enum, current);
    if (prevSpec && (prevSpec.kind === "complex" || prevSpec.kind === "string"))
      return filter(["file://"], current);
    const flags = specs.flatMap((s) =>
      s.kind === "boolean" ? [s.flag, `--no-${s.flag.slice(2)}`] : [s.flag],
    );
    return filter([...flags, ...OP_FLAGS, ...globals], current);
  }
  const key = Object.keys(handWrittenCommands).find((k) => k === commandWords.join(" "));
  if (key) {
    const def = (await handWrittenCommands[key].load()).default;
    const cmd = new Command(key);
    def.configure(cmd);
    return filter([...cmd.options.map((o) => o.long ?? "").filter(Boolean), "--help", ...globals], current);
  }
  const prefix = `${commandWords.join(" ")} `;
  const verbs = Object.keys(handWrittenCommands)
    .filter((k) => k.startsWith(prefix))
    .map((k) => k.slice(prefix.length).split(" ")[0]);
  return filter([...new Set(verbs)], current);
}

function filter(candidates: string[], prefix: string): string[] {
  return candidates.filter((c) => c.startsWith(prefix));
}
