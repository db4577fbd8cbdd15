// The pool domain's OAuth 2.0 / OIDC endpoints on the embedded endpoint (COGNITO-FACTS §12), driven
// over HTTP by openid-client (the well-kept relying-party library) and checked with aws-jwt-verify
// against the pool's JWKS: discovery, client_credentials, the code flow with PKCE through the
// managed-login form, refresh, userInfo, revoke, logout, and each error of §12.
import {
  CreateResourceServerCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  CreateUserPoolDomainCommand,
  DescribeUserPoolDomainCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { JwtRsaVerifier } from "aws-jwt-verify";
import { SimpleJwksCache } from "aws-jwt-verify/jwk";
import * as oidc from "openid-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalHarness, startLocal } from "./helpers/local-server.js";

let h: LocalHarness;
let poolId: string;
let issuer: string;
let domainBase: string;
let m2m: { id: string; secret: string };

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
  const d = await h.client.send(new DescribeUserPoolDomainCommand({ Domain: "oauth-test" }));
  domainBase = d.DomainDescription?.CloudFrontDistribution as string;
});

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
