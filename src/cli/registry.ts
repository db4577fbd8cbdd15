// Hand-written commands, loaded only when invoked (start-up cost matters to scripts).
// One entry per command: the words a user types → a lazy import of its file in commands/.
import type { CommandDefinition } from "./command.js";

type Loader = () => Promise<{ default: CommandDefinition<any> }>;

export const handWrittenCommands: Record<string, { summary: string; load: Loader }> = {
  completion: {
    summary: "Print a shell completion script (bash, zsh or fish)",
    load: () => import("../../commands/completion.js"),
  },
  "auth login": { summary: "Sign a user in through every challenge and store the tokens", load: () => import("../../commands/auth/login.js") },
};
