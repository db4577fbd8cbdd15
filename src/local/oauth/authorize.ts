// GET /oauth2/authorize (COGNITO-FACTS §12): checks the request (authorize-request.ts); with a live
// managed-login session it answers at once (a code, or implicit tokens), else it sends the browser
// to the managed-login page with the same parameters, as Cognito does.
import { checkAuthorize, currentLogin, finish } from "./authorize-request.js";
import { type DomainContext, type OAuthRequest, type OAuthResponse, redirect } from "./http.js";
import { page } from "./router.js";

export async function authorize(ctx: DomainContext, req: OAuthRequest): Promise<OAuthResponse> {
  if (req.method !== "GET") return page(405, "Use GET for /oauth2/authorize.");
  const checked = checkAuthorize(ctx, req.query);
  if ("response" in checked) return checked.response;
  const signedIn = currentLogin(ctx, req);
  if (signedIn) return finish(ctx, checked.params, signedIn);
  return redirect(`${ctx.mount}/login?${checked.params.query}`);
}
