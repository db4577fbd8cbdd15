// The managed-login page's HTML: one form per step (sign-in, new password, a TOTP or a sent code,
// the choice of MFA), every field with a <label>, the anti-forgery token in each form, and the
// pool's UI customization (CSS and logo, the app client's or the pool's "ALL") where set. The class
// names are the classic hosted UI's `*-customizable` ones, so CSS written for Cognito applies here.
import type { UiData } from "../services/ui-customization.js";
import { type DomainContext, escapeHtml, type OAuthResponse } from "./http.js";

export interface LoginView {
  /** SIGN_IN, or the challenge being answered (NEW_PASSWORD_REQUIRED, SOFTWARE_TOKEN_MFA, ...). */
  step: string;
  session?: string;
  message?: string;
  username?: string;
  parameters?: Record<string, string>;
}

const HEADERS = {
  "content-type": "text/html; charset=utf-8",
  "cache-control": "no-store",
  "x-frame-options": "DENY",
  // No script at all; inline styles for the pool's CSS, data: images for its logo; never framed.
  "content-security-policy":
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'",
  "referrer-policy": "no-referrer",
};

const BASE_CSS = `body{font-family:system-ui,sans-serif;background:#f4f4f4;margin:0}
main{max-width:22rem;margin:3rem auto;background:#fff;padding:1.5rem 2rem;border-radius:6px;box-shadow:0 1px 4px #0003}
label{display:block;margin:.8rem 0 .2rem}input[type=text],input[type=password],input:not([type]){width:100%;box-sizing:border-box;padding:.5rem}
button{margin-top:1rem;width:100%;padding:.6rem;background:#1a73e8;color:#fff;border:0;border-radius:4px;font-size:1rem}
.errorMessage-customizable{color:#b00020}.logo-customizable{max-width:100%;max-height:6rem}.note{color:#555;font-size:.85rem}`;

function branding(ctx: DomainContext, clientId: string): UiData | undefined {
  const r = ctx.services.resources;
  return (
    r.get<UiData>(ctx.pool.id, "ui-customization", clientId)?.data ??
    r.get<UiData>(ctx.pool.id, "ui-customization", "ALL")?.data
  );
}

const field = (id: string, label: string, attrs: string) =>
  `<label class="label-customizable" for="${id}">${label}</label><input class="inputField-customizable" id="${id}" name="${id}" ${attrs}>`;

function stepFields(ctx: DomainContext, view: LoginView): { title: string; fields: string; button: string } {
  const p = view.parameters ?? {};
  switch (view.step) {
    case "NEW_PASSWORD_REQUIRED": {
      const required = (JSON.parse(p.requiredAttributes ?? "[]") as string[]).map((a) => a.slice(15));
      return {
        title: "Change password",
        fields: `<p>Please enter a new password.</p>${field("new_password", "New password", 'type="password" autocomplete="new-password" required')}${field("confirm_password", "Enter new password again", 'type="password" autocomplete="new-password" required')}${required
          .map((a) => field(`userAttributes.${a}`, escapeHtml(a), 'type="text" required'))
          .join("")}`,
        button: "Send",
      };
    }
    case "SOFTWARE_TOKEN_MFA":
      return {
        title: "Multi-factor authentication",
        fields: field(
          "code",
          "Code from your authenticator app",
          'type="text" inputmode="numeric" autocomplete="one-time-code" required',
        ),
        button: "Sign in",
      };
    case "SMS_MFA":
    case "EMAIL_OTP": {
      const medium = view.step === "SMS_MFA" ? "text message" : "email";
      return {
        title: "Verify it's you",
        fields: `<p>We sent a code by ${medium} to ${escapeHtml(p.CODE_DELIVERY_DESTINATION ?? "you")}.</p><p class="note">On the cogctl local endpoint the code is in the outbox: <code>cogctl local messages --pool ${escapeHtml(ctx.pool.id)}</code></p>${field("code", "Verification code", 'type="text" inputmode="numeric" autocomplete="one-time-code" required')}`,
        button: "Sign in",
      };
    }
    case "SELECT_MFA_TYPE": {
      const names: Record<string, string> = {
        SOFTWARE_TOKEN_MFA: "Authenticator app",
        SMS_MFA: "Text message (SMS)",
        EMAIL_OTP: "Email",
      };
      const choices = JSON.parse(p.MFAS_CAN_CHOOSE ?? "[]") as string[];
      return {
        title: "Choose how to verify",
        fields: `<fieldset><legend>Multi-factor authentication method</legend>${choices
          .map(
            (c, i) =>
              `<div><input type="radio" id="mfa_${i}" name="mfa_choice" value="${escapeHtml(c)}"${i === 0 ? " checked" : ""}><label for="mfa_${i}">${escapeHtml(names[c] ?? c)}</label></div>`,
          )
          .join("")}</fieldset>`,
        button: "Continue",
      };
    }
    default:
      return {
        title: "Sign in with your username and password",
        fields: `${field("username", "Username", `type="text" autocomplete="username" autocapitalize="none" required value="${escapeHtml(view.username ?? "")}"`)}${field("password", "Password", 'type="password" autocomplete="current-password" required')}`,
        button: "Sign in",
      };
  }
}

export function loginPage(
  ctx: DomainContext,
  clientId: string,
  query: string,
  csrf: string,
  view: LoginView,
  status = 200,
  setCookies: string[] = [],
): OAuthResponse {
  const ui = branding(ctx, clientId);
  // The pool's CSS is an administrator's, but `</style>` in it must not end the element.
  const css = ui?.CSS ? `<style>${ui.CSS.replace(/</g, "\\3c ")}</style>` : "";
  const logo = ui?.ImageFile
    ? `<img class="logo-customizable" alt="Logo" src="data:image/png;base64,${ui.ImageFile.replace(/[^A-Za-z0-9+/=]/g, "")}">`
    : "";
  const { title, fields, button } = stepFields(ctx, view);
  const hidden = [
    ["_csrf", csrf],
    ["step", view.step],
    ...(view.session ? [["session", view.session]] : []),
    // The challenge's parameters (where a code went, what to choose from), for a re-shown step.
    ...Object.entries(view.parameters ?? {}).map(([k, v]) => [`p.${k}`, v]),
  ]
    .map(([n, v]) => `<input type="hidden" name="${n}" value="${escapeHtml(v)}">`)
    .join("");
  const message = view.message
    ? `<p id="loginErrorMessage" class="errorMessage-customizable" role="alert">${escapeHtml(view.message)}</p>`
    : "";
  const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Signin</title><style>${BASE_CSS}</style>${css}</head><body class="background-customizable"><main><div class="banner-customizable">${logo}</div><h1>${title}</h1>${message}<form method="post" action="${escapeHtml(`${ctx.mount}/login?${query}`)}">${hidden}${fields}<button type="submit" class="btn btn-primary submitButton-customizable">${button}</button></form></main></body></html>`;
  return {
    status,
    headers: { ...HEADERS, ...(setCookies.length ? { "set-cookie": setCookies } : {}) },
    body,
  };
}
