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
  "auth tokens": { summary: "Print the stored tokens of a session (or their decoded claims)", load: () => import("../../commands/auth/tokens.js") },
  "auth refresh": { summary: "Refresh a stored session's tokens with its refresh token", load: () => import("../../commands/auth/refresh.js") },
  "auth whoami": { summary: "Show the signed-in user (GetUser with the stored session)", load: () => import("../../commands/auth/whoami.js") },
  "auth list": { summary: "List stored sessions (without their tokens)", load: () => import("../../commands/auth/list.js") },
  "auth logout": { summary: "Revoke a session's tokens (or sign out everywhere) and forget them", load: () => import("../../commands/auth/logout.js") },
  "local serve": { summary: "Run the embedded user-pools endpoint over HTTP", load: () => import("../../commands/local/serve.js") },
  "local status": { summary: "Show where the embedded endpoint's data lives and what it holds", load: () => import("../../commands/local/status.js") },
  "local reset": { summary: "Delete everything the embedded endpoint stores", load: () => import("../../commands/local/reset.js") },
};
