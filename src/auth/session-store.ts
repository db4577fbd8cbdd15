// Signed-in sessions: one 0600 JSON file per profile, pool, app client and user under
// <configDir>/sessions (see docs/auth.md). Tokens live only here; nothing else writes them to disk.

import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { UsageError } from "../kernel/errors.js";
import { readPrivateJsonFiles, removeFile, safeName, writePrivateJson } from "../kernel/secure-file.js";
import { knownNames, userLabel } from "./user-names.js";

export interface StoredSession {
  version: 1;
  profile: string;
  userPoolId: string;
  clientId: string;
  /** The user's real username (cognito:username), whatever alias was typed at sign-in. */
  username: string;
  /** The name typed at sign-in (an email, phone number or alias); absent in sessions from before it was kept. */
  typedUsername?: string;
  /** The ID token's email (or, without one, phone_number) claim, kept to name the user to people. */
  email?: string;
  phoneNumber?: string;
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
  /**
   * The base URL of the pool domain a browser sign-in (`auth login --web`) went through: its
   * /oauth2/token refreshes the session and its /oauth2/revoke signs it out.
   */
  oauthDomain?: string;
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
/** Which session is the default one, per profile and endpoint (see DefaultMarker). */
const defaultsDir = (configDir: string) => join(configDir, "default-sessions");

type SessionKey = Pick<StoredSession, "profile" | "userPoolId" | "clientId" | "username">;

/**
 * The default session of a profile at an endpoint: the last one signed in. Kept apart from the
 * sessions so that signing out of it leaves no default (`session: null`) instead of silently
 * promoting the next most recent session, which a second `auth logout` would then sign out.
 */
interface DefaultMarker {
  version: 1;
  session: SessionKey | null;
  /** Who the default was when it was signed out, to say so. */
  signedOut?: string;
}

function fileName(s: SessionKey): string {
  return `${[s.profile, s.userPoolId, s.clientId, s.username].map(safeName).join(".")}.json`;
}

export async function saveSession(configDir: string, session: StoredSession): Promise<void> {
  await writePrivateJson(sessionsDir(configDir), fileName(session), session);
}

/** Forgets a session; if it was the default (recorded, or the most recent one before any was), none is left. */
export async function deleteSession(configDir: string, session: StoredSession): Promise<void> {
  const wasDefault = await isDefault(configDir, session);
  await removeFile(sessionsDir(configDir), fileName(session));
  if (wasDefault)
    await writeDefault(configDir, session.profile, session.endpoint ?? null, {
      version: 1,
      session: null,
      signedOut: userLabel(session),
    });
}

const markerName = (profile: string, endpoint: string | null) =>
  `${[profile, endpoint ?? "aws"].map(safeName).join(".")}.json`;

async function readDefault(
  configDir: string,
  profile: string,
  endpoint: string | null,
): Promise<DefaultMarker | undefined> {
  try {
    const marker = JSON.parse(
      await readFile(join(defaultsDir(configDir), markerName(profile, endpoint)), "utf8"),
    ) as DefaultMarker;
    return marker?.version === 1 ? marker : undefined;
  } catch {
    // None yet (sessions from before the marker existed), or edited by hand: the most recent rules.
    return undefined;
  }
}

async function writeDefault(
  configDir: string,
  profile: string,
  endpoint: string | null,
  marker: DefaultMarker,
): Promise<void> {
  await writePrivateJson(defaultsDir(configDir), markerName(profile, endpoint), marker);
}

/** Makes this session the default of its profile and endpoint (a sign-in does). */
export async function makeDefault(configDir: string, session: StoredSession): Promise<void> {
  const { profile, userPoolId, clientId, username } = session;
  await writeDefault(configDir, profile, session.endpoint ?? null, {
    version: 1,
    session: { profile, userPoolId, clientId, username },
  });
}

/** --username finds a session by its username, the name typed at sign-in, or its email or phone. */
function answersTo(session: StoredSession, name: string): boolean {
  if (session.username === name) return true;
  const { typed, email, phone } = knownNames(session);
  return typed === name || phone === name || email?.toLowerCase() === name.toLowerCase();
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
        (!filter?.username || answersTo(s, filter.username)),
    )
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}

