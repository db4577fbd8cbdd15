// The EXAMPLES section of `cogctl <operation> help`, for the operations people use most. Data
// only, keyed by the operation's command name; test/help-examples.test.ts checks that every key
// is an operation and that every example parses with the real argument parser, so an example
// cannot drift from the flags.
import type { UsageExample } from "./help-layout.js";

const POOL = "us-east-1_EXAMPLE";

export const OPERATION_EXAMPLES: Readonly<Record<string, readonly UsageExample[]>> = {
  "list-users": [
    {
      summary: "Print every username of a pool, one per line (all pages are fetched)",
      args: ["list-users", "--user-pool-id", POOL, "--query", "Users[].Username", "--output", "text"],
    },
    {
      summary: "Find users by email prefix and show them as a table",
      args: ["list-users", "--user-pool-id", POOL, "--filter", 'email ^= "alice"', "--output", "table"],
    },
  ],
  "admin-create-user": [
    {
      summary: "Create a user with a verified email; Cognito emails a temporary password",
      args: [
        "admin-create-user",
        "--user-pool-id",
        POOL,
        "--username",
        "alice",
        "--user-attributes",
        "Name=email,Value=alice@example.com",
        "Name=email_verified,Value=true",
      ],
    },
    {
      summary: "Create a user without sending any message",
      args: [
        "admin-create-user",
        "--user-pool-id",
        POOL,
        "--username",
        "ci-bot",
        "--message-action",
        "SUPPRESS",
      ],
    },
  ],
  "admin-get-user": [
    {
      summary: "Show a user's status and attributes",
      args: ["admin-get-user", "--user-pool-id", POOL, "--username", "alice"],
    },
    {
      summary: "Print only the user's status",
      args: ["admin-get-user", "--user-pool-id", POOL, "--username", "alice", "--query", "UserStatus"],
    },
  ],
  "create-user-pool": [
    {
      summary: "Create a pool on the embedded endpoint (no AWS account) and print its id",
      args: [
        "--local",
        "create-user-pool",
        "--pool-name",
        "demo",
        "--query",
        "UserPool.Id",
        "--output",
        "text",
      ],
    },
    {
      summary: "Sign in with email, verify it automatically, require 12-character passwords",
      args: [
        "create-user-pool",
        "--pool-name",
        "customers",
        "--username-attributes",
        "email",
        "--auto-verified-attributes",
        "email",
        "--policies",
        "PasswordPolicy={MinimumLength=12,RequireSymbols=true}",
      ],
    },
  ],
  "create-user-pool-client": [
    {
      summary: "Create an app client that signs in with SRP and refreshes tokens",
      args: [
        "create-user-pool-client",
        "--user-pool-id",
        POOL,
        "--client-name",
        "web",
        "--explicit-auth-flows",
        "ALLOW_USER_SRP_AUTH",
        "ALLOW_REFRESH_TOKEN_AUTH",
      ],
    },
    {
      summary: "Create a confidential client (with a secret) for a server",
      args: [
        "create-user-pool-client",
        "--user-pool-id",
        POOL,
        "--client-name",
        "backend",
        "--generate-secret",
      ],
    },
  ],
  "admin-set-user-password": [
    {
      summary: "Set a permanent password, so the user skips NEW_PASSWORD_REQUIRED",
      args: [
        "admin-set-user-password",
        "--user-pool-id",
        POOL,
        "--username",
        "alice",
        "--password",
        "Example-Passw0rd!",
        "--permanent",
      ],
    },
  ],
  "admin-add-user-to-group": [
    {
      summary: "Add a user to a group",
      args: [
        "admin-add-user-to-group",
        "--user-pool-id",
        POOL,
        "--username",
        "alice",
        "--group-name",
        "admins",
      ],
    },
  ],
  "list-user-pools": [
    {
      summary: "List pool ids and names as a table",
      args: [
        "list-user-pools",
        "--max-results",
        "60",
        "--query",
        "UserPools[].[Id,Name]",
        "--output",
        "table",
      ],
    },
  ],
  "initiate-auth": [
    {
      summary: "Sign in with a password (the client must allow USER_PASSWORD_AUTH) and print the ID token",
      args: [
        "initiate-auth",
        "--client-id",
        "1example23456789",
        "--auth-flow",
        "USER_PASSWORD_AUTH",
        "--auth-parameters",
        "USERNAME=alice,PASSWORD=Example-Passw0rd!",
        "--query",
        "AuthenticationResult.IdToken",
        "--output",
        "text",
      ],
    },
    {
      summary: "Get new tokens from a refresh token",
      args: [
        "initiate-auth",
        "--client-id",
        "1example23456789",
        "--auth-flow",
        "REFRESH_TOKEN_AUTH",
        "--auth-parameters",
        "REFRESH_TOKEN=eyJjdHkiOiJKV1Qi...",
      ],
    },
  ],
  "describe-user-pool": [
    {
      summary: "Show a pool's password policy",
      args: ["describe-user-pool", "--user-pool-id", POOL, "--query", "UserPool.Policies.PasswordPolicy"],
    },
  ],
  "admin-delete-user": [
    {
      summary: "Delete a user",
      args: ["admin-delete-user", "--user-pool-id", POOL, "--username", "alice"],
    },
  ],
  "list-groups": [
    {
      summary: "Print every group name, one per line",
      args: ["list-groups", "--user-pool-id", POOL, "--query", "Groups[].GroupName", "--output", "text"],
    },
  ],
  "get-csv-header": [
    {
      summary: "Print the columns an import job's CSV file must have",
      args: ["get-csv-header", "--user-pool-id", POOL, "--query", "CSVHeader", "--output", "text"],
    },
  ],
  "create-group": [
    {
      summary: "Create a group; a lower precedence wins when a user is in several",
      args: ["create-group", "--user-pool-id", POOL, "--group-name", "admins", "--precedence", "1"],
    },
  ],
  "admin-update-user-attributes": [
    {
      summary: "Change a user's email and mark it verified",
      args: [
        "admin-update-user-attributes",
        "--user-pool-id",
        POOL,
        "--username",
        "alice",
        "--user-attributes",
        "Name=email,Value=alice@example.org",
        "Name=email_verified,Value=true",
      ],
    },
  ],
  "create-user-import-job": [
    {
      summary: "Create an import job, then upload its file with `cogctl import-jobs upload`",
      args: [
        "create-user-import-job",
        "--user-pool-id",
        POOL,
        "--job-name",
        "march",
        "--cloud-watch-logs-role-arn",
        "arn:aws:iam::123456789012:role/CognitoImport",
      ],
    },
  ],
};
