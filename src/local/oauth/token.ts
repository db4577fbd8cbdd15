// POST /oauth2/token (COGNITO-FACTS §12): authorization_code (single-use codes, PKCE S256 checked,
// redirect_uri as at /oauth2/authorize), refresh_token (same sign-in, same scopes, no new refresh
// token) and client_credentials (custom scopes only, a client with a secret). Errors are the
// OAuth JSON bodies Cognito answers: 400, or 401 invalid_client after a failed HTTP Basic.
import { createHash } from "node:crypto";
import { TokensService } from "../services/tokens.js";
import {
  authenticateClient,
  type DomainContext,
  grantScopes,
  isForm,
  json,
  type OAuthRequest,
  type OAuthResponse,
  oauthError,
} from "./http.js";

/** The scope API sign-in tokens carry; a refresh token from InitiateAuth keeps it. */
const API_SCOPE = "aws.cognito.signin.user.admin";

export async function token(ctx: DomainContext, req: OAuthRequest): Promise<OAuthResponse> {
  if (req.method !== "POST") return oauthError("invalid_request", "Use POST.", 405, { allow: "POST" });
  if (!isForm(req))
    return oauthError("invalid_request", "The body must be application/x-www-form-urlencoded.");
  const form = new URLSearchParams(req.body);
  const grantType = form.get("grant_type");
  if (!grantType) return oauthError("invalid_request", "grant_type is missing.");
  if (!["authorization_code", "refresh_token", "client_credentials"].includes(grantType))
    return oauthError("unsupported_grant_type", `grant_type ${grantType} is not supported.`);
  const auth = authenticateClient(ctx, req, form);
  if ("error" in auth) return auth.error;
  const { client } = auth;
  const flows = client.AllowedOAuthFlows ?? [];
  const oauthOn = client.AllowedOAuthFlowsUserPoolClient === true;

  if (grantType === "client_credentials") {
    if (!oauthOn || !flows.includes("client_credentials"))
      return oauthError("unauthorized_client", "The client is not allowed the client_credentials flow.");
    if (!client.ClientSecret)
      return oauthError("unauthorized_client", "client_credentials needs a client with a secret.");
    const scopes = grantScopes(ctx, client, form.get("scope"), "custom");
    if ("refused" in scopes) return oauthError("invalid_scope", `Scope not allowed: ${scopes.refused}`);
    const out = await ctx.services.tokens.issueClientCredentials(
      ctx.pool,
      client,
      scopes.join(" "),
      ctx.baseUrl,
    );
    return json(200, { access_token: out.AccessToken, expires_in: out.ExpiresIn, token_type: "Bearer" });
  }

  if (grantType === "authorization_code") {
    if (!oauthOn || !flows.includes("code"))
      return oauthError("unauthorized_client", "The client is not allowed the code flow.");
    const code = form.get("code");
    const redirectUri = form.get("redirect_uri");
    if (!code) return oauthError("invalid_request", "code is missing.");
    if (!redirectUri) return oauthError("invalid_request", "redirect_uri is missing.");
    // Taken (deleted) before any other check: a code is single-use even when this attempt fails.
    const grant = ctx.services.oauth.takeCode(ctx.pool, code);
    if (!grant || grant.clientId !== client.ClientId)
      return oauthError("invalid_grant", "The code is unknown, used or expired.");
    if (grant.redirectUri !== redirectUri)
      return oauthError("invalid_grant", "redirect_uri differs from the authorize request's.");
    if (grant.codeChallenge !== undefined) {
      const verifier = form.get("code_verifier");
      if (!verifier) return oauthError("invalid_grant", "code_verifier is missing.");
      const computed = createHash("sha256").update(verifier).digest("base64url");
      if (computed !== grant.codeChallenge)
        return oauthError("invalid_grant", "code_verifier does not match the code_challenge.");
    }
    const user = ctx.services.users.find(ctx.pool, grant.usernameKey);
    if (!user || user.sub !== grant.sub || !user.enabled)
      return oauthError("invalid_grant", "The user of this code can no longer sign in.");
    const result = await ctx.services.tokens.issue(ctx.pool, client, user, {
      baseUrl: ctx.baseUrl,
      scope: grant.scope,
      nonce: grant.nonce,
      authTime: grant.authTime,
    });
    if (result.RefreshToken) ctx.services.oauth.putGrantScope(ctx.pool, result.RefreshToken, grant.scope);
    return json(200, {
      ...(grant.scope.split(" ").includes("openid") ? { id_token: result.IdToken } : {}),
      access_token: result.AccessToken,
      refresh_token: result.RefreshToken,
      expires_in: result.ExpiresIn,
      token_type: "Bearer",
    });
  }

  // refresh_token
  const refreshToken = form.get("refresh_token");
  if (!refreshToken) return oauthError("invalid_request", "refresh_token is missing.");
  const { services, pool } = ctx;
  const record = services.tokens.findRefresh(refreshToken);
  if (!record || record.clientId !== client.ClientId || record.poolId !== pool.id)
    return oauthError("invalid_grant", "Invalid Refresh Token");
  if (record.revoked) return oauthError("invalid_grant", "Refresh Token has been revoked");
  if (services.tokens.isExpired(record)) return oauthError("invalid_grant", "Refresh Token has expired");
  const user = services.users.find(pool, record.usernameKey);
  if (!user || user.sub !== record.sub || TokensService.revokedByUser(user, record.created))
    return oauthError("invalid_grant", "Refresh Token has been revoked");
  if (!user.enabled) return oauthError("invalid_grant", "User is disabled.");
  const scope = services.oauth.grantScope(pool, refreshToken);
  const result = await services.tokens.issue(pool, client, user, {
    baseUrl: ctx.baseUrl,
    refreshOf: record,
    ...(scope !== undefined ? { scope } : {}),
  });
  return json(200, {
    ...((scope ?? API_SCOPE).split(" ").includes("openid") || scope === undefined
      ? { id_token: result.IdToken }
      : {}),
    access_token: result.AccessToken,
    expires_in: result.ExpiresIn,
    token_type: "Bearer",
  });
}
