// Flags shared by the auth commands, declared once so every command spells them the same way.
import type { Command } from "commander";

export const collect = (value: string, previous: string[] = []) => [...previous, value];

export function poolAndClientOptions(cmd: Command): Command {
  return cmd
    .option("--user-pool-id <id>", "The user pool (e.g. us-east-1_AbCdEf123)")
    .option("--client-id <id>", "The app client")
    .option("--client-secret-file <path>", "Read the app client's secret from this file (SECRET_HASH)")
    .option(
      "--client-secret <secret>",
      "The app client's secret (prefer --client-secret-file or COGCTL_CLIENT_SECRET)",
    );
}

/** Narrowing a stored session down: by default the most recent sign-in of the profile. */
export function sessionOptions(cmd: Command): Command {
  return cmd
    .option("--user-pool-id <id>", "Use the session of this pool")
    .option("--client-id <id>", "Use the session of this app client")
    .option("--username <name>", "Use the session of this user");
}

export function passwordOptions(cmd: Command): Command {
  return cmd
    .option("--password-stdin", "Read the password from standard input")
    .option("--password-file <path>", "Read the password from this file (COGCTL_PASSWORD also works)");
}
