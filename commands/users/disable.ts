// cogctl users disable USER...: users can no longer sign in (their tokens are revoked); asks first.
import { defineCommand } from "../../src/cli/command.js";
import { type UserVerbFlags, userVerb } from "../../src/kernel/user-verbs.js";

export default defineCommand<UserVerbFlags>({
  name: "users disable",
  summary: "Disable users so they can no longer sign in (asks first)",
  examples: [
    {
      summary: "Disable a user found by email (asks first on a terminal)",
      args: ["users", "disable", "alice@example.com", "--pool", "demo"],
    },
    {
      summary: "Disable the users listed on stdin, one per line, without asking",
      args: ["users", "disable", "-", "--pool", "demo", "--yes"],
    },
  ],
  ...userVerb({
    operation: "AdminDisableUser",
    verb: "Disable",
    done: "Disabled",
    destructive: true,
  }),
});
