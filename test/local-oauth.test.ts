// The pool domain's OAuth 2.0 / OIDC endpoints on the embedded endpoint (COGNITO-FACTS §12), driven
// over HTTP by openid-client (the well-kept relying-party library) and checked with aws-jwt-verify
// against the pool's JWKS: discovery, client_credentials, the code flow with PKCE through the
// managed-login form, refresh, userInfo, revoke, logout, and each error of §12.
import {
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminInitiateAuthCommand,
  AdminSetUserMFAPreferenceCommand,
  AdminSetUserPasswordCommand,
  AssociateSoftwareTokenCommand,
  CreateResourceServerCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  CreateUserPoolDomainCommand,
  DescribeUserPoolDomainCommand,
  SetUserPoolMfaConfigCommand,
  VerifySoftwareTokenCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { JwtRsaVerifier } from "aws-jwt-verify";
import { SimpleJwksCache } from "aws-jwt-verify/jwk";
import * as oidc from "openid-client";
import { Secret, TOTP } from "otpauth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalHarness, startLocal } from "./helpers/local-server.js";

let h: LocalHarness;
let poolId: string;
let issuer: string;
let domainBase: string;
let m2m: { id: string; secret: string };
let web: { id: string; secret: string };
let spa: string;

const CALLBACK = "http://localhost:3000/callback";
const BYE = "http://localhost:3000/bye";
const PASSWORD = "Corr3ct#Horse!";

const SCOPES = ["orders/read", "orders/write"];

/** An openid-client configuration for a client of the pool (plain http: it is a loopback endpoint). */
async function configFor(clientId: string, auth: oidc.ClientAuth, secret?: string) {
  return oidc.discovery(new URL(issuer), clientId, secret, auth, { execute: [oidc.allowInsecureRequests] });
}

/** POST /oauth2/token by hand, for the errors openid-client would refuse to send. */
async function tokenRequest(form: Record<string, string>, headers: Record<string, string> = {}) {
  const res = await fetch(`${domainBase}/oauth2/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams(form),
  });
  return { status: res.status, body: (await res.json()) as { error?: string; access_token?: string } };
}

// aws-jwt-verify's own fetcher insists on https; this one fetches the same JWKS URL over http.
const jwksCache = new SimpleJwksCache({
  fetcher: { fetch: async (uri: string) => (await fetch(uri)).arrayBuffer() },
});
const accessVerifier = () =>
  JwtRsaVerifier.create({ issuer, audience: null, tokenUse: "access" }, { jwksCache });
const idVerifier = (clientId: string) =>
  JwtRsaVerifier.create({ issuer, audience: clientId, tokenUse: "id" }, { jwksCache });

const basic = (id: string, secret: string) => ({
  authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`,
});

beforeAll(async () => {
  h = await startLocal();
  const pool = await h.client.send(new CreateUserPoolCommand({ PoolName: "oauth-pool" }));
  poolId = pool.UserPool?.Id as string;
  issuer = `${h.server.url}/${poolId}`;
  await h.client.send(
    new CreateResourceServerCommand({
      UserPoolId: poolId,
      Identifier: "orders",
      Name: "Orders API",
      Scopes: [
        { ScopeName: "read", ScopeDescription: "read" },
        { ScopeName: "write", ScopeDescription: "write" },
      ],
    }),
  );
  await h.client.send(new CreateUserPoolDomainCommand({ UserPoolId: poolId, Domain: "oauth-test" }));
  const c = await h.client.send(
    new CreateUserPoolClientCommand({
      UserPoolId: poolId,
      ClientName: "m2m",
      GenerateSecret: true,
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ["client_credentials"],
      AllowedOAuthScopes: SCOPES,
    }),
  );
  m2m = { id: c.UserPoolClient?.ClientId as string, secret: c.UserPoolClient?.ClientSecret as string };
  const w = await h.client.send(
    new CreateUserPoolClientCommand({
      UserPoolId: poolId,
      ClientName: "web",
      GenerateSecret: true,
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ["code"],
      AllowedOAuthScopes: ["openid", "email", "profile", "orders/read"],
      CallbackURLs: [CALLBACK],
      LogoutURLs: [BYE],
      ExplicitAuthFlows: ["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    }),
  );
  web = { id: w.UserPoolClient?.ClientId as string, secret: w.UserPoolClient?.ClientSecret as string };
  const p = await h.client.send(
    new CreateUserPoolClientCommand({
      UserPoolId: poolId,
      ClientName: "spa",
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ["code", "implicit"],
      AllowedOAuthScopes: ["openid", "email"],
      CallbackURLs: [CALLBACK],
      LogoutURLs: [BYE],
    }),
  );
  spa = p.UserPoolClient?.ClientId as string;
  await user("alice", { email: "alice@example.com", email_verified: "true", name: "Alice" });
  const d = await h.client.send(new DescribeUserPoolDomainCommand({ Domain: "oauth-test" }));
  domainBase = d.DomainDescription?.CloudFrontDistribution as string;
});

/** A user with a permanent password (or only a temporary one). */
async function user(name: string, attributes: Record<string, string>, temporary = false) {
  await h.client.send(
    new AdminCreateUserCommand({
      UserPoolId: poolId,
      Username: name,
      MessageAction: "SUPPRESS",
      TemporaryPassword: PASSWORD,
      UserAttributes: Object.entries(attributes).map(([Name, Value]) => ({ Name, Value })),
    }),
  );
  if (!temporary)
    await h.client.send(
      new AdminSetUserPasswordCommand({
        UserPoolId: poolId,
        Username: name,
        Password: PASSWORD,
        Permanent: true,
      }),
    );
}

/** A browser as far as the managed login needs one: cookies per path, redirects by hand. */
class Browser {
  private readonly jar = new Map<string, string>();
  async go(url: string, init: RequestInit = {}) {
    const headers = new Headers(init.headers);
    if (this.jar.size) headers.set("cookie", [...this.jar].map(([k, v]) => `${k}=${v}`).join("; "));
    const res = await fetch(url, { ...init, headers, redirect: "manual" });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const [k, v] = pair.split("=");
      if (/Max-Age=0/.test(c)) this.jar.delete(k);
      else this.jar.set(k, v);
    }
    const text = await res.text();
    const location = res.headers.get("location");
    return {
      status: res.status,
      text,
      headers: res.headers,
      location: location ? new URL(location, url).href : undefined,
    };
  }
  cookie(name: string) {
    return this.jar.get(name);
  }
  /** Submits the page's form with these fields (plus its hidden ones). */
  async submit(page: { text: string }, base: string, fields: Record<string, string>) {
    const action = /<form method="post" action="([^"]+)"/.exec(page.text)?.[1] as string;
    const form = new URLSearchParams();
    for (const m of page.text.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g))
      form.set(m[1], decodeEntities(m[2]));
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    return this.go(new URL(decodeEntities(action), base).href, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: form,
    });
  }
}

