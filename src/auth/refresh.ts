// Refreshing a stored session with its refresh token (REFRESH_TOKEN_AUTH). Cognito returns a new
// refresh token only when rotation is on; otherwise the old one stays.

import type { CognitoCall } from "../kernel/cognito-call.js";
import { UsageError } from "../kernel/errors.js";
import type { SecretHasher } from "./client-secret.js";
import type { StoredSession } from "./session-store.js";
import type { AuthenticationResult } from "./types.js";
import { userLabel } from "./user-names.js";

export async function refreshSession(
  session: StoredSession,
  call: CognitoCall,
  hasher: SecretHasher,
  now: Date,
): Promise<StoredSession> {
  if (!session.refreshToken)
    throw new UsageError(
      `The session of ${userLabel(session)} has no refresh token; sign in again with 'cogctl auth login'.`,
    );
  const refreshToken = session.refreshToken;
  const out = await hasher.retrying(() => {
    const params: Record<string, string> = { REFRESH_TOKEN: refreshToken };
    hasher.add(params, session.username);
    if (session.deviceKey) params.DEVICE_KEY = session.deviceKey;
    return call("InitiateAuth", {
      AuthFlow: "REFRESH_TOKEN_AUTH",
      ClientId: session.clientId,
      AuthParameters: params,
    });
  });
  return updatedSession(session, out.AuthenticationResult as AuthenticationResult, now);
}

/** The session with the new tokens of an AuthenticationResult merged in. */
export function updatedSession(
  session: StoredSession,
  result: AuthenticationResult,
  now: Date,
): StoredSession {
  return {
    ...session,
    accessToken: result.AccessToken ?? session.accessToken,
    idToken: result.IdToken ?? session.idToken,
    refreshToken: result.RefreshToken ?? session.refreshToken,
    expiresAt: new Date(now.getTime() + (result.ExpiresIn ?? 3600) * 1000).toISOString(),
    updatedAt: now.toISOString(),
  };
}
