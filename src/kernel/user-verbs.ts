// The USER... verbs whose whole work is one Admin* call per user (users delete, disable, enable,
// sign-out): the options, the USER... argument and the run are the same for each, so a command
// file only declares its name, words and examples and spreads userVerb({...}) into defineCommand.
// The command keeps its own `export default defineCommand({...})`: scripts/gen-registry.mjs reads
// the name and summary from that literal, and the kernel may not import src/cli.
import type { Command } from "commander";
import type { ConfirmFlags } from "./confirm.js";
import type { Context } from "./context.js";
import { actOnUsers, addConfirmOptions, addPoolOption } from "./task.js";

export interface UserVerbSpec {
  /** The Admin* operation called once per user with { UserPoolId, Username }, e.g. "AdminDisableUser". */
  operation: string;
  /** The plan's verb: "Disable". */
  verb: string;
  /** The summary's verb: "Disabled". */
  done: string;
  /** Asks first (with --yes / --dry-run): the verbs that destroy or lock out. */
  destructive?: boolean;
  /** Several users at once make a person type the pool's name (bulk deletes). */
  typePoolNameWhenBulk?: boolean;
}

export type UserVerbFlags = { pool?: string } & ConfirmFlags;

/** The configure and run of a USER... verb, to spread into its defineCommand. */
export function userVerb(spec: UserVerbSpec): {
  configure(cmd: Command): void;
  run(opts: UserVerbFlags, args: string[], ctx: Context): Promise<void>;
} {
  return {
    configure(cmd) {
      const withPool = addPoolOption(cmd);
      (spec.destructive ? addConfirmOptions(withPool) : withPool).argument(
        "<user...>",
        "usernames, emails, phones or subs; - reads stdin",
      );
    },
    async run(opts, args, ctx) {
      await actOnUsers(ctx, args, opts, {
        verb: spec.verb,
        done: spec.done,
        destructive: spec.destructive,
        typePoolNameWhenBulk: spec.typePoolNameWhenBulk,
        act: async (call, pool, user) => {
          await call(spec.operation, { UserPoolId: pool.id, Username: user.username });
        },
      });
    },
  };
}
