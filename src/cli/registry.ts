// Hand-written commands, loaded only when invoked (start-up cost matters to scripts).
// One entry per command: the words a user types → a lazy import of its file in commands/.
import type { CommandDefinition } from "./command.js";

type Loader = () => Promise<{ default: CommandDefinition<any> }>;

export const handWrittenCommands: Record<string, { summary: string; load: Loader }> = {
  completion: {
    summary: "Print a shell completion script (bash, zsh or fish)",
    load: () => import("../../commands/completion.js"),
  },
  "auth login": {
    summary: "Sign a user in through every challenge and store the tokens",
    load: () => import("../../commands/auth/login.js"),
  },
  "auth tokens": {
    summary: "Print the stored tokens of a session (or their decoded claims)",
    load: () => import("../../commands/auth/tokens.js"),
  },
  "auth refresh": {
    summary: "Refresh a stored session's tokens with its refresh token",
    load: () => import("../../commands/auth/refresh.js"),
  },
  "auth whoami": {
    summary: "Show the signed-in user (GetUser with the stored session)",
    load: () => import("../../commands/auth/whoami.js"),
  },
  "auth list": {
    summary: "List stored sessions (without their tokens)",
    load: () => import("../../commands/auth/list.js"),
  },
  "auth logout": {
    summary: "Revoke a session's tokens (or sign out everywhere) and forget them",
    load: () => import("../../commands/auth/logout.js"),
  },
  "local serve": {
    summary: "Run the embedded user-pools endpoint over HTTP",
    load: () => import("../../commands/local/serve.js"),
  },
  "local status": {
    summary: "Show where the embedded endpoint's data lives and what it holds",
    load: () => import("../../commands/local/status.js"),
  },
  "local messages": {
    summary: "Show the emails and SMS the embedded endpoint would have sent (codes, invitations)",
    load: () => import("../../commands/local/messages.js"),
  },
  "local reset": {
    summary: "Delete everything the embedded endpoint stores",
    load: () => import("../../commands/local/reset.js"),
  },
  "auth sign-up": {
    summary: "Sign a new user up, then confirm the account with the code sent",
    load: () => import("../../commands/auth/sign-up.js"),
  },
  "auth confirm-sign-up": {
    summary: "Confirm a signed-up account with its code (or --resend one)",
    load: () => import("../../commands/auth/confirm-sign-up.js"),
  },
  "auth forgot-password": {
    summary: "Reset a forgotten password: send a code, then set a new password with it",
    load: () => import("../../commands/auth/forgot-password.js"),
  },
  "auth change-password": {
    summary: "Change the signed-in user's password",
    load: () => import("../../commands/auth/change-password.js"),
  },
  "auth mfa setup": {
    summary: "Set up a second factor (totp, sms or email) for the signed-in user",
    load: () => import("../../commands/auth/mfa/setup.js"),
  },
  "auth mfa prefer": {
    summary: "Choose the preferred second factor of the signed-in user",
    load: () => import("../../commands/auth/mfa/prefer.js"),
  },
  "auth devices list": {
    summary: "List the signed-in user's devices",
    load: () => import("../../commands/auth/devices/list.js"),
  },
  "auth devices forget": {
    summary: "Forget a device (by default this machine's remembered device)",
    load: () => import("../../commands/auth/devices/forget.js"),
  },
  "import-jobs upload": {
    summary: "Upload a users CSV to an import job's presigned URL (then --start it)",
    load: () => import("../../commands/import-jobs/upload.js"),
  },
  "users list": {
    summary: "List a pool's users (filter by group, status, enabled or any attribute)",
    load: () => import("../../commands/users/list.js"),
  },
  "users show": {
    summary: "Show a user (by username, email, phone or sub): status, attributes, MFA, groups, devices",
    load: () => import("../../commands/users/show.js"),
  },
  "users create": {
    summary: "Create a user (invited by email/SMS, or --suppress) and add it to groups",
    load: () => import("../../commands/users/create.js"),
  },
  "users disable": {
    summary: "Disable users so they can no longer sign in (asks first)",
    load: () => import("../../commands/users/disable.js"),
  },
  "users enable": {
    summary: "Enable users that were disabled",
    load: () => import("../../commands/users/enable.js"),
  },
  "users delete": {
    summary: "Delete users for good (asks first; several users: type the pool name)",
    load: () => import("../../commands/users/delete.js"),
  },
  "users resend-invite": {
    summary: "Send a user's invitation again, with a new temporary password",
    load: () => import("../../commands/users/resend-invite.js"),
  },
  "users set-password": {
    summary: "Set a user's password (permanent, or --temporary to force a change at sign-in)",
    load: () => import("../../commands/users/set-password.js"),
  },
  "users sign-out": {
    summary: "Sign users out everywhere: revoke all their refresh tokens (asks first)",
    load: () => import("../../commands/users/sign-out.js"),
  },
  "users confirm": {
    summary: "Confirm signed-up (UNCONFIRMED) users without their code",
    load: () => import("../../commands/users/confirm.js"),
  },
  "users reset-password": {
    summary: "Make a user reset their password with a code sent to them",
    load: () => import("../../commands/users/reset-password.js"),
  },
  "users update": {
    summary: "Set or remove a user's attributes",
    load: () => import("../../commands/users/update.js"),
  },
  "groups add": {
    summary: "Add users to a group",
    load: () => import("../../commands/groups/add.js"),
  },
  "groups list": {
    summary: "List a pool's groups",
    load: () => import("../../commands/groups/list.js"),
  },
};

/** The command for the words typed, or undefined; own entries only (`cogctl constructor` is unknown). */
export function findHandWritten(words: string): { summary: string; load: Loader } | undefined {
  return Object.hasOwn(handWrittenCommands, words) ? handWrittenCommands[words] : undefined;
}
