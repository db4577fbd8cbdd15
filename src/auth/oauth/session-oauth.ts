// Refreshing and revoking a session that came from the pool domain (`auth login --web`) through the
// same domain's /oauth2/token (grant_type refresh_token) and /oauth2/revoke. A confidential client
// authenticates with its secret: the one given, else (when the endpoint refuses the client without
// it) the one DescribeUserPoolClient reads, once, as for SECRET_HASH.
import type { CognitoCall } from "../../kernel/cognito-call.js";
import type { Context } from "../../kernel/context.js";
import { ServiceError } from "../../kernel/errors.js";
import type { StoredSession } from "../session-store.js";
import { requestToken, revokeToken } from "./token-endpoint.js";

type Ctx = Pick<Context, "printer" | "globals">;

async function withSecret<T>(
  call: CognitoCall,
  session: StoredSession,
  secret: string | undefined,
  attempt: (secret: string | undefined) => Promise<T>,
): Promise<T> {
  try {
    return await attempt(secret);
  } catch (err) {
    if (secret !== undefined || !(err instanceof ServiceError) || err.code !== "invalid_client") throw err;
    const described = await call("DescribeUserPoolClient", {
      UserPoolId: session.userPoolId,
      ClientId: session.clientId,
    }).catch(() => undefined);
    const found = described?.UserPoolClient?.ClientSecret;
    if (typeof found !== "string" || !found) throw err;
    return attempt(found);
  }
}

export async function refreshAtDomain(
  ctx: Ctx,
  call: CognitoCall,
  session: StoredSession & { oauthDomain: string; refreshToken: string },
  secret: string | undefined,
  now: () => Date,
): Promise<StoredSession> {
  const domain = session.oauthDomain;
  const t = await withSecret(call, session, secret, (clientSecret) =>
    requestToken(
      ctx,
      domain,
      { grant_type: "refresh_token", refresh_token: session.refreshToken },
      { clientId: session.clientId, clientSecret },
    ),
  );
  const at = now();
  return {
    ...session,
    accessToken: t.access_token,
    idToken: t.id_token ?? session.idToken,
    refreshToken: t.refresh_token ?? session.refreshToken,
    expiresAt: new Date(at.getTime() + (t.expires_in ?? 3600) * 1000).toISOString(),
    updatedAt: at.toISOString(),
  };
}

export async function revokeAtDomain(
  ctx: Ctx,
  call: CognitoCall,
  session: StoredSession & { oauthDomain: string; refreshToken: string },
  secret: string | undefined,
): Promise<void> {
  await withSecret(call, session, secret, (clientSecret) =>
    revokeToken(ctx, session.oauthDomain, session.refreshToken, { clientId: session.clientId, clientSecret }),
  );
}
