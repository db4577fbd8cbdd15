// cogctl users enable USER...: lets disabled users sign in again.
import { defineCommand } from "../../src/cli/command.js";
import { type UserVerbFlags, userVerb } from "../../src/kernel/user-verbs.js";

export default defineCommand<UserVerbFlags>({
  name: "users enable",
  summary: "Enable users that were disabled",
  examples: [
    {
      summary: "Enable a user found by email",
      args: ["users", "enable", "alice@example.com", "--pool", "demo"],
    },
    {
      summary: "Enable the users listed on stdin, one per line",
      args: ["users", "enable", "-", "--pool", "demo"],
    },
  ],
  ...userVerb({
    operation: "AdminEnableUser",
    verb: "Enable",
    done: "Enabled",
  }),
});