/**
 * The session a command acts on, among those of the profile and endpoint that match the flags: the
 * default one (the last signed in) if it matches, else the most recent match. With no flag to narrow
 * it down and the default signed out, there is none: another session is never taken in its place
 * (that is how a second `auth logout` signed out somebody else). None is a UsageError (exit 252,
 * nothing to act on) saying how to sign in, or which flag reaches sessions stored elsewhere.
 */
export async function chooseSession(configDir: string, filter: SessionFilter): Promise<StoredSession> {
  const found = await listSessions(configDir, filter);
  const marker =
    filter.endpoint === undefined ? undefined : await readDefault(configDir, filter.profile, filter.endpoint);
  const pointed = marker?.session ? fileName(marker.session) : undefined;
  const chosen = found.find((s) => fileName(s) === pointed);
  if (chosen) return chosen;
  const narrowed = Boolean(filter.userPoolId || filter.clientId || filter.username);
  if (found.length && (narrowed || !marker)) return found[0];
  if (found.length) {
    const gone = marker?.signedOut ? `${marker.signedOut} signed out` : "it is gone";
    throw new UsageError(
      `No default session for profile '${filter.profile}'${endpointText(filter.endpoint)}: ${gone}, and cogctl does not pick another one for you. Name the session with --username, --user-pool-id or --client-id (stored: ${found.map(userLabel).join("; ")}), or sign in again with 'cogctl auth login'.`,
    );
  }
  const narrowing = [
    filter.userPoolId && `pool ${filter.userPoolId}`,
    filter.clientId && `client ${filter.clientId}`,
    filter.username && `user ${filter.username}`,
  ].filter(Boolean);
  throw new UsageError(
    `No stored session for profile '${filter.profile}'${endpointText(filter.endpoint)}${narrowing.length ? ` (${narrowing.join(", ")})` : ""}. ${await elsewhereHint(configDir, filter)}Sign in first with 'cogctl auth login', or list sessions with 'cogctl auth list'.`,
  );
}

function endpointText(endpoint: string | null | undefined): string {
  if (endpoint === undefined) return "";
  return ` at ${endpoint === null ? "AWS" : endpoint === "local" ? "the embedded endpoint (--local)" : endpoint}`;
}

/** The global flags that select a session's profile and endpoint, e.g. `--local`, `--profile work --endpoint-url URL`. */
function flagsReaching(session: StoredSession, filter: SessionFilter): string {
  const endpoint = session.endpoint ?? null;
  const flags = [
    session.profile !== filter.profile && `--profile ${session.profile}`,
    endpoint === "local" && "--local",
    endpoint !== null && endpoint !== "local" && `--endpoint-url ${endpoint}`,
  ].filter(Boolean);
  if (endpoint === null && filter.endpoint !== null) flags.push("without --local or --endpoint-url");
  return flags.join(" ");
}

/** Sessions matching the flags but stored for another endpoint or profile: which flags reach them. */
async function elsewhereHint(configDir: string, filter: SessionFilter): Promise<string> {
  const { profile: _profile, endpoint: _endpoint, ...narrowing } = filter;
  const elsewhere = await listSessions(configDir, narrowing);
  if (elsewhere.length === 0) return "";
  const reach = new Map<string, string[]>();
  for (const s of elsewhere) {
    const flags = flagsReaching(s, filter);
    reach.set(flags, [...(reach.get(flags) ?? []), userLabel(s)]);
  }
  const lines = [...reach].map(([flags, users]) => `${flags} (${users.join("; ")})`);
  return `Sessions stored elsewhere are reached with: ${lines.join(", ")}. `;
}

/** For `auth list`: whether this session is the one chosen when no flag narrows the choice. */
export async function isDefault(configDir: string, session: StoredSession): Promise<boolean> {
  const filter = { profile: session.profile, endpoint: session.endpoint ?? null };
  const chosen = await chooseSession(configDir, filter).catch(() => undefined);
  return chosen !== undefined && fileName(chosen) === fileName(session);
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
