// `auth client-credentials` and `auth login --web` end to end against the embedded endpoint's real
// pool domain (`cogctl local serve`'s /domain/PREFIX, stated by DescribeUserPoolDomain): the domain
// is found the way it is on AWS (DescribeUserPool, DescribeUserPoolDomain), tokens are verified
// with aws-jwt-verify against the endpoint's JWKS, and the endpoint's request log proves that a
// cached token costs no request at all.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type OAuthWorld, oauthWorld } from "./helpers/oauth-world.js";

describe("auth client-credentials against the embedded endpoint's domain", () => {
  let w: OAuthWorld;
  let poolId: string;
  let domainUrl: string;
  let m2m: { clientId: string; clientSecret?: string };

  beforeAll(async () => {
    w = await oauthWorld();
    ({ poolId, domainUrl } = await w.pool({
      resourceServer: { identifier: "orders", scopes: ["read", "write"] },
    }));
    m2m = await w.client(poolId, {
      GenerateSecret: true,
      AllowedOAuthFlows: ["client_credentials"],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: ["orders/read", "orders/write"],
    });
  });
  afterAll(async () => {
    await w?.close();
  });

  const cc = (extra: string[], env: Record<string, string> = {}) =>
    w.cli(["auth", "client-credentials", "--pool", poolId, "--client", m2m.clientId, ...extra], env);
  const tokenRequests = () => w.log.filter((l) => l.includes("/oauth2/token")).length;

  it("finds the domain from the pool, gets a token that verifies, then serves it cached with no request", async () => {
    expect(domainUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/domain\//);
    const before = tokenRequests();
    const cold = await cc(["--scope", "orders/read"]);
    expect(cold.code, cold.stderr).toBe(0);
    expect(tokenRequests()).toBe(before + 1);
    const token = cold.stdout.trim();
    const claims = await w.verify(poolId, token, "access", m2m.clientId);
    expect(claims).toMatchObject({
      sub: m2m.clientId,
      client_id: m2m.clientId,
      token_use: "access",
      scope: "orders/read",
    });
    expect(claims.username).toBeUndefined();

    const logged = w.log.length;
    const cached = await cc(["--scope", "orders/read"]);
    expect(cached.code, cached.stderr).toBe(0);
    expect(cached.stdout.trim()).toBe(token);
    // Not one request of any kind: no DescribeUserPool, no DescribeUserPoolClient, no token.
    expect(w.log.slice(logged)).toEqual([]);
  });

  it("prints JSON and the decoded claims of the endpoint's token", async () => {
    const json = JSON.parse((await cc(["--format", "json", "--no-cache"])).stdout);
    expect(json).toMatchObject({ token_type: "Bearer", scope: expect.stringContaining("orders/read") });
    expect(json.expires_in).toBeGreaterThan(3000);
    const env = await cc(["--format", "env"]);
    expect(env.stdout).toMatch(
      /^export ACCESS_TOKEN=\S+\nexport TOKEN_TYPE=Bearer\nexport EXPIRES_AT=\S+\n$/,
    );
    const decoded = JSON.parse((await cc(["--decode"])).stdout);
    expect(decoded).toMatchObject({ client_id: m2m.clientId, token_use: "access" });
  });

  it("refuses a scope the client may not have (254, naming what it allows)", async () => {
    const r = await cc(["--scope", "orders/delete"]);
    expect(r.code).toBe(254);
    expect(r.stderr).toMatch(/\(invalid_scope\)/);
    expect(r.stderr).toMatch(/allows: orders\/read orders\/write/);
  });

  it("refuses a client without a secret (252) and one without the grant (254 unauthorized_client)", async () => {
    const publicClient = await w.client(poolId, {
      AllowedOAuthFlows: ["code"],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: ["openid"],
      CallbackURLs: ["http://localhost:8400/callback"],
    });
    const noSecret = await w.cli([
      "auth",
      "client-credentials",
      "--pool",
      poolId,
      "--client",
      publicClient.clientId,
    ]);
    expect(noSecret.code).toBe(252);
    expect(noSecret.stderr).toMatch(/has no secret/);

    const codeOnly = await w.client(poolId, {
      GenerateSecret: true,
      AllowedOAuthFlows: ["code"],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: ["openid"],
      CallbackURLs: ["http://localhost:8400/callback"],
    });
    const r = await w.cli(["auth", "client-credentials", "--pool", poolId, "--client", codeOnly.clientId]);
    expect(r.code).toBe(254);
    expect(r.stderr).toMatch(
      /\(unauthorized_client\).*client_credentials in AllowedOAuthFlows \(it has: code\)/,
    );
  });

  it("refuses a wrong secret (254 invalid_client) without showing it", async () => {
    const r = await cc(["--no-cache"], { COGCTL_CLIENT_SECRET: "wrong-secret-value" });
    expect(r.code).toBe(254);
    expect(r.stderr).toMatch(/\(invalid_client\)/);
    expect(r.stderr).not.toContain("wrong-secret-value");
  });
});
