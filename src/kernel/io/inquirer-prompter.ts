// The terminal prompter, on @inquirer/prompts. Prompts draw on stderr so stdout stays parseable.
// Without a terminal, every question fails at once with the flag that answers it (never a hang).
import { confirm, input, password, select } from "@inquirer/prompts";
import { UsageError } from "../errors.js";
import type { IO } from "./io.js";
import type { Choice, Prompter, PromptSource } from "./prompter.js";

function noTerminal(message: string, source: PromptSource): never {
  const what = message.replace(/[:?]\s*$/, "");
  throw new UsageError(`${what}: no terminal to ask on. Provide it with ${source.flag}.`);
}

export function createInquirerPrompter(io: IO): Prompter {
  const context = { input: io.stdinStream, output: io.promptOutput, clearPromptOnDone: false };
  return {
    async input(message, opts) {
      if (!io.canPrompt) noTerminal(message, opts);
      return input({ message, default: opts.default, validate: opts.validate }, context);
    },
    async password(message, opts) {
      if (!io.canPrompt) noTerminal(message, opts);
      for (;;) {
        const first = await password({ message, mask: "*", validate: opts.validate }, context);
        if (!opts.confirm) return first;
        const again = await password({ message: "Enter it again:", mask: "*" }, context);
        if (again === first) return first;
        io.stderr.write("The two entries differ; try again.\n");
      }
    },
    async select<T>(message: string, choices: Choice<T>[], opts: PromptSource): Promise<T> {
      if (!io.canPrompt) noTerminal(message, opts);
      return select<T>({ message, choices }, context);
    },
    async confirm(message, opts) {
      if (opts.yes) return true;
      if (!io.canPrompt) {
        throw new UsageError(
          `${message.replace(/\?\s*$/, "")}: refusing without confirmation. Pass ${opts.flag ?? "--yes"} to proceed.`,
        );
      }
      return confirm({ message, default: opts.default ?? false }, context);
    },
  };
}
