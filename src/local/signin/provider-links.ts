// Linking external identity-provider users to native users (AdminLinkProviderForUser /
// AdminDisableProviderForUser). A link is kept where Cognito shows it: the destination user's
// `identities` attribute (a JSON array), which also appears in that user's ID tokens.

import type { Pool } from "../services/pools.js";
import type { Db } from "../store/database.js";

export interface Identity {
  userId: string;
  providerName: string;
  providerType: string;
  issuer: null;
  primary: boolean;
  dateCreated: number;
}

export function parseIdentities(value: string | undefined): Identity[] {
  if (!value) return [];
  try {
    const v = JSON.parse(value);
    return Array.isArray(v) ? (v as Identity[]) : [];
  } catch {
    return [];
  }
}

/** Usernames of users whose identities mention the provider user (candidates; callers check exactly). */
export function usersLinkedTo(db: Db, pool: Pool, providerUserId: string): string[] {
  return db
    .prepare(
      "SELECT username FROM users WHERE pool_id = ? AND json_extract(attributes, '$.identities') LIKE ?",
    )
    .pluck()
    .all(pool.id, `%${providerUserId}%`) as string[];
}