const decodeEntities = (s: string) => s.replace(/&#(\d+);/g, (_, n) => String.fromCharCode(Number(n)));
const alertOf = (html: string) => /role="alert">([^<]*)</.exec(html)?.[1];

/** The code flow up to the callback: authorize, the login page, the form; returns the callback URL. */
async function codeFlow(
  config: oidc.Configuration,
  b: Browser,
  username: string,
  extra: Record<string, string> = {},
  steps: (page: Awaited<ReturnType<Browser["go"]>>) => Promise<Awaited<ReturnType<Browser["go"]>>> = async (
    p,
  ) => p,
) {
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: CALLBACK,
    scope: "openid email profile orders/read",
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    state,
    nonce,
    ...extra,
  });
  let res = await b.go(url.href);
  if (res.status === 302 && res.location?.includes("/login?")) {
    const login = await b.go(res.location);
    expect(login.status).toBe(200);
    expect(login.text).toContain('<label class="label-customizable" for="username">Username</label>');
    res = await steps(
      await b.submit(login, login.location ?? res.location, { username, password: PASSWORD }),
    );
  }
  return { res, verifier, state, nonce };
}

afterAll(async () => {
  await h.close();
});

describe("the pool domain on the embedded endpoint", () => {
  it("is served at the URL DescribeUserPoolDomain states, named by the issuer's discovery document", async () => {
    expect(domainBase).toBe(`${h.server.url}/domain/oauth-test`);
    const doc = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as Record<
      string,
      unknown
    >;
    expect(doc).toMatchObject({
      issuer,
      jwks_uri: `${issuer}/.well-known/jwks.json`,
      authorization_endpoint: `${domainBase}/oauth2/authorize`,
      token_endpoint: `${domainBase}/oauth2/token`,
      userinfo_endpoint: `${domainBase}/oauth2/userInfo`,
      revocation_endpoint: `${domainBase}/oauth2/revoke`,
      end_session_endpoint: `${domainBase}/logout`,
      scopes_supported: ["openid", "email", "phone", "profile"],
      response_types_supported: ["code", "token"],
      token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
      id_token_signing_alg_values_supported: ["RS256"],
      subject_types_supported: ["public"],
    });
    const missing = await fetch(`${h.server.url}/domain/no-such-domain/oauth2/token`, { method: "POST" });
    expect(missing.status).toBe(404);
  });

  it("answers a Host of PREFIX.auth.REGION.localhost with the same domain, mounted at /", async () => {
    const { request } = await import("node:http");
    const port = new URL(h.server.url).port;
    const res = await new Promise<{ status: number; location?: string }>((resolve, reject) => {
      const req = request(
        {
          host: "127.0.0.1",
          port,
          path: `/oauth2/authorize?client_id=${web.id}&response_type=code&redirect_uri=${encodeURIComponent(CALLBACK)}`,
          headers: { host: `oauth-test.auth.us-east-1.localhost:${port}` },
        },
        (r) => {
          r.resume();
          resolve({ status: r.statusCode as number, location: r.headers.location });
        },
      );
      req.once("error", reject);
      req.end();
    });
    expect(res.status).toBe(302);
    expect(res.location?.startsWith("/login?client_id=")).toBe(true);
  });
});

