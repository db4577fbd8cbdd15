// cogctl users delete USER...: removes users for good; asks first (several: type the pool name).
import { defineCommand } from "../../src/cli/command.js";
import { type UserVerbFlags, userVerb } from "../../src/kernel/user-verbs.js";

export default defineCommand<UserVerbFlags>({
  name: "users delete",
  summary: "Delete users for good (asks first; several users: type the pool name)",
  examples: [
    {
      summary: "Delete a test user (asks first on a terminal)",
      args: ["users", "delete", "test-user-1", "--pool", "demo"],
    },
    {
      summary: "Show what deleting two users would do, changing nothing",
      args: ["users", "delete", "alice@example.com", "bob", "--pool", "demo", "--dry-run"],
    },
    {
      summary: "Delete the users on stdin (e.g. piped from users list | cut -f1), without asking",
      args: ["users", "delete", "-", "--pool", "demo", "--yes"],
    },
  ],
  ...userVerb({
    operation: "AdminDeleteUser",
    verb: "Delete",
    done: "Deleted",
    destructive: true,
    typePoolNameWhenBulk: true,
  }),
});
