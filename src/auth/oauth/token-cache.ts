// The cache of `auth client-credentials`: one 0600 JSON file per profile, endpoint, pool, client,
// scope set and domain, under <stateDir>/oauth-tokens (0700), so a CI job that asks for a token at
// every step makes one request per token lifetime. The key holds no secret and nothing derived
// from one (a hash of the secret would let anyone who reads the file names test a guess): a
// rotated secret keeps using the cached token until it expires, as the token itself is still valid.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { removeFile, writePrivateJson } from "../../kernel/secure-file.js";

export interface CacheKey {
  profile: string;
  /** "local", an --endpoint-url, or "aws:<region>". */
  endpoint: string;
  userPoolId?: string;
  clientId: string;
  scopes: string[];
  domainUrl?: string;
}

export interface CachedToken {
  version: 1;
  key: CacheKey;
  accessToken: string;
  tokenType: string;
  scope?: string;
  /** When the token expires (ISO 8601). */
  expiresAt: string;
  /** After this (ISO 8601) the token is not handed out any more: it would die in the caller's hands. */
  reuseUntil: string;
  obtainedAt: string;
}

export const cacheDir = (stateDir: string) => join(stateDir, "oauth-tokens");

function fileName(key: CacheKey): string {
  const canonical = JSON.stringify([
    key.profile,
    key.endpoint,
    key.userPoolId ?? "",
    key.clientId,
    [...new Set(key.scopes)].sort(),
    key.domainUrl ?? "",
  ]);
  // The client id is readable in the name (to find or delete one by hand); the rest is hashed so a
  // name never grows with the scope list.
  const digest = createHash("sha256").update(canonical).digest("hex").slice(0, 32);
  return `${key.clientId.replace(/[^A-Za-z0-9]/g, "_")}.${digest}.json`;
}

/** The cached token for this key when it may still be handed out at `now`. */
export async function readCached(
  stateDir: string,
  key: CacheKey,
  now: Date,
): Promise<CachedToken | undefined> {
  let entry: CachedToken;
  try {
    entry = JSON.parse(await readFile(join(cacheDir(stateDir), fileName(key)), "utf8")) as CachedToken;
  } catch {
    return undefined;
  }
  if (entry?.version !== 1 || typeof entry.accessToken !== "string") return undefined;
  return Date.parse(entry.reuseUntil) > now.getTime() ? entry : undefined;
}

export async function writeCached(stateDir: string, entry: CachedToken): Promise<void> {
  await writePrivateJson(cacheDir(stateDir), fileName(entry.key), entry);
}

export async function dropCached(stateDir: string, key: CacheKey): Promise<void> {
  await removeFile(cacheDir(stateDir), fileName(key));
}

/**
 * How long before expiry a token stops being handed out: a tenth of its lifetime, at least 30 s and
 * at most 5 minutes, so the step that receives it still has time to use it.
 */
export function reuseUntil(obtained: Date, expiresInSeconds: number): Date {
  const margin = Math.min(300, Math.max(30, expiresInSeconds / 10));
  return new Date(obtained.getTime() + Math.max(0, expiresInSeconds - margin) * 1000);
}
