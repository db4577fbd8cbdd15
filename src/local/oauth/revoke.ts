// POST /oauth2/revoke (COGNITO-FACTS §12): revokes a refresh token and every token issued from it
// (its sign-in's origin_jti, as RevokeToken does). An unknown token is accepted silently (RFC 7009);
// an access or ID token is the wrong kind; another client's token is refused.
import {
  authenticateClient,
  type DomainContext,
  isForm,
  json,
  type OAuthRequest,
  type OAuthResponse,
  oauthError,
} from "./http.js";

const looksLikeJwt = (t: string) => /^eyJ[\w-]*\.[\w-]+\.[\w-]+$/.test(t);

export async function revoke(ctx: DomainContext, req: OAuthRequest): Promise<OAuthResponse> {
  if (req.method !== "POST") return oauthError("invalid_request", "Use POST.", 405, { allow: "POST" });
  if (!isForm(req))
    return oauthError("invalid_request", "The body must be application/x-www-form-urlencoded.");
  const form = new URLSearchParams(req.body);
  const auth = authenticateClient(ctx, req, form);
  if ("error" in auth) return auth.error;
  const token = form.get("token");
  if (!token) return oauthError("invalid_request", "token is missing.");
  if (auth.client.EnableTokenRevocation === false)
    return oauthError("unauthorized_client", "Token revocation is not enabled for this app client.");
  if (looksLikeJwt(token)) return oauthError("unsupported_token_type", "Only refresh tokens can be revoked.");
  const record = ctx.services.tokens.findRefresh(token);
  if (record && (record.clientId !== auth.client.ClientId || record.poolId !== ctx.pool.id))
    return oauthError("unauthorized_client", "The token was not issued to this client.");
  if (record) ctx.services.tokens.revokeRefresh(token);
  return { ...json(200, {}), body: "" };
}
