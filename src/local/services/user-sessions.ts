// User sessions (ListUserSessions, AdminListUserSessions, RevokeUserSession, AdminRevokeUserSession).
// A session is one sign-in's refresh-token family as tokens.ts records it (one refresh_tokens row per
// origin_jti): a TOKEN session of one app client. There are no SSO sessions locally (no managed
// login), so RevokeAssociatedSessions LINKED revokes the same as NONE. The SessionId is derived from
// the sign-in's origin_jti ("tkn" + 25 lower-case hex characters), so nothing new is stored at
// sign-in. Revoking goes through TokensService.revokeSignIn, the statement RevokeToken uses, so the
// refresh token and the sign-in's access tokens are refused exactly as after RevokeToken.
import { createHash } from "node:crypto";
import { InvalidParameterException, ResourceNotFoundException } from "../errors.js";
import { OperationNotEnabledException } from "../errors-extras.js";
import { toEpochSeconds } from "./ids.js";
import type { Pool } from "./pools.js";
import type { SessionConfigService } from "./session-config.js";
import { type SignInRecord, TokensService } from "./tokens.js";
import type { User } from "./users.js";

/** The service returns a user's sessions in one page of at most 125. */
export const MAX_SESSIONS_LISTED = 125;

export const sessionIdOf = (originJti: string): string =>
  `tkn${createHash("sha256").update(originJti).digest("hex").slice(0, 25)}`;

export interface SessionDescription {
  SessionId: string;
  SessionType: "TOKEN";
  ClientId: string;
  CreateDate: number;
  LastActiveDate: number;
  IsCurrentSession: boolean;
}

export class UserSessionsService {
  constructor(
    private readonly tokens: TokensService,
    private readonly config: SessionConfigService,
  ) {}

  /** The user's active sessions, newest first; `currentOrigin` marks the caller's own. */
  list(pool: Pool, user: User, currentOrigin?: string): SessionDescription[] {
    this.requireTracking(pool);
    return this.active(pool, user)
      .slice(0, MAX_SESSIONS_LISTED)
      .map((s) => ({
        SessionId: sessionIdOf(s.originJti),
        SessionType: "TOKEN",
        ClientId: s.clientId,
        CreateDate: toEpochSeconds(s.created),
        LastActiveDate: toEpochSeconds(s.lastActive),
        IsCurrentSession: s.originJti === currentOrigin,
      }));
  }

  /**
   * Revokes one of the user's active sessions. `currentOrigin` is the caller's own sign-in
   * (RevokeUserSession), which cannot be the target.
   */
  revoke(pool: Pool, user: User, sessionId: string, currentOrigin?: string): void {
    this.requireTracking(pool);
    const target = this.active(pool, user).find((s) => sessionIdOf(s.originJti) === sessionId);
    if (!target) throw new ResourceNotFoundException("Session not found.");
    if (target.originJti === currentOrigin) {
      throw new InvalidParameterException("The session of the access token in the request can't be revoked.");
    }
    this.tokens.revokeSignIn(target.tokenHash);
  }

  private active(pool: Pool, user: User): SignInRecord[] {
    // AdminDisableUser revokes every sign-in older than user.data.tokensRevokedAt without marking rows.
    return this.tokens
      .signIns(pool.id, user.usernameKey)
      .filter((s) => s.sub === user.sub && !TokensService.revokedByUser(user, s.created));
  }

  private requireTracking(pool: Pool): void {
    if (!this.config.trackingEnabled(pool.id)) {
      throw new OperationNotEnabledException(
        "User session tracking is not enabled for this user pool. Enable it with SetUserPoolSessionConfiguration.",
      );
    }
  }
}
