// What the pool domain's endpoints share: the request and response shapes, the OAuth error bodies
// (COGNITO-FACTS §12), client authentication at /oauth2/token and /oauth2/revoke, cookies, scopes.
//
// Why hand-written handlers on the endpoint's own signer rather than oidc-provider: Cognito's paths
// (/oauth2/userInfo, /logout with logout_uri, /login), its claims (token_use, origin_jti,
// cognito:username, access tokens without aud, client_credentials tokens with sub = client_id) and
// its error choices are not oidc-provider's, and its tokens must come from the same keys, sign-in
// checks and revocation records as InitiateAuth's (TokensService), so that GlobalSignOut, RevokeToken
// and aws-jwt-verify treat both alike. oidc-provider would need most of that overridden.
import { timingSafeEqual } from "node:crypto";
import type { ClientData } from "../services/clients.js";
import type { DomainData } from "../services/domains.js";
import type { LocalServices } from "../services/index.js";
import type { Pool } from "../services/pools.js";
import { clientSecretMatches } from "../signin/client-auth.js";

export interface OAuthRequest {
  method: string;
  /** The path below the domain's mount (`/oauth2/token`). */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  body: string;
}

export interface OAuthResponse {
  status: number;
  headers: Record<string, string | string[]>;
  body: string;
}

export interface DomainContext {
  services: LocalServices;
  pool: Pool;
  domain: DomainData;
  /** Where the domain is mounted on this server: `/domain/PREFIX`, or "" on its Host route. */
  mount: string;
  /** The endpoint's base URL (never from Host): the tokens' `iss` is `<baseUrl>/<poolId>`. */
  baseUrl: string;
}

const NO_STORE = { "cache-control": "no-store", pragma: "no-cache" };

export const json = (status: number, body: unknown, headers: Record<string, string> = {}): OAuthResponse => ({
  status,
  headers: { "content-type": "application/json;charset=UTF-8", ...NO_STORE, ...headers },
  body: JSON.stringify(body),
});

/** An OAuth error body: `{"error": ..., "error_description": ...}` (400 unless said). */
export const oauthError = (error: string, description: string, status = 400, headers = {}): OAuthResponse =>
  json(status, { error, error_description: description }, headers);

export const redirect = (location: string, cookies: string[] = []): OAuthResponse => ({
  status: 302,
  headers: { location, ...NO_STORE, ...(cookies.length ? { "set-cookie": cookies } : {}) },
  body: "",
});

export const isForm = (req: OAuthRequest): boolean =>
  (req.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase() ===
  "application/x-www-form-urlencoded";

export function cookies(req: OAuthRequest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const i = part.indexOf("=");
    if (i > 0) out[part.slice(0, i).trim()] = part.slice(i + 1).trim();
  }
  return out;
}

/** A cookie of this domain's managed login: HttpOnly, SameSite=Lax, scoped to the domain's mount. */
export function setCookie(ctx: DomainContext, name: string, value: string, maxAgeSeconds: number): string {
  return `${name}=${value}; Path=${ctx.mount || "/"}; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Lax`;
}

export const safeEqual = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

export type ClientAuth = { client: ClientData } | { error: OAuthResponse };

/**
 * The client of a token or revoke request: HTTP Basic (`client_id:client_secret`, each form-encoded
 * as RFC 6749 §2.3.1 says) or client_id (+ client_secret) in the body. A client with a secret must
 * present it; one without must not present any. Failures are invalid_client, 401 with a challenge
 * when Basic was tried (RFC 6749 §5.2).
 */
export function authenticateClient(ctx: DomainContext, req: OAuthRequest, form: URLSearchParams): ClientAuth {
  let id = form.get("client_id") ?? undefined;
  let secret = form.get("client_secret") ?? undefined;
  const header = req.headers.authorization;
  const basic = header !== undefined && /^basic /i.test(header);
  const fail = (description: string): ClientAuth => ({
    error: basic
      ? oauthError("invalid_client", description, 401, { "www-authenticate": 'Basic realm="cognito"' })
      : oauthError("invalid_client", description),
  });
  if (basic) {
    const decoded = Buffer.from(header.slice(6).trim(), "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon < 0) return fail("The Authorization header is not client_id:client_secret.");
    const formDecode = (v: string) => {
      try {
        return decodeURIComponent(v.replace(/\+/g, " "));
      } catch {
        return v;
      }
    };
    const basicId = formDecode(decoded.slice(0, colon));
    if (id !== undefined && id !== basicId) return fail("client_id differs from the Authorization header's.");
    id = basicId;
    secret = formDecode(decoded.slice(colon + 1));
  }
  if (!id) return fail("client_id is missing.");
  const client = ctx.services.clients.find(id);
  if (!client || client.UserPoolId !== ctx.pool.id)
    return fail("The client does not exist in this user pool.");
  if (client.ClientSecret) {
    if (!secret) return fail("The client has a secret: send it (HTTP Basic or client_secret).");
    if (!clientSecretMatches(ctx.services, client, secret)) return fail("The client secret is wrong.");
  } else if (secret) return fail("The client has no secret.");
  return { client };
}

/** Scopes that are not a resource server's: what AllowedOAuthScopes may name besides IDENTIFIER/SCOPE. */
export const STANDARD_SCOPES = new Set([
  "openid",
  "email",
  "phone",
  "profile",
  "aws.cognito.signin.user.admin",
]);

/** Prepared once per database: the token endpoint asks on every client_credentials request. */
const scopeStatements = new WeakMap<object, ReturnType<LocalServices["db"]["prepare"]>>();

/** Every `IDENTIFIER/SCOPE` of the pool's resource servers (a deleted one no longer counts). */
export function customScopes(services: LocalServices, poolId: string): Set<string> {
  const out = new Set<string>();
  let stmt = scopeStatements.get(services.db);
  if (!stmt) {
    stmt = services.db
      .prepare("SELECT data FROM pool_resources WHERE pool_id = ? AND kind = 'resource-server'")
      .pluck();
    scopeStatements.set(services.db, stmt);
  }
  const rows = stmt.all(poolId) as string[];
  for (const raw of rows) {
    const rs = JSON.parse(raw) as { Identifier: string; Scopes?: { ScopeName: string }[] };
    for (const sc of rs.Scopes ?? []) out.add(`${rs.Identifier}/${sc.ScopeName}`);
  }
  return out;
}

/**
 * The scopes a request may have: the requested ones when every one is allowed to the client (and, if
 * custom, still exists), else the client's allowed scopes when none was requested. A string naming
 * the first refused scope instead of a list means invalid_scope.
 */
export function grantScopes(
  ctx: DomainContext,
  client: ClientData,
  requested: string | null,
  only: "custom" | "any",
): string[] | { refused: string } {
  const custom = customScopes(ctx.services, ctx.pool.id);
  const usable = (s: string) =>
    (client.AllowedOAuthScopes ?? []).includes(s) &&
    (STANDARD_SCOPES.has(s) ? only === "any" : custom.has(s));
  const asked = (requested ?? "").split(" ").filter(Boolean);
  if (asked.length === 0) {
    const all = (client.AllowedOAuthScopes ?? []).filter(usable);
    return all.length ? all : { refused: "(none requested, and the client allows none)" };
  }
  for (const s of asked) if (!usable(s)) return { refused: s };
  return [...new Set(asked)];
}

export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
