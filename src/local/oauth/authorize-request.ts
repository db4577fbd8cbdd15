// What /oauth2/authorize and /login share (COGNITO-FACTS §12): the authorize request checked in
// Cognito's order (an unknown client or a redirect_uri outside CallbackURLs is an error page, since
// nothing proves the redirect target is the client's; every later error goes back to redirect_uri
// as error=...&error_description=...&state=...), the managed-login session behind the `cognito`
// cookie, and the end of a sign-in: a single-use code, or the implicit flow's tokens in the fragment.
import { randomBytes, randomUUID } from "node:crypto";
import type { ClientData } from "../services/clients.js";
import { LOGIN_LIFETIME_MS } from "../services/oauth-grants.js";
import type { User } from "../services/users.js";
import {
  cookies,
  type DomainContext,
  grantScopes,
  type OAuthRequest,
  type OAuthResponse,
  redirect,
  setCookie,
} from "./http.js";
import { page } from "./router.js";

/** The managed-login session cookie (Cognito's is named `cognito` too). */
export const SESSION_COOKIE = "cognito";

export interface AuthorizeParams {
  client: ClientData;
  redirectUri: string;
  responseType: "code" | "token";
  scope: string[];
  state?: string;
  nonce?: string;
  codeChallenge?: string;
  /** The request's query string as received, carried from /oauth2/authorize to /login and its forms. */
  query: string;
}

export type CheckedAuthorize = { params: AuthorizeParams } | { response: OAuthResponse };

/** Appends OAuth parameters to a redirect URI (query for code and errors, fragment for implicit tokens). */
function withParams(uri: string, params: Record<string, string | undefined>, fragment = false): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) p.set(k, v);
  if (fragment) return `${uri.split("#")[0]}#${p}`;
  const [base, hash] = uri.split("#");
  return `${base}${base.includes("?") ? "&" : "?"}${p}${hash !== undefined ? `#${hash}` : ""}`;
}

export function errorRedirect(
  redirectUri: string,
  error: string,
  description: string,
  state: string | undefined,
): OAuthResponse {
  return redirect(withParams(redirectUri, { error, error_description: description, state }));
}

export function checkAuthorize(ctx: DomainContext, query: URLSearchParams): CheckedAuthorize {
  const clientId = query.get("client_id");
  if (!clientId) return { response: page(400, "Required String parameter 'client_id' is not present.") };
  const client = ctx.services.clients.find(clientId);
  if (!client || client.UserPoolId !== ctx.pool.id)
    return { response: page(400, "The client_id is not an app client of this user pool.") };
  const redirectUri = query.get("redirect_uri");
  if (!redirectUri)
    return { response: page(400, "Required String parameter 'redirect_uri' is not present.") };
  if (!(client.CallbackURLs ?? []).includes(redirectUri))
    return {
      response: page(400, "redirect_mismatch: redirect_uri is not one of the app client's callback URLs."),
    };
  const state = query.get("state") ?? undefined;
  const fail = (error: string, description: string): CheckedAuthorize => ({
    response: errorRedirect(redirectUri, error, description, state),
  });
  const responseType = query.get("response_type");
  if (!responseType) return fail("invalid_request", "response_type is missing.");
  if (responseType !== "code" && responseType !== "token")
    return fail("unsupported_response_type", `response_type ${responseType} is not supported.`);
  const flow = responseType === "code" ? "code" : "implicit";
  if (client.AllowedOAuthFlowsUserPoolClient !== true || !(client.AllowedOAuthFlows ?? []).includes(flow))
    return fail("unauthorized_client", `The client is not allowed the ${flow} flow.`);
  const provider = query.get("identity_provider");
  if (provider !== null && provider !== "COGNITO")
    return fail(
      "invalid_request",
      `Identity provider ${provider} is not served by the cogctl local endpoint.`,
    );
  const scope = grantScopes(ctx, client, query.get("scope"), "any");
  if ("refused" in scope) return fail("invalid_scope", `Scope not allowed: ${scope.refused}`);
  const challenge = query.get("code_challenge") ?? undefined;
  const method = query.get("code_challenge_method");
  if (challenge !== undefined || method !== null) {
    if (method !== "S256") return fail("invalid_request", "code_challenge_method must be S256.");
    if (!challenge || !/^[A-Za-z0-9_-]{43}$/.test(challenge))
      return fail("invalid_request", "code_challenge must be the base64url SHA-256 of the verifier.");
  }
  return {
    params: {
      client,
      redirectUri,
      responseType,
      scope,
      state,
      nonce: query.get("nonce") ?? undefined,
      codeChallenge: challenge,
      query: query.toString(),
    },
  };
}

export interface SignedIn {
  user: User;
  /** Epoch seconds. */
  authTime: number;
}

/** The user of a live managed-login session cookie (still enabled, still the same user), if any. */
export function currentLogin(ctx: DomainContext, req: OAuthRequest): SignedIn | undefined {
  const cookie = cookies(req)[SESSION_COOKIE];
  if (!cookie) return undefined;
  const login = ctx.services.oauth.findLogin(ctx.pool, cookie);
  if (!login) return undefined;
  const user = ctx.services.users.find(ctx.pool, login.usernameKey);
  if (!user || user.sub !== login.sub || !user.enabled) return undefined;
  return { user, authTime: login.authTime };
}

/** Starts a managed-login session for the user: its cookie, to send with the redirect. */
export function startLogin(ctx: DomainContext, user: User): { cookie: string; signedIn: SignedIn } {
  const value = randomBytes(32).toString("base64url");
  const authTime = Math.floor(ctx.services.clock().getTime() / 1000);
  ctx.services.oauth.putLogin(ctx.pool, value, { usernameKey: user.usernameKey, sub: user.sub, authTime });
  return {
    cookie: setCookie(ctx, SESSION_COOKIE, value, LOGIN_LIFETIME_MS / 1000),
    signedIn: { user, authTime },
  };
}

/** The end of a signed-in authorize request: a code (code flow) or tokens (implicit) to redirect_uri. */
export async function finish(
  ctx: DomainContext,
  params: AuthorizeParams,
  signedIn: SignedIn,
  setCookies: string[] = [],
): Promise<OAuthResponse> {
  const scope = params.scope.join(" ");
  if (params.responseType === "code") {
    const code = randomUUID();
    ctx.services.oauth.putCode(ctx.pool, code, {
      clientId: params.client.ClientId as string,
      redirectUri: params.redirectUri,
      scope,
      nonce: params.nonce,
      codeChallenge: params.codeChallenge,
      usernameKey: signedIn.user.usernameKey,
      sub: signedIn.user.sub,
      authTime: signedIn.authTime,
    });
    return redirect(withParams(params.redirectUri, { code, state: params.state }), setCookies);
  }
  // Implicit: the tokens in the fragment, no refresh token (the sign-in's record still backs revocation).
  const result = await ctx.services.tokens.issue(ctx.pool, params.client, signedIn.user, {
    baseUrl: ctx.baseUrl,
    scope,
    nonce: params.nonce,
    authTime: signedIn.authTime,
  });
  return redirect(
    withParams(
      params.redirectUri,
      {
        ...(params.scope.includes("openid") ? { id_token: result.IdToken } : {}),
        access_token: result.AccessToken,
        expires_in: String(result.ExpiresIn),
        token_type: "Bearer",
        state: params.state,
      },
      true,
    ),
    setCookies,
  );
}