describe("client_credentials", () => {
  it("gives an access token with the custom scopes, sub = client_id and no username (HTTP Basic)", async () => {
    const config = await configFor(m2m.id, oidc.ClientSecretBasic(m2m.secret), m2m.secret);
    const out = await oidc.clientCredentialsGrant(config, { scope: "orders/read" });
    expect(out.token_type.toLowerCase()).toBe("bearer");
    expect(out.expires_in).toBe(3600);
    expect(out.id_token).toBeUndefined();
    expect(out.refresh_token).toBeUndefined();
    const claims = await accessVerifier().verify(out.access_token);
    expect(claims).toMatchObject({
      sub: m2m.id,
      client_id: m2m.id,
      scope: "orders/read",
      token_use: "access",
    });
    expect(claims.username).toBeUndefined();
    expect(claims.aud).toBeUndefined();
  });

  it("accepts client_secret in the body and grants every allowed scope when none is asked", async () => {
    const config = await configFor(m2m.id, oidc.ClientSecretPost(m2m.secret), m2m.secret);
    const out = await oidc.clientCredentialsGrant(config);
    expect(
      out.scope ?? JSON.parse(Buffer.from(out.access_token.split(".")[1], "base64url").toString()).scope,
    ).toBe(SCOPES.join(" "));
  });

  it("answers §12's errors: invalid_client, invalid_scope, unsupported_grant_type, invalid_request", async () => {
    const wrong = await tokenRequest({ grant_type: "client_credentials" }, basic(m2m.id, "nope"));
    expect(wrong).toMatchObject({ status: 401, body: { error: "invalid_client" } });
    const unknown = await tokenRequest({ grant_type: "client_credentials", client_id: "nosuchclient" });
    expect(unknown).toMatchObject({ status: 400, body: { error: "invalid_client" } });
    const scope = await tokenRequest(
      { grant_type: "client_credentials", scope: "openid" },
      basic(m2m.id, m2m.secret),
    );
    expect(scope).toMatchObject({ status: 400, body: { error: "invalid_scope" } });
    const other = await tokenRequest(
      { grant_type: "client_credentials", scope: "orders/delete" },
      basic(m2m.id, m2m.secret),
    );
    expect(other.body.error).toBe("invalid_scope");
    const grant = await tokenRequest({ grant_type: "password" }, basic(m2m.id, m2m.secret));
    expect(grant).toMatchObject({ status: 400, body: { error: "unsupported_grant_type" } });
    const none = await tokenRequest({}, basic(m2m.id, m2m.secret));
    expect(none).toMatchObject({ status: 400, body: { error: "invalid_request" } });
    const json = await fetch(`${domainBase}/oauth2/token`, {
      method: "POST",
      headers: { "content-type": "application/json", ...basic(m2m.id, m2m.secret) },
      body: '{"grant_type":"client_credentials"}',
    });
    expect(json.status).toBe(400);
    expect(((await json.json()) as { error: string }).error).toBe("invalid_request");
  });

  it("refuses a client without the flow (unauthorized_client)", async () => {
    const c = await h.client.send(
      new CreateUserPoolClientCommand({
        UserPoolId: poolId,
        ClientName: "no-m2m",
        GenerateSecret: true,
        AllowedOAuthFlowsUserPoolClient: true,
        AllowedOAuthFlows: ["code"],
        AllowedOAuthScopes: ["openid"],
        CallbackURLs: ["http://localhost:3000/cb"],
      }),
    );
    const out = await tokenRequest(
      { grant_type: "client_credentials" },
      basic(c.UserPoolClient?.ClientId as string, c.UserPoolClient?.ClientSecret as string),
    );
    expect(out).toMatchObject({ status: 400, body: { error: "unauthorized_client" } });
  });
});

