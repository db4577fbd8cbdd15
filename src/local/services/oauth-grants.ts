// The pool domain's OAuth 2.0 state, kept in pool_resources so that it survives a restart of
// `local serve` and is shared by every process on the data directory (no schema migration needed):
// - authorization codes: single-use (taking one deletes its row in the same statement that reads
//   it), valid CODE_LIFETIME_MS like Cognito's;
// - managed-login sessions: what the `cognito` cookie stands for, valid LOGIN_LIFETIME_MS;
// - the scopes granted with a code-flow refresh token, so a refresh keeps them.
// Only SHA-256 hashes of codes, cookies and refresh tokens are stored, as for refresh tokens.
import type { Db } from "../store/database.js";
import type { Clock } from "./clock.js";
import type { Pool } from "./pools.js";
import type { ResourcesService } from "./resources.js";
import { tokenHash } from "./tokens.js";

/** Cognito's authorization codes are valid for 5 minutes. */
export const CODE_LIFETIME_MS = 5 * 60_000;
/** The managed-login session cookie lasts an hour, as the service's does. */
export const LOGIN_LIFETIME_MS = 60 * 60_000;

export interface CodeGrant {
  clientId: string;
  redirectUri: string;
  scope: string;
  nonce?: string;
  codeChallenge?: string;
  usernameKey: string;
  sub: string;
  /** Epoch seconds of the managed-login sign-in. */
  authTime: number;
  expires: number;
}

export interface LoginSession {
  usernameKey: string;
  sub: string;
  authTime: number;
  expires: number;
}

export class OAuthGrants {
  private readonly s;
  constructor(
    db: Db,
    private readonly clock: Clock,
    private readonly resources: ResourcesService,
  ) {
    this.s = {
      take: db.prepare(
        "DELETE FROM pool_resources WHERE pool_id = ? AND kind = 'oauth-code' AND key = ? RETURNING data",
      ),
      expire: db.prepare(
        "DELETE FROM pool_resources WHERE kind IN ('oauth-code', 'oauth-login') AND json_extract(data, '$.expires') < ?",
      ),
    };
  }

  putCode(pool: Pool, code: string, grant: Omit<CodeGrant, "expires">): void {
    const now = this.clock().getTime();
    // Expired codes and cookies are cleared here: both are short-lived, and no timer is needed.
    this.s.expire.run(now);
    this.resources.put(pool.id, "oauth-code", tokenHash(code), { ...grant, expires: now + CODE_LIFETIME_MS });
  }

  /** The code's grant, consumed: a second call with the same code finds nothing. */
  takeCode(pool: Pool, code: string): CodeGrant | undefined {
    const raw = this.s.take.pluck().get(pool.id, tokenHash(code)) as string | undefined;
    if (!raw) return undefined;
    const grant = JSON.parse(raw) as CodeGrant;
    return grant.expires < this.clock().getTime() ? undefined : grant;
  }

  putLogin(pool: Pool, cookie: string, session: Omit<LoginSession, "expires">): void {
    const expires = this.clock().getTime() + LOGIN_LIFETIME_MS;
    this.resources.put(pool.id, "oauth-login", tokenHash(cookie), { ...session, expires });
  }

  findLogin(pool: Pool, cookie: string): LoginSession | undefined {
    const found = this.resources.get<LoginSession>(pool.id, "oauth-login", tokenHash(cookie))?.data;
    return found && found.expires >= this.clock().getTime() ? found : undefined;
  }

  deleteLogin(pool: Pool, cookie: string): void {
    this.resources.delete(pool.id, "oauth-login", tokenHash(cookie));
  }

  /** Remembers the scopes granted with a refresh token (by its hash). */
  putGrantScope(pool: Pool, refreshToken: string, scope: string): void {
    this.resources.put(pool.id, "oauth-grant", tokenHash(refreshToken), { scope });
  }

  grantScope(pool: Pool, refreshToken: string): string | undefined {
    return this.resources.get<{ scope: string }>(pool.id, "oauth-grant", tokenHash(refreshToken))?.data.scope;
  }
}
