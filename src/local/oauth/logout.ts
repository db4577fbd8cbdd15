// GET /logout (COGNITO-FACTS §12): ends the managed-login session (its row and its cookie) and
// redirects to logout_uri, which must be one of the client's LogoutURLs; or, with redirect_uri and
// response_type instead, back to the sign-in page for that authorize request. Tokens already issued
// stay valid, as with Cognito (revoke them at /oauth2/revoke).
import { SESSION_COOKIE } from "./authorize-request.js";
import {
  cookies,
  type DomainContext,
  type OAuthRequest,
  type OAuthResponse,
  redirect,
  setCookie,
} from "./http.js";
import { page } from "./router.js";

export async function logout(ctx: DomainContext, req: OAuthRequest): Promise<OAuthResponse> {
  if (req.method !== "GET") return page(405, "Use GET for /logout.");
  const q = req.query;
  const clientId = q.get("client_id");
  if (!clientId) return page(400, "Required String parameter 'client_id' is not present.");
  const client = ctx.services.clients.find(clientId);
  if (!client || client.UserPoolId !== ctx.pool.id)
    return page(400, "The client_id is not an app client of this user pool.");
  const logoutUri = q.get("logout_uri");
  let target: string;
  if (logoutUri !== null) {
    if (!(client.LogoutURLs ?? []).includes(logoutUri))
      return page(400, "logout_uri is not one of the app client's sign-out URLs.");
    target = logoutUri;
  } else {
    const redirectUri = q.get("redirect_uri");
    if (!redirectUri || !q.get("response_type"))
      return page(
        400,
        "Required String parameter 'logout_uri' (or redirect_uri and response_type) is not present.",
      );
    if (!(client.CallbackURLs ?? []).includes(redirectUri))
      return page(400, "redirect_mismatch: redirect_uri is not one of the app client's callback URLs.");
    target = `${ctx.mount}/login?${q}`;
  }
  const cookie = cookies(req)[SESSION_COOKIE];
  if (cookie) ctx.services.oauth.deleteLogin(ctx.pool, cookie);
  return redirect(target, [setCookie(ctx, SESSION_COOKIE, "", 0)]);
}
