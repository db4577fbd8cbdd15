// Tokens (COGNITO-FACTS §7): RS256 ID and access tokens signed with the data directory's keys
// (keys.ts), lifetimes from the app client, and opaque refresh tokens. Each sign-in is one row of
// refresh_tokens keyed by its origin_jti; the ID and access tokens of that sign-in (and of every
// refresh of it) carry the same origin_jti, so revoking the row (RevokeToken, GlobalSignOut,
// AdminUserGlobalSignOut, a password reset) revokes them all. Only a SHA-256 of a refresh token is
// stored.
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { type JWTPayload, errors as joseErrors, jwtVerify, SignJWT } from "jose";
import { NotAuthorizedException } from "../errors.js";
import type { Db } from "../store/database.js";
import type { ClientData } from "./clients.js";
import type { Clock } from "./clock.js";
import type { KeysService, KeyUse } from "./keys.js";
import type { Pool } from "./pools.js";
import type { User } from "./users.js";

const UNIT_SECONDS: Record<string, number> = { seconds: 1, minutes: 60, hours: 3600, days: 86400 };

export interface AuthenticationResult {
  AccessToken: string;
  IdToken: string;
  RefreshToken?: string;
  ExpiresIn: number;
  TokenType: "Bearer";
  NewDeviceMetadata?: { DeviceKey: string; DeviceGroupKey: string };
}

export interface IssueOptions {
  /** The endpoint's base URL: `iss` is `<baseUrl>/<poolId>`. */
  baseUrl: string;
  deviceKey?: string;
  /** A refresh keeps the sign-in's origin_jti and auth_time; a sign-in makes new ones. */
  refreshOf?: RefreshRecord;
  /** OAuth 2.0 (the pool domain's /oauth2/token): the granted scopes, space-separated. */
  scope?: string;
  /** OAuth 2.0: the authorize request's nonce, echoed in the ID token. */
  nonce?: string;
  /** OAuth 2.0: when the managed-login session signed in (epoch seconds), for auth_time. */
  authTime?: number;
}

/** What a client_credentials grant answers (COGNITO-FACTS §12): an access token only. */
export interface ClientCredentialsResult {
  AccessToken: string;
  ExpiresIn: number;
}

/** OIDC at_hash: the left half of the SHA-256 of the access token, base64url. */
export const atHash = (accessToken: string): string =>
  createHash("sha256").update(accessToken).digest().subarray(0, 16).toString("base64url");

export interface RefreshRecord {
  originJti: string;
  poolId: string;
  usernameKey: string;
  sub: string;
  clientId: string;
  deviceKey?: string;
  authTime: number;
  expires: number;
  revoked: boolean;
  created: number;
}

/** One sign-in as ListUserSessions shows it: its refresh record plus the stored hash and last refresh. */
export interface SignInRecord extends RefreshRecord {
  tokenHash: string;
  /** Epoch ms of the last refresh, or of the sign-in when never refreshed. */
  lastActive: number;
}

/** What a valid access token says, after signature, expiry and revocation checks. */
export interface AccessClaims {
  poolId: string;
  sub: string;
  username: string;
  clientId: string;
  originJti: string;
  /** When the sign-in happened (epoch ms), for revocations recorded as a time (AdminDisableUser). */
  signedInAt: number;
  deviceKey?: string;
  scope: string;
  payload: JWTPayload;
}

export const tokenHash = (token: string): string => createHash("sha256").update(token).digest("base64url");

/** Seconds a client's token of this kind lives (defaults: 1 hour for ID/access, 30 days refresh). */
export function validitySeconds(
  client: ClientData,
  kind: "AccessToken" | "IdToken" | "RefreshToken",
): number {
  const value = client[`${kind}Validity` as const];
  const unit = client.TokenValidityUnits?.[kind] ?? (kind === "RefreshToken" ? "days" : "hours");
  if (value === undefined || value === null) return kind === "RefreshToken" ? 30 * 86400 : 3600;
  return value * UNIT_SECONDS[unit];
}