describe("the code flow with PKCE through the managed-login page", () => {
  it("refuses a client that is not an OAuth client (AllowedOAuthFlowsUserPoolClient false): unauthorized_client", async () => {
    const c = await h.client.send(
      new CreateUserPoolClientCommand({
        UserPoolId: poolId,
        ClientName: "api-only",
        GenerateSecret: true,
        AllowedOAuthFlowsUserPoolClient: false,
        CallbackURLs: [CALLBACK],
      }),
    );
    const id = c.UserPoolClient?.ClientId as string;
    const r = await new Browser().go(
      `${domainBase}/oauth2/authorize?client_id=${id}&response_type=code&redirect_uri=${encodeURIComponent(CALLBACK)}`,
    );
    expect(new URL(r.location as string).searchParams.get("error")).toBe("unauthorized_client");
    const t = await tokenRequest(
      { grant_type: "authorization_code", code: "x", redirect_uri: CALLBACK },
      basic(id, c.UserPoolClient?.ClientSecret as string),
    );
    expect(t).toMatchObject({ status: 400, body: { error: "unauthorized_client" } });
  });

  it("answers userInfo only for a user's access token (a client_credentials one is invalid_token)", async () => {
    const m = await tokenRequest({ grant_type: "client_credentials" }, basic(m2m.id, m2m.secret));
    const res = await fetch(`${domainBase}/oauth2/userInfo`, {
      headers: { authorization: `Bearer ${m.body.access_token}` },
    });
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toMatch(/^Bearer error="invalid_token"/);
    const none = await fetch(`${domainBase}/oauth2/userInfo`);
    expect(none.status).toBe(401);
  });

  it("signs in, redeems the code once, and issues tokens with §12's claims that verify against the JWKS", async () => {
    const config = await configFor(web.id, oidc.ClientSecretBasic(web.secret), web.secret);
    const b = new Browser();
    const { res, verifier, state, nonce } = await codeFlow(config, b, "alice");
    expect(res.status).toBe(302);
    expect(res.location?.startsWith(`${CALLBACK}?code=`)).toBe(true);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith("cognito="));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\/domain\/oauth-test/);
    const tokens = await oidc.authorizationCodeGrant(config, new URL(res.location as string), {
      pkceCodeVerifier: verifier,
      expectedState: state,
      expectedNonce: nonce,
    });
    const id = await idVerifier(web.id).verify(tokens.id_token as string);
    expect(id).toMatchObject({
      aud: web.id,
      nonce,
      token_use: "id",
      "cognito:username": "alice",
      email: "alice@example.com",
    });
    expect(typeof id.at_hash).toBe("string");
    const access = await accessVerifier().verify(tokens.access_token);
    expect(access).toMatchObject({
      client_id: web.id,
      username: "alice",
      scope: "openid email profile orders/read",
    });
    expect(access.aud).toBeUndefined();
    expect(typeof tokens.refresh_token).toBe("string");

    // The same code again: invalid_grant (single use).
    const again = await tokenRequest(
      {
        grant_type: "authorization_code",
        code: new URL(res.location as string).searchParams.get("code") as string,
        redirect_uri: CALLBACK,
        code_verifier: verifier,
      },
      basic(web.id, web.secret),
    );
    expect(again).toMatchObject({ status: 400, body: { error: "invalid_grant" } });

    // userInfo: the user's claims (strings, as Cognito answers them).
    const info = await oidc.fetchUserInfo(config, tokens.access_token, id.sub as string);
    expect(info).toMatchObject({
      sub: id.sub,
      username: "alice",
      email: "alice@example.com",
      email_verified: "true",
      name: "Alice",
    });

    // refresh: new tokens of the same sign-in with the same scopes.
    const refreshed = await oidc.refreshTokenGrant(config, tokens.refresh_token as string);
    const access2 = await accessVerifier().verify(refreshed.access_token);
    expect(access2.scope).toBe("openid email profile orders/read");
    expect(access2.origin_jti).toBe(access.origin_jti);

    // revoke: the refresh token and the access tokens issued from it.
    await oidc.tokenRevocation(config, tokens.refresh_token as string);
    const after = await tokenRequest(
      { grant_type: "refresh_token", refresh_token: tokens.refresh_token as string },
      basic(web.id, web.secret),
    );
    expect(after).toMatchObject({ status: 400, body: { error: "invalid_grant" } });
    await expect(oidc.fetchUserInfo(config, refreshed.access_token, id.sub as string)).rejects.toThrow();

    // The session cookie signs the next authorize request in without the page.
    const next = await codeFlow(config, b, "alice");
    expect(next.res.location?.startsWith(`${CALLBACK}?code=`)).toBe(true);

    // logout: logout_uri checked against LogoutURLs, the cookie cleared, the page shown again.
    const bad = await b.go(
      `${domainBase}/logout?client_id=${web.id}&logout_uri=${encodeURIComponent("https://evil.example/")}`,
    );
    expect(bad.status).toBe(400);
    const out = await b.go(oidc.buildEndSessionUrl(config, { client_id: web.id, logout_uri: BYE }).href);
    expect(out).toMatchObject({ status: 302, location: BYE });
    expect(b.cookie("cognito")).toBeUndefined();
    const fresh = await b.go(
      oidc.buildAuthorizationUrl(config, { redirect_uri: CALLBACK, scope: "openid" }).href,
    );
    expect(fresh.location).toContain("/login?");
  });

  it("revokes refresh tokens only: an access token is unsupported_token_type, another client's is refused", async () => {
    const config = await configFor(web.id, oidc.ClientSecretBasic(web.secret), web.secret);
    const { res, verifier, state, nonce } = await codeFlow(config, new Browser(), "alice");
    const tokens = await oidc.authorizationCodeGrant(config, new URL(res.location as string), {
      pkceCodeVerifier: verifier,
      expectedState: state,
      expectedNonce: nonce,
    });
    const revoke = (form: Record<string, string>, headers: Record<string, string>) =>
      fetch(`${domainBase}/oauth2/revoke`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
        body: new URLSearchParams(form),
      });
    const jwt = await revoke({ token: tokens.access_token }, basic(web.id, web.secret));
    expect(jwt.status).toBe(400);
    expect(((await jwt.json()) as { error: string }).error).toBe("unsupported_token_type");
    const other = await revoke({ token: tokens.refresh_token as string }, basic(m2m.id, m2m.secret));
    expect(other.status).toBe(400);
    const noSecret = await revoke({ token: tokens.refresh_token as string, client_id: web.id }, {});
    expect(((await noSecret.json()) as { error: string }).error).toBe("invalid_client");
    const unknown = await revoke({ token: "not-a-token" }, basic(web.id, web.secret));
    expect(unknown.status).toBe(200);
    // Still valid: none of the refused revocations took effect.
    expect((await oidc.refreshTokenGrant(config, tokens.refresh_token as string)).access_token).toMatch(
      /^eyJ/,
    );
  });

  it("refuses a wrong code_verifier and a wrong redirect_uri (invalid_grant)", async () => {
    const config = await configFor(web.id, oidc.ClientSecretPost(web.secret), web.secret);
    for (const wrong of ["verifier", "redirect"] as const) {
      const { res, verifier } = await codeFlow(config, new Browser(), "alice");
      const code = new URL(res.location as string).searchParams.get("code") as string;
      const out = await tokenRequest({
        grant_type: "authorization_code",
        client_id: web.id,
        client_secret: web.secret,
        code,
        redirect_uri: wrong === "redirect" ? "http://localhost:3000/other" : CALLBACK,
        code_verifier: wrong === "verifier" ? `${verifier}x` : verifier,
      });
      expect(out).toMatchObject({ status: 400, body: { error: "invalid_grant" } });
    }
  });

  it("gives a public client implicit tokens in the fragment", async () => {
    const config = await configFor(spa, oidc.None());
    const { res, state } = await codeFlow(config, new Browser(), "alice", {
      response_type: "token",
      scope: "openid email",
    });
    const fragment = new URLSearchParams(new URL(res.location as string).hash.slice(1));
    expect(fragment.get("state")).toBe(state);
    expect(fragment.get("token_type")).toBe("Bearer");
    const id = await idVerifier(spa).verify(fragment.get("id_token") as string);
    expect(id.aud).toBe(spa);
    expect(fragment.get("refresh_token")).toBeNull();
  });

  it("answers authorize errors: an error page for a bad redirect_uri, else error= to redirect_uri", async () => {
    const base = `${domainBase}/oauth2/authorize?client_id=${web.id}&response_type=code`;
    const b = new Browser();
    const mismatch = await b.go(`${base}&redirect_uri=${encodeURIComponent("https://evil.example/cb")}`);
    expect(mismatch.status).toBe(400);
    expect(mismatch.text).toContain("redirect_mismatch");
    const unknown = await b.go(
      `${domainBase}/oauth2/authorize?client_id=nope&response_type=code&redirect_uri=${CALLBACK}`,
    );
    expect(unknown.status).toBe(400);
    const errorOf = async (query: string) => {
      const r = await b.go(`${base}&redirect_uri=${encodeURIComponent(CALLBACK)}&state=s1${query}`);
      expect(r.status).toBe(302);
      const u = new URL(r.location as string);
      expect(u.searchParams.get("state")).toBe("s1");
      return u.searchParams.get("error");
    };
    expect(await errorOf("&scope=phone")).toBe("invalid_scope");
    expect(await errorOf("&scope=orders/write")).toBe("invalid_scope");
    expect(await errorOf("&code_challenge=abc&code_challenge_method=plain")).toBe("invalid_request");
    const implicit = await b.go(
      `${domainBase}/oauth2/authorize?client_id=${web.id}&response_type=token&redirect_uri=${encodeURIComponent(CALLBACK)}`,
    );
    expect(new URL(implicit.location as string).searchParams.get("error")).toBe("unauthorized_client");
    const odd = await b.go(
      `${domainBase}/oauth2/authorize?client_id=${web.id}&response_type=id_token&redirect_uri=${encodeURIComponent(CALLBACK)}`,
    );
    expect(new URL(odd.location as string).searchParams.get("error")).toBe("unsupported_response_type");
  });
});

