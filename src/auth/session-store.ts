// Signed-in sessions: one 0600 JSON file per profile, pool, app client and user under
// <configDir>/sessions (see docs/auth.md). Tokens live only here; nothing else writes them to disk.
import { join } from "node:path";
import { UsageError } from "../cli/errors.js";
import { readPrivateJsonFiles, removeFile, safeName, writePrivateJson } from "./secure-file.js";

export interface StoredSession {
  version: 1;
  profile: string;
  userPoolId: string;
  clientId: string;
  /** The user's real username (cognito:username), whatever alias was typed at sign-in. */
  username: string;
  /** Where the tokens came from: "local" (--local), an --endpoint-url, or undefined for AWS. */
  endpoint?: string;
  region?: string;
  idToken?: string;
  accessToken: string;
  refreshToken?: string;
  /** When the ID and access tokens expire (ISO 8601). */
  expiresAt: string;
  signedInAt: string;
  /** Updated on sign-in and refresh: the most recent session is the default one. */
  updatedAt: string;
  deviceKey?: string;
}

export interface SessionFilter {
  profile: string;
  /** Where the session must come from ("local", an endpoint URL, or undefined for AWS): tokens go back only where they were issued. */
  endpoint?: string | null;
  userPoolId?: string;
  clientId?: string;
  username?: string;
}

export const sessionsDir = (configDir: string) => join(configDir, "sessions");

function fileName(s: Pick<StoredSession, "profile" | "userPoolId" | "clientId" | "username">): string {
  return `${[s.profile, s.userPoolId, s.clientId, s.username].map(safeName).join(".")}.json`;
}

export async function saveSession(configDir: string, session: StoredSession): Promise<void> {
  await writePrivateJson(sessionsDir(configDir), fileName(session), session);
}

export async function deleteSession(configDir: string, session: StoredSession): Promise<void> {
  await removeFile(sessionsDir(configDir), fileName(session));
}

/** Sessions matching the filter, most recently used first. */
export async function listSessions(
  configDir: string,
  filter?: Partial<SessionFilter>,
): Promise<StoredSession[]> {
  const all = (await readPrivateJsonFiles<StoredSession>(sessionsDir(configDir)))
    .map((f) => f.value)
    .filter((s) => s && s.version === 1 && typeof s.accessToken === "string");
  return all
    .filter(
      (s) =>
        (!filter?.profile || s.profile === filter.profile) &&
        (filter?.endpoint === undefined || (s.endpoint ?? null) === filter.endpoint) &&
        (!filter?.userPoolId || s.userPoolId === filter.userPoolId) &&
        (!filter?.clientId || s.clientId === filter.clientId) &&
        (!filter?.username || s.username === filter.username),
    )
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}

/**
 * The session a command acts on: the most recently signed-in (or refreshed) one of the profile
 * that matches whatever the user narrowed it down with. None is a UsageError saying how to sign in.
 */
export async function chooseSession(configDir: string, filter: SessionFilter): Promise<StoredSession> {
  const found = await listSessions(configDir, filter);
  if (found.length === 0) {
    const narrowed = [
      filter.userPoolId && `pool ${filter.userPoolId}`,
      filter.clientId && `client ${filter.clientId}`,
      filter.username && `user ${filter.username}`,
    ].filter(Boolean);
    const where =
      filter.endpoint === undefined
        ? ""
        : ` at ${filter.endpoint === null ? "AWS" : filter.endpoint === "local" ? "the embedded endpoint (--local)" : filter.endpoint}`;
    throw new UsageError(
      `No stored session for profile '${filter.profile}'${where}${narrowed.length ? ` (${narrowed.join(", ")})` : ""}. Sign in first with 'cogctl auth login', or list sessions with 'cogctl auth list'.`,
    );
  }
  return found[0];
}

/** The profile sessions are filed under: --profile, AWS_PROFILE, else "default". */
export function sessionProfile(
  profile: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): string {
  return profile || env.AWS_PROFILE || "default";
}

/** The endpoint label sessions are filed under for these global options. */
export function endpointLabel(globals: { local: boolean; endpointUrl?: string }): string | null {
  return globals.local ? "local" : (globals.endpointUrl ?? null);
}