export class TokensService {
  private readonly s;
  constructor(
    db: Db,
    private readonly clock: Clock,
    private readonly keys: KeysService,
  ) {
    this.s = {
      insert: db.prepare(
        "INSERT INTO refresh_tokens (token_hash, origin_jti, pool_id, username_key, sub, client_id, device_key, auth_time, expires, revoked, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)",
      ),
      byHash: db.prepare(
        "SELECT origin_jti AS originJti, pool_id AS poolId, username_key AS usernameKey, sub, client_id AS clientId, device_key AS deviceKey, auth_time AS authTime, expires, revoked, created FROM refresh_tokens WHERE token_hash = ?",
      ),
      origin: db.prepare("SELECT revoked, created FROM refresh_tokens WHERE origin_jti = ?"),
      revokeHash: db.prepare("UPDATE refresh_tokens SET revoked = 1 WHERE token_hash = ?"),
      touch: db.prepare("UPDATE refresh_tokens SET last_active = ? WHERE origin_jti = ?"),
      userSignIns: db.prepare(
        "SELECT token_hash AS tokenHash, origin_jti AS originJti, pool_id AS poolId, username_key AS usernameKey, sub, client_id AS clientId, device_key AS deviceKey, auth_time AS authTime, expires, revoked, created, COALESCE(last_active, created) AS lastActive FROM refresh_tokens WHERE pool_id = ? AND username_key = ? AND revoked = 0 AND expires >= ? ORDER BY created DESC, origin_jti",
      ),
      revokeUser: db.prepare("UPDATE refresh_tokens SET revoked = 1 WHERE pool_id = ? AND username_key = ?"),
      groups: db
        .prepare(
          "SELECT group_name FROM group_members WHERE pool_id = ? AND username_key = ? ORDER BY group_name",
        )
        .pluck(),
    };
  }

  /** ID + access token (and a refresh token for a new sign-in). */
  async issue(pool: Pool, client: ClientData, user: User, opts: IssueOptions): Promise<AuthenticationResult> {
    const nowMs = this.clock().getTime();
    const now = Math.floor(nowMs / 1000);
    const iss = `${opts.baseUrl}/${pool.id}`;
    const originJti = opts.refreshOf?.originJti ?? randomUUID();
    const authTime = opts.refreshOf?.authTime ?? opts.authTime ?? now;
    const deviceKey = opts.refreshOf?.deviceKey ?? opts.deviceKey;
    const eventId = randomUUID();
    const groups = this.s.groups.all(pool.id, user.usernameKey) as string[];
    const accessLife = validitySeconds(client, "AccessToken");
    const idLife = validitySeconds(client, "IdToken");

    const access: JWTPayload = {
      sub: user.sub,
      ...(groups.length ? { "cognito:groups": groups } : {}),
      ...(deviceKey ? { device_key: deviceKey } : {}),
      iss,
      client_id: client.ClientId,
      origin_jti: originJti,
      event_id: eventId,
      token_use: "access",
      scope: opts.scope ?? "aws.cognito.signin.user.admin",
      auth_time: authTime,
      exp: now + accessLife,
      iat: now,
      jti: randomUUID(),
      username: user.username,
    };
    const id: JWTPayload = {
      sub: user.sub,
      ...(groups.length ? { "cognito:groups": groups } : {}),
      ...idTokenAttributes(user, client),
      iss,
      "cognito:username": user.username,
      ...(opts.nonce !== undefined ? { nonce: opts.nonce } : {}),
      origin_jti: originJti,
      aud: client.ClientId,
      event_id: eventId,
      token_use: "id",
      auth_time: authTime,
      exp: now + idLife,
      iat: now,
      jti: randomUUID(),
    };
    // OAuth tokens (scope given) bind the ID token to its access token by at_hash, as the pool domain's do.
    const AccessToken = await this.sign("access", access);
    if (opts.scope !== undefined) id.at_hash = atHash(AccessToken);
    const IdToken = await this.sign("id", id);
    const result: AuthenticationResult = { AccessToken, ExpiresIn: accessLife, TokenType: "Bearer", IdToken };
    if (!opts.refreshOf) {
      // Opaque: clients must not read it. 96 random bytes make a token of Cognito's order of length.
      const refresh = randomBytes(96).toString("base64url");
      const expires = nowMs + validitySeconds(client, "RefreshToken") * 1000;
      this.s.insert.run(
        tokenHash(refresh),
        originJti,
        pool.id,
        user.usernameKey,
        user.sub,
        client.ClientId,
        deviceKey ?? null,
        authTime,
        expires,
        nowMs,
      );
      result.RefreshToken = refresh;
    } else {
      this.s.touch.run(nowMs, originJti);
    }
    return result;
  }

  /**
   * A client_credentials access token (COGNITO-FACTS §12): sub and client_id are the app client, no
   * username, no sign-in behind it (so nothing to revoke; it lives its AccessTokenValidity).
   */
  async issueClientCredentials(
    pool: Pool,
    client: ClientData,
    scope: string,
    baseUrl: string,
  ): Promise<ClientCredentialsResult> {
    const now = Math.floor(this.clock().getTime() / 1000);
    const life = validitySeconds(client, "AccessToken");
    const AccessToken = await this.sign("access", {
      sub: client.ClientId,
      token_use: "access",
      scope,
      auth_time: now,
      iss: `${baseUrl}/${pool.id}`,
      exp: now + life,
      iat: now,
      version: 2,
      jti: randomUUID(),
      client_id: client.ClientId,
    });
    return { AccessToken, ExpiresIn: life };
  }

