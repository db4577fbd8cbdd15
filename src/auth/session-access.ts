// Picking the stored session a command acts on, refreshed first when its tokens have expired.
// The rule (docs/auth.md): sessions of the active profile that came from the same endpoint, narrowed
// by --user-pool-id/--client-id/--username (or COGCTL_AUTH_POOL/CLIENT/USER); the most recently
// signed-in or refreshed one wins.

import type { CognitoCall } from "../kernel/cognito-call.js";
import type { Context } from "../kernel/context.js";
import { type ClientSecretOptions, givenClientSecret, SecretHasher } from "./client-secret.js";
import { refreshSession } from "./refresh.js";
import {
  chooseSession,
  endpointLabel,
  type SessionFilter,
  type StoredSession,
  saveSession,
  sessionProfile,
} from "./session-store.js";

/** Tokens this close to expiry are refreshed first, so they do not die in flight. */
const EXPIRY_MARGIN_MS = 60_000;

export interface SessionChoice {
  userPoolId?: string;
  clientId?: string;
  username?: string;
}

export function sessionFilter(
  ctx: Pick<Context, "globals" | "io">,
  choice: SessionChoice = {},
): SessionFilter {
  const env = ctx.io.env;
  return {
    profile: sessionProfile(ctx.globals.profile, env),
    endpoint: endpointLabel(ctx.globals),
    userPoolId: choice.userPoolId ?? env.COGCTL_AUTH_POOL,
    clientId: choice.clientId ?? env.COGCTL_AUTH_CLIENT,
    username: choice.username ?? env.COGCTL_AUTH_USER,
  };
}

export function isExpired(session: StoredSession, now: Date): boolean {
  return new Date(session.expiresAt).getTime() - now.getTime() < EXPIRY_MARGIN_MS;
}

/** The chosen session; refreshed (and saved) when expired and it has a refresh token. */
export async function freshSession(
  ctx: Context,
  call: CognitoCall,
  choice: SessionChoice = {},
  secretOpts: ClientSecretOptions = {},
): Promise<StoredSession> {
  const session = await chooseSession(ctx.paths.configDir, sessionFilter(ctx, choice));
  const now = ctx.clock();
  if (!isExpired(session, now) || !session.refreshToken) return session;
  return refreshAndSave(ctx, call, session, secretOpts);
}

export async function refreshAndSave(
  ctx: Context,
  call: CognitoCall,
  session: StoredSession,
  secretOpts: ClientSecretOptions = {},
): Promise<StoredSession> {
  const secret = await givenClientSecret(secretOpts, ctx.io.env);
  let refreshed: StoredSession;
  if (session.oauthDomain && session.refreshToken) {
    // A browser sign-in: its refresh token goes back to the domain's token endpoint it came from.
    const { refreshAtDomain } = await import("./oauth/session-oauth.js");
    refreshed = await refreshAtDomain(
      ctx,
      call,
      { ...session, oauthDomain: session.oauthDomain, refreshToken: session.refreshToken },
      secret,
      ctx.clock,
    );
  } else {
    const hasher = new SecretHasher(call, session.userPoolId, session.clientId, secret);
    refreshed = await refreshSession(session, call, hasher, ctx.clock());
  }
  await saveSession(ctx.paths.configDir, refreshed);
  return refreshed;
}
