// /login, the managed-login page (COGNITO-FACTS §12). GET shows the sign-in form (or, with a live
// session cookie, finishes the authorize request at once); POST takes one step. The steps are the
// API's own: passwordSignIn() and respondToAuthChallenge() with the managed-login flow, so the
// password check, user states (disabled, unconfirmed, reset required, expired temporary password),
// the new-password challenge and MFA (TOTP, SMS and email codes, which land in the outbox) behave as
// with InitiateAuth; only the end differs (a session cookie and a code instead of tokens).
//
// Forms carry an anti-forgery token that must equal the XSRF-TOKEN cookie (double submit): a page
// elsewhere cannot read the cookie, and the server already refuses foreign browser Origins.
import { randomBytes } from "node:crypto";
import { secretHash } from "../../cognito/crypto/index.js";
import { CognitoError } from "../errors.js";
import type { ClientData } from "../services/clients.js";
import { passwordSignIn } from "../signin/initiate.js";
import { type AuthResponse, MANAGED_LOGIN_FLOW } from "../signin/next-step.js";
import { respondToAuthChallenge } from "../signin/respond.js";
import { signInUser } from "../signin/user-checks.js";
import {
  type AuthorizeParams,
  checkAuthorize,
  currentLogin,
  finish,
  startLogin,
} from "./authorize-request.js";
import {
  cookies,
  type DomainContext,
  isForm,
  type OAuthRequest,
  type OAuthResponse,
  safeEqual,
  setCookie,
} from "./http.js";
import { type LoginView, loginPage } from "./login-page.js";
import { page } from "./router.js";

export const CSRF_COOKIE = "XSRF-TOKEN";

const CODE_FIELDS: Record<string, string> = {
  SOFTWARE_TOKEN_MFA: "SOFTWARE_TOKEN_MFA_CODE",
  SMS_MFA: "SMS_MFA_CODE",
  EMAIL_OTP: "EMAIL_OTP_CODE",
};

export async function login(ctx: DomainContext, req: OAuthRequest): Promise<OAuthResponse> {
  const checked = checkAuthorize(ctx, req.query);
  if ("response" in checked) return checked.response;
  const params = checked.params;
  const jar = cookies(req);
  let csrf = jar[CSRF_COOKIE];
  const newCookies: string[] = [];
  if (!csrf || !/^[\w-]{43}$/.test(csrf)) {
    csrf = randomBytes(32).toString("base64url");
    newCookies.push(setCookie(ctx, CSRF_COOKIE, csrf, 3600));
  }
  const render = (view: LoginView, status = 200) =>
    loginPage(ctx, params.client.ClientId as string, params.query, csrf, view, status, newCookies);

  if (req.method === "GET") {
    const signedIn = currentLogin(ctx, req);
    if (signedIn) return finish(ctx, params, signedIn);
    return render({ step: "SIGN_IN" });
  }
  if (req.method !== "POST") return page(405, "Use GET or POST for /login.");
  if (!isForm(req)) return page(400, "The form must be application/x-www-form-urlencoded.");
  const form = new URLSearchParams(req.body);
  const sent = form.get("_csrf") ?? "";
  if (!jar[CSRF_COOKIE] || !safeEqual(sent, jar[CSRF_COOKIE]))
    return render({ step: "SIGN_IN", message: "The sign-in form has expired. Please sign in again." }, 403);

  const step = form.get("step") ?? "SIGN_IN";
  const session = form.get("session") ?? undefined;
  const username = form.get("username") ?? "";
  try {
    let out: AuthResponse;
    if (step === "SIGN_IN") out = await signIn(ctx, params.client, username, form.get("password") ?? "");
    else {
      if (step === "NEW_PASSWORD_REQUIRED" && form.get("new_password") !== form.get("confirm_password")) {
        return render({ step, session, parameters: parametersOf(form), message: "Passwords do not match." });
      }
      out = await answer(ctx, params.client, step, session, form);
    }
    return await proceed(ctx, params, out, render);
  } catch (err) {
    if (!(err instanceof CognitoError)) throw err;
    // A wrong code keeps its session (a few tries); anything else starts the sign-in again.
    const live = session !== undefined && step !== "SIGN_IN" && ctx.services.sessions.find(session);
    if (live) return render({ step, session, parameters: parametersOf(form), message: err.message }, 400);
    return render({ step: "SIGN_IN", username, message: err.message }, 400);
  }
}

/** The challenge's parameters are echoed in the form so a re-shown step can say the same. */
function parametersOf(form: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of form) if (k.startsWith("p.")) out[k.slice(2)] = v;
  return out;
}

async function proceed(
  ctx: DomainContext,
  params: AuthorizeParams,
  out: AuthResponse,
  render: (view: LoginView, status?: number) => OAuthResponse,
): Promise<OAuthResponse> {
  if (out.SignedIn) {
    const { cookie, signedIn } = startLogin(ctx, out.SignedIn);
    return finish(ctx, params, signedIn, [cookie]);
  }
  const step = out.ChallengeName ?? "SIGN_IN";
  if (
    !["NEW_PASSWORD_REQUIRED", "SOFTWARE_TOKEN_MFA", "SMS_MFA", "EMAIL_OTP", "SELECT_MFA_TYPE"].includes(step)
  ) {
    return render(
      {
        step: "SIGN_IN",
        message: `This sign-in needs ${step}, which the cogctl local managed-login page does not offer yet: set it up with cogctl auth mfa setup first.`,
      },
      400,
    );
  }
  return render({ step, session: out.Session, parameters: out.ChallengeParameters });
}

function signIn(ctx: DomainContext, client: ClientData, username: string, password: string) {
  const { services, pool, baseUrl } = ctx;
  if (!username) throw new CognitoError("InvalidParameterException", "Enter your username.");
  const user = signInUser(services, pool, client, username);
  return passwordSignIn(
    { services, pool, client, baseUrl },
    user,
    {
      challenge: "",
      signInName: username,
      username: user.username,
      admin: false,
      flow: MANAGED_LOGIN_FLOW,
      passed: [],
    },
    password,
  );
}

function answer(
  ctx: DomainContext,
  client: ClientData,
  step: string,
  session: string | undefined,
  form: URLSearchParams,
): Promise<AuthResponse> {
  const found = session ? ctx.services.sessions.find(session) : undefined;
  // Only this page's own sign-ins: an API session id posted here gets nothing.
  if (!found || found.data.flow !== MANAGED_LOGIN_FLOW || !found.data.username)
    throw new CognitoError(
      "NotAuthorizedException",
      "Your sign-in session has expired. Please sign in again.",
    );
  const username = found.data.username;
  const responses: Record<string, string> = { USERNAME: username };
  // The page is the client's own: it computes SECRET_HASH as a confidential client's backend would.
  if (client.ClientSecret)
    responses.SECRET_HASH = secretHash(username, client.ClientId as string, client.ClientSecret);
  if (step === "NEW_PASSWORD_REQUIRED") {
    responses.NEW_PASSWORD = form.get("new_password") ?? "";
    for (const [k, v] of form) if (k.startsWith("userAttributes.") && v) responses[k] = v;
  } else if (step === "SELECT_MFA_TYPE") responses.ANSWER = form.get("mfa_choice") ?? "";
  else if (CODE_FIELDS[step]) responses[CODE_FIELDS[step]] = (form.get("code") ?? "").trim();
  return respondToAuthChallenge(
    ctx.services,
    ctx.baseUrl,
    { ClientId: client.ClientId, ChallengeName: step, Session: session, ChallengeResponses: responses },
    false,
  );
}