  /** The sign-in a refresh token belongs to, or undefined for a token this endpoint never issued. */
  findRefresh(token: string): RefreshRecord | undefined {
    const row = this.s.byHash.get(tokenHash(token)) as
      | (Omit<RefreshRecord, "revoked"> & { revoked: number })
      | undefined;
    if (!row) return undefined;
    return { ...row, deviceKey: row.deviceKey ?? undefined, revoked: row.revoked === 1 };
  }

  isExpired(record: RefreshRecord): boolean {
    return record.expires < this.clock().getTime();
  }

  revokeRefresh(token: string): void {
    this.revokeSignIn(tokenHash(token));
  }

  /** Revokes one sign-in by its stored hash (RevokeUserSession): the same effect as RevokeToken. */
  revokeSignIn(hash: string): void {
    this.s.revokeHash.run(hash);
  }

  /** The user's sign-ins that are neither revoked nor expired, newest first. */
  signIns(poolId: string, usernameKey: string): SignInRecord[] {
    const rows = this.s.userSignIns.all(poolId, usernameKey, this.clock().getTime()) as (Omit<
      SignInRecord,
      "revoked" | "deviceKey"
    > & { deviceKey: string | null })[];
    return rows.map((r) => ({ ...r, deviceKey: r.deviceKey ?? undefined, revoked: false }));
  }

  /** True when the user's tokens were revoked wholesale after this sign-in (AdminDisableUser records tokensRevokedAt). */
  static revokedByUser(user: User, signedInAt: number): boolean {
    const at = user.data.tokensRevokedAt;
    return typeof at === "number" && signedInAt < at;
  }

  /** GlobalSignOut / AdminUserGlobalSignOut / password resets: every sign-in of the user. */
  revokeUser(pool: Pool, user: User): void {
    this.s.revokeUser.run(pool.id, user.usernameKey);
  }

  /**
   * Checks an access token: signature with this directory's access key, token_use, expiry,
   * revocation of its sign-in. Throws NotAuthorizedException with the service's messages.
   */
  async verifyAccess(token: string): Promise<AccessClaims> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(
        token,
        async (header) => {
          const key = await this.keys.signingKey("access");
          if (header.kid !== key.kid) throw new NotAuthorizedException("Invalid Access Token");
          return key.publicKey;
        },
        { algorithms: ["RS256"], currentDate: this.clock() },
      ));
    } catch (err) {
      if (err instanceof joseErrors.JWTExpired) throw new NotAuthorizedException("Access Token has expired");
      throw new NotAuthorizedException("Invalid Access Token");
    }
    if (
      payload.token_use !== "access" ||
      typeof payload.iss !== "string" ||
      typeof payload.origin_jti !== "string"
    ) {
      throw new NotAuthorizedException("Invalid Access Token");
    }
    const origin = this.s.origin.get(payload.origin_jti) as { revoked: number; created: number } | undefined;
    if (origin?.revoked !== 0) throw new NotAuthorizedException("Access Token has been revoked");
    return {
      poolId: payload.iss.slice(payload.iss.lastIndexOf("/") + 1),
      sub: String(payload.sub),
      username: String(payload.username),
      clientId: String(payload.client_id),
      originJti: payload.origin_jti,
      signedInAt: origin.created,
      deviceKey: typeof payload.device_key === "string" ? payload.device_key : undefined,
      scope: String(payload.scope ?? ""),
      payload,
    };
  }

  private async sign(use: KeyUse, payload: JWTPayload): Promise<string> {
    const key = await this.keys.signingKey(use);
    return new SignJWT(payload).setProtectedHeader({ kid: key.kid, alg: "RS256" }).sign(key.privateKey);
  }
}

/** The user's attributes as ID-token claims: *_verified as booleans, identities as JSON, the rest strings. */
function idTokenAttributes(user: User, client: ClientData): Record<string, unknown> {
  const readable = client.ReadAttributes?.length ? new Set(client.ReadAttributes) : undefined;
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(user.attributes)) {
    if (name === "sub" || (readable && !readable.has(name))) continue;
    if (name === "email_verified" || name === "phone_number_verified") out[name] = value === "true";
    else if (name === "identities") {
      try {
        out[name] = JSON.parse(value);
      } catch {
        out[name] = value;
      }
    } else out[name] = value;
  }
  return out;
}