describe("the managed-login page", () => {
  const start = async (b: Browser, clientId = web.id) => {
    const r = await b.go(
      `${domainBase}/login?client_id=${clientId}&response_type=code&scope=openid&redirect_uri=${encodeURIComponent(CALLBACK)}`,
    );
    expect(r.status).toBe(200);
    return r;
  };
  const loginUrl = () => `${domainBase}/login`;

  it("says so for a wrong password and a disabled user, and refuses a form without its anti-forgery token", async () => {
    const b = new Browser();
    const page = await start(b);
    const wrong = await b.submit(page, loginUrl(), { username: "alice", password: "Wr0ng#pass" });
    expect(wrong.status).toBe(400);
    expect(alertOf(wrong.text)).toBe("Incorrect username or password.");
    await user("dora", { email: "dora@example.com" });
    await h.client.send(new AdminDisableUserCommand({ UserPoolId: poolId, Username: "dora" }));
    const disabled = await b.submit(page, loginUrl(), { username: "dora", password: PASSWORD });
    expect(alertOf(disabled.text)).toBe("User is disabled.");
    const forged = await b.submit(page, loginUrl(), {
      username: "alice",
      password: PASSWORD,
      _csrf: "x".repeat(43),
    });
    expect(forged.status).toBe(403);
    expect(forged.location).toBeUndefined();
    // A foreign site's form post is refused by the server before the page sees it.
    const foreign = await b.submit(page, loginUrl(), { username: "alice", password: PASSWORD });
    expect(foreign.status).toBe(302);
    const cross = await fetch(`${domainBase}/login?client_id=${web.id}`, {
      method: "POST",
      headers: { origin: "https://evil.example", "content-type": "application/x-www-form-urlencoded" },
      body: "username=alice",
    });
    expect(cross.status).toBe(403);
  });

  it("asks a user with a temporary password for a new one, then signs in", async () => {
    await user("tess", { email: "tess@example.com" }, true);
    const b = new Browser();
    const page = await b.submit(await start(b), loginUrl(), { username: "tess", password: PASSWORD });
    expect(page.text).toContain('for="new_password">New password</label>');
    const mismatch = await b.submit(page, loginUrl(), {
      new_password: "N3w#Password!",
      confirm_password: "other",
    });
    expect(alertOf(mismatch.text)).toBe("Passwords do not match.");
    const done = await b.submit(mismatch, loginUrl(), {
      new_password: "N3w#Password!",
      confirm_password: "N3w#Password!",
    });
    expect(alertOf(done.text)).toBeUndefined();
    expect(done.status).toBe(302);
    expect(done.location?.startsWith(`${CALLBACK}?code=`)).toBe(true);
  });

  it("asks for the TOTP code of a user with an authenticator, and retries a wrong one", async () => {
    await h.client.send(
      new SetUserPoolMfaConfigCommand({
        UserPoolId: poolId,
        MfaConfiguration: "OPTIONAL",
        SoftwareTokenMfaConfiguration: { Enabled: true },
      }),
    );
    await user("tom", { email: "tom@example.com" });
    const signIn = await h.client.send(
      new AdminInitiateAuthCommand({
        UserPoolId: poolId,
        ClientId: web.id,
        AuthFlow: "ADMIN_USER_PASSWORD_AUTH",
        AuthParameters: {
          USERNAME: "tom",
          PASSWORD,
          SECRET_HASH: (await import("../src/cognito/crypto/index.js")).secretHash("tom", web.id, web.secret),
        },
      }),
    );
    const AccessToken = signIn.AuthenticationResult?.AccessToken as string;
    const { SecretCode } = await h.client.send(new AssociateSoftwareTokenCommand({ AccessToken }));
    const totp = new TOTP({ secret: Secret.fromBase32(SecretCode as string), digits: 6, period: 30 });
    await h.client.send(new VerifySoftwareTokenCommand({ AccessToken, UserCode: totp.generate() }));
    await h.client.send(
      new AdminSetUserMFAPreferenceCommand({
        UserPoolId: poolId,
        Username: "tom",
        SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
      }),
    );
    const b = new Browser();
    const page = await b.submit(await start(b), loginUrl(), { username: "tom", password: PASSWORD });
    expect(page.text).toContain('for="code">Code from your authenticator app</label>');
    const wrong = await b.submit(page, loginUrl(), {
      code: "000000" === totp.generate() ? "111111" : "000000",
    });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('for="code">');
    const done = await b.submit(wrong, loginUrl(), { code: totp.generate() });
    expect(alertOf(done.text)).toBeUndefined();
    expect(done.location?.startsWith(`${CALLBACK}?code=`)).toBe(true);
  });

  it("asks for the SMS code, which lands in the endpoint's outbox", async () => {
    await user("sam", {
      email: "sam@example.com",
      phone_number: "+15555550123",
      phone_number_verified: "true",
    });
    await h.client.send(
      new AdminSetUserMFAPreferenceCommand({
        UserPoolId: poolId,
        Username: "sam",
        SMSMfaSettings: { Enabled: true, PreferredMfa: true },
      }),
    );
    const b = new Browser();
    const page = await b.submit(await start(b), loginUrl(), { username: "sam", password: PASSWORD });
    expect(page.text).toContain("We sent a code by text message to +*******0123.");
    expect(page.text).toContain(`cogctl local messages --pool ${poolId}`);
    const sms = h.endpoint.services.messages.list(poolId, "sam").at(-1);
    expect(sms?.channel).toBe("SMS");
    const done = await b.submit(page, loginUrl(), { code: sms?.code as string });
    expect(done.location?.startsWith(`${CALLBACK}?code=`)).toBe(true);
  });

  it("asks for the email code of a user with email MFA", async () => {
    await h.client.send(
      new SetUserPoolMfaConfigCommand({
        UserPoolId: poolId,
        MfaConfiguration: "OPTIONAL",
        SoftwareTokenMfaConfiguration: { Enabled: true },
        EmailMfaConfiguration: { Message: "Your code is {####}", Subject: "Your code" },
      }),
    );
    await user("eve", { email: "eve@example.com", email_verified: "true" });
    await h.client.send(
      new AdminSetUserMFAPreferenceCommand({
        UserPoolId: poolId,
        Username: "eve",
        EmailMfaSettings: { Enabled: true, PreferredMfa: true },
      }),
    );
    const b = new Browser();
    const page = await b.submit(await start(b), loginUrl(), { username: "eve", password: PASSWORD });
    expect(page.text).toContain("We sent a code by email to");
    const mail = h.endpoint.services.messages.list(poolId, "eve").at(-1);
    expect(mail?.channel).toBe("EMAIL");
    const done = await b.submit(page, loginUrl(), { code: mail?.code as string });
    expect(done.location?.startsWith(`${CALLBACK}?code=`)).toBe(true);
  });

  it("shows the pool's UI customization (CSS and logo)", async () => {
    const { SetUICustomizationCommand } = await import("@aws-sdk/client-cognito-identity-provider");
    await h.client.send(
      new SetUICustomizationCommand({
        UserPoolId: poolId,
        ClientId: spa,
        CSS: ".banner-customizable { background-color: #123456; }",
        ImageFile: Buffer.from("89504e470d0a1a0a", "hex"),
      }),
    );
    const page = await start(new Browser(), spa);
    expect(page.text).toContain(".banner-customizable { background-color: #123456; }");
    expect(page.text).toContain('src="data:image/png;base64,iVBORw0KGgo="');
    expect(page.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
  });
});
