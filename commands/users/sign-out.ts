// cogctl users sign-out USER...: revokes every refresh token of the users (AdminUserGlobalSignOut).
import { defineCommand } from "../../src/cli/command.js";
import { type UserVerbFlags, userVerb } from "../../src/kernel/user-verbs.js";

export default defineCommand<UserVerbFlags>({
  name: "users sign-out",
  summary: "Sign users out everywhere: revoke all their refresh tokens (asks first)",
  examples: [
    {
      summary: "Sign a user out everywhere (asks first on a terminal)",
      args: ["users", "sign-out", "alice@example.com", "--pool", "demo"],
    },
    {
      summary: "Sign out the users listed on stdin, without asking",
      args: ["users", "sign-out", "-", "--pool", "demo", "--yes"],
    },
  ],
  ...userVerb({
    operation: "AdminUserGlobalSignOut",
    verb: "Sign out",
    done: "Signed out",
    destructive: true,
  }),
});
