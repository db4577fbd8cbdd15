// The client side of the pool domain's OAuth endpoints, unit-tested against a tiny fake domain
// (test/helpers/fake-oauth-domain.ts) with the embedded endpoint answering the Cognito API:
// `auth client-credentials` (cold, cached without a request, --no-cache, formats, errors, the
// 0600 cache holding no secret, --debug holding no secret) and `auth login --web` (a $BROWSER
// that follows the redirect, state and error checks, no-terminal refusal, timeout), then
// `auth refresh` and `auth logout` on the web session. The end-to-end tests against the embedded
// endpoint's real domain are in auth-oauth-e2e.test.ts.
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserCommand, hasNoDisplay } from "../src/auth/oauth/browser.js";
import { oauthDomainUrl } from "../src/auth/oauth/domain.js";
import { s256 } from "../src/auth/oauth/pkce.js";
import { reuseUntil } from "../src/auth/oauth/token-cache.js";
import { type AuthWorld, authWorld } from "./helpers/auth-e2e.js";
import { ROOT } from "./helpers/cli.js";
import { type FakeDomain, freePort, startFakeDomain } from "./helpers/fake-oauth-domain.js";

describe("oauth client pieces", () => {
  it("computes the S256 challenge of RFC 7636's example verifier", () => {
    expect(s256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")).toBe(
      "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
    );
  });

  it("opens $BROWSER with the URL last or in place of %s, else the platform's opener", () => {
    const url = "https://x.example/oauth2/authorize?a=1&b=2";
    expect(browserCommand(url, { BROWSER: "firefox --new-tab" }, "linux")).toEqual({
      command: "firefox",
      args: ["--new-tab", url],
    });
    expect(browserCommand(url, { BROWSER: "w3m %s" }, "linux")).toEqual({ command: "w3m", args: [url] });
    expect(browserCommand(url, { BROWSER: "chromium:firefox" }, "linux").command).toBe("chromium");
    expect(browserCommand(url, {}, "linux")).toEqual({ command: "xdg-open", args: [url] });
    expect(browserCommand(url, {}, "darwin")).toEqual({ command: "open", args: [url] });
    expect(hasNoDisplay({}, "linux")).toBe(true);
    expect(hasNoDisplay({ DISPLAY: ":0" }, "linux")).toBe(false);
    expect(hasNoDisplay({ BROWSER: "lynx" }, "linux")).toBe(false);
  });

  it("finds the domain as on AWS: prefix, custom domain, the endpoint's stated URL, --domain-url", async () => {
    const asked: string[] = [];
    const call = (pool: Record<string, string>, stated?: string) => async (op: string) => {
      asked.push(op);
      return op === "DescribeUserPool"
        ? { UserPool: pool }
        : { DomainDescription: stated ? { CloudFrontDistribution: stated } : {} };
    };
    const aws = { globals: { local: false }, io: { env: {} } } as never;
    expect(await oauthDomainUrl(aws, call({ Domain: "acme" }), "eu-west-1_AbC123", {})).toBe(
      "https://acme.auth.eu-west-1.amazoncognito.com",
    );
    expect(
      await oauthDomainUrl(
        aws,
        call({ Domain: "acme", CustomDomain: "login.acme.example" }),
        "eu-west-1_AbC123",
        {},
      ),
    ).toBe("https://login.acme.example");
    expect(asked).toEqual(["DescribeUserPool", "DescribeUserPool"]);
    const other = {
      globals: { local: false, endpointUrl: "http://127.0.0.1:9229" },
      io: { env: {} },
    } as never;
    expect(
      await oauthDomainUrl(
        other,
        call({ Domain: "acme" }, "http://127.0.0.1:9229/domain/acme"),
        "us-east-1_X1",
        {},
      ),
    ).toBe("http://127.0.0.1:9229/domain/acme");
    await expect(
      oauthDomainUrl(other, call({ Domain: "acme" }, "d123.cloudfront.net"), "us-east-1_X1", {}),
    ).rejects.toThrow(/states no URL for domain 'acme'.*--domain-url/);
    await expect(oauthDomainUrl(aws, call({}), "us-east-1_X1", {})).rejects.toThrow(
      /has no domain.*create-user-pool-domain/,
    );
    asked.length = 0;
    expect(await oauthDomainUrl(aws, call({}), undefined, { domainUrl: "https://auth.acme.example/" })).toBe(
      "https://auth.acme.example",
    );
    expect(asked).toEqual([]);
    await expect(oauthDomainUrl(aws, call({}), undefined, { domainUrl: "ftp://x" })).rejects.toThrow(
      /--domain-url/,
    );
  });

  it("stops handing out a cached token a tenth of its lifetime before expiry (30 s to 5 min)", () => {
    const t0 = new Date("2026-01-01T00:00:00Z");
    expect(reuseUntil(t0, 3600).toISOString()).toBe("2026-01-01T00:55:00.000Z");
    expect(reuseUntil(t0, 600).toISOString()).toBe("2026-01-01T00:09:00.000Z");
    expect(reuseUntil(t0, 120).toISOString()).toBe("2026-01-01T00:01:30.000Z");
  });
});

describe("auth client-credentials and auth login --web against a fake domain", () => {
  let world: AuthWorld;
  let fake: FakeDomain;
  let poolId: string;
  let m2m: { clientId: string; clientSecret?: string };
  let publicClient: string;
  const stateDir = () => join(world.configDir, "state");

  beforeAll(async () => {
    world = await authWorld();
    fake = await startFakeDomain();
    poolId = await world.pool();
    m2m = await world.client(poolId, {
      GenerateSecret: true,
      AllowedOAuthFlows: ["client_credentials"],
      AllowedOAuthFlowsUserPoolClient: true,
    });
    fake.clients.set(m2m.clientId, { secret: m2m.clientSecret, scopes: ["orders/read", "orders/write"] });
    publicClient = (await world.client(poolId)).clientId;
    fake.clients.set(publicClient, { scopes: [] });
  });
  afterAll(async () => {
    await fake?.close();
    await world?.close();
  });

  const cc = (extra: string[], env: Record<string, string> = {}) =>
    world.cli(["auth", "client-credentials", "--client", m2m.clientId, ...extra], {
      env: { COGCTL_OAUTH_DOMAIN: fake.url, ...env },
    });

  it("gets a token cold, then serves it from the 0600 cache without a request", async () => {
    const before = fake.count("POST /oauth2/token client_credentials");
    const cold = await cc(["--pool", poolId, "--scope", "orders/read"]);
    expect(cold.code, cold.stderr).toBe(0);
    const token = cold.stdout.trim();
    expect(token.split(".")).toHaveLength(3);
    expect(fake.count("POST /oauth2/token client_credentials")).toBe(before + 1);

    const cached = await cc(["--pool", poolId, "--scope", "orders/read"]);
    expect(cached.code, cached.stderr).toBe(0);
    expect(cached.stdout.trim()).toBe(token);
    expect(fake.count("POST /oauth2/token client_credentials")).toBe(before + 1);

    const dir = join(stateDir(), "oauth-tokens");
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    const files = readdirSync(dir).filter((f) => f.endsWith(".json"));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      expect(statSync(join(dir, f)).mode & 0o777).toBe(0o600);
      const text = readFileSync(join(dir, f), "utf8");
      expect(text).not.toContain(m2m.clientSecret as string);
      expect(f).not.toContain(m2m.clientSecret as string);
    }

    // Another scope set is another token; --no-cache always asks.
    await cc(["--pool", poolId, "--scope", "orders/write"]);
    expect(fake.count("POST /oauth2/token client_credentials")).toBe(before + 2);
    const fresh = await cc(["--pool", poolId, "--scope", "orders/read", "--no-cache"]);
    expect(fresh.code).toBe(0);
    expect(fresh.stdout.trim()).not.toBe(token);
    expect(fake.count("POST /oauth2/token client_credentials")).toBe(before + 3);
  });

  it("asks again once the cached token is near its expiry", async () => {
    const args = ["--pool", poolId, "--scope", "orders/write"];
    const first = (await cc(args)).stdout.trim();
    const before = fake.count("POST /oauth2/token client_credentials");
    const dir = join(stateDir(), "oauth-tokens");
    for (const f of readdirSync(dir).filter((n) => n.endsWith(".json"))) {
      const entry = JSON.parse(readFileSync(join(dir, f), "utf8"));
      if (entry.accessToken !== first) continue;
      entry.reuseUntil = new Date(Date.now() - 1000).toISOString();
      writeFileSync(join(dir, f), JSON.stringify(entry));
    }
    const again = (await cc(args)).stdout.trim();
    expect(again).not.toBe(first);
    expect(fake.count("POST /oauth2/token client_credentials")).toBe(before + 1);
  });

  it("prints env lines, JSON or the decoded claims", async () => {
    const env = await cc(["--pool", poolId, "--format", "env"]);
    expect(env.code, env.stderr).toBe(0);
    expect(env.stdout).toMatch(
      /^export ACCESS_TOKEN=[\w-]+\.[\w-]+\.[\w-]+\nexport TOKEN_TYPE=Bearer\nexport EXPIRES_AT=\S+Z\n$/,
    );
    const json = JSON.parse((await cc(["--pool", poolId, "--format", "json"])).stdout);
    expect(json).toMatchObject({ token_type: "Bearer", scope: "orders/read orders/write" });
    expect(json.expires_in).toBeGreaterThan(3000);
    const claims = JSON.parse((await cc(["--pool", poolId, "--decode"])).stdout);
    expect(claims).toMatchObject({ client_id: m2m.clientId, sub: m2m.clientId, token_use: "access" });
    expect(claims.exp_readable).toMatch(/in (59|60) minutes/);
  });

  it("takes the secret from COGCTL_CLIENT_SECRET or a file without asking the pool", async () => {
    const file = join(world.configDir, "m2m.secret");
    writeFileSync(file, `${m2m.clientSecret}\n`, { mode: 0o600 });
    const viaFile = await cc(["--client-secret-file", file, "--no-cache"]);
    expect(viaFile.code, viaFile.stderr).toBe(0);
    const viaEnv = await cc(["--no-cache"], { COGCTL_CLIENT_SECRET: m2m.clientSecret as string });
    expect(viaEnv.code, viaEnv.stderr).toBe(0);
  });

  it("never shows the secret or the token in --debug output", async () => {
    const r = await world.cli(
      ["--debug", "auth", "client-credentials", "--client", m2m.clientId, "--pool", poolId, "--no-cache"],
      { env: { COGCTL_OAUTH_DOMAIN: fake.url } },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain("/oauth2/token");
    expect(r.stderr).not.toContain(m2m.clientSecret as string);
    expect(r.stderr).not.toContain(r.stdout.trim());
    expect(r.stderr).not.toContain(Buffer.from(`${m2m.clientId}:${m2m.clientSecret}`).toString("base64"));
  });

  it("fails clearly: no secret (252), a client without one (252), a bad scope (254), a wrong secret (254)", async () => {
    const noSecret = await cc([]);
    expect(noSecret.code).toBe(252);
    expect(noSecret.stderr).toMatch(/--client-secret-file.*COGCTL_CLIENT_SECRET.*--pool/);

    const publicOne = await world.cli(
      ["auth", "client-credentials", "--client", publicClient, "--pool", poolId],
      {
        env: { COGCTL_OAUTH_DOMAIN: fake.url },
      },
    );
    expect(publicOne.code).toBe(252);
    expect(publicOne.stderr).toMatch(/has no secret.*--generate-secret/);

    const badScope = await cc(["--pool", poolId, "--scope", "orders/delete"]);
    expect(badScope.code).toBe(254);
    expect(badScope.stderr).toMatch(/\(invalid_scope\).*oauth2\/token.*Asked for: orders\/delete/);

    const wrong = await cc(["--no-cache"], { COGCTL_CLIENT_SECRET: "not-the-secret" });
    expect(wrong.code).toBe(254);
    expect(wrong.stderr).toMatch(/\(invalid_client\).*Check the secret/);
    expect(wrong.stderr).not.toContain("not-the-secret");

    const noDomain = await world.cli(["auth", "client-credentials", "--client", m2m.clientId], {
      env: { COGCTL_OAUTH_DOMAIN: "", COGCTL_POOL: "" },
    });
    expect(noDomain.code).toBe(252);
    expect(noDomain.stderr).toMatch(/--pool.*--domain-url/);
    const badFormat = await cc(["--pool", poolId, "--format", "xml"]);
    expect(badFormat.code).toBe(252);
  });

  describe("auth login --web", () => {
    let webClient: string;
    let port: number;
    const browser = `${process.execPath} ${join(ROOT, "test", "fixtures", "follow-url.mjs")}`;
    const web = (extra: string[] = [], env: Record<string, string> = {}) =>
      world.cli(
        [
          "auth",
          "login",
          "--web",
          "--user-pool-id",
          poolId,
          "--client-id",
          webClient,
          "--timeout",
          "10",
          ...extra,
        ],
        { env: { COGCTL_OAUTH_DOMAIN: fake.url, BROWSER: browser, ...env } },
      );

    beforeAll(async () => {
      port = await freePort();
      const callback = `http://localhost:${port}/callback`;
      webClient = (
        await world.client(poolId, {
          AllowedOAuthFlows: ["code"],
          AllowedOAuthFlowsUserPoolClient: true,
          AllowedOAuthScopes: ["openid", "email"],
          CallbackURLs: ["https://app.example.com/cb", callback],
          SupportedIdentityProviders: ["COGNITO"],
        })
      ).clientId;
      fake.clients.set(webClient, { scopes: ["openid", "email"], callbackUrls: [callback] });
    });

    it("signs in through $BROWSER, stores the session, refreshes and revokes it at the domain", async () => {
      fake.mode = "ok";
      const r = await web(["--scope", "openid", "--scope", "email"]);
      expect(r.code, r.stderr).toBe(0);
      const sessions = JSON.parse((await world.cli(["auth", "list", "--output", "json"])).stdout);
      const mine = (Array.isArray(sessions) ? sessions : (sessions.Sessions ?? [])).find(
        (s: { ClientId?: string }) => s.ClientId === webClient,
      );
      expect(mine, JSON.stringify(sessions)).toBeDefined();
      const file = readdirSync(join(world.configDir, "sessions")).find((f) =>
        f.includes(webClient),
      ) as string;
      const stored = JSON.parse(readFileSync(join(world.configDir, "sessions", file), "utf8"));
      expect(stored).toMatchObject({ username: "alice", email: "alice@example.com", oauthDomain: fake.url });
      expect(statSync(join(world.configDir, "sessions", file)).mode & 0o777).toBe(0o600);

      const refreshes = fake.count("POST /oauth2/token refresh_token");
      const refreshed = await world.cli(["auth", "refresh", "--client-id", webClient]);
      expect(refreshed.code, refreshed.stderr).toBe(0);
      expect(fake.count("POST /oauth2/token refresh_token")).toBe(refreshes + 1);

      const out = await world.cli(["auth", "logout", "--client-id", webClient]);
      expect(out.code, out.stderr).toBe(0);
      expect(fake.revoked.has(stored.refreshToken)).toBe(true);
      expect(readdirSync(join(world.configDir, "sessions")).some((f) => f.includes(webClient))).toBe(false);
    });

    it("refuses a redirect whose state differs, and stores nothing", async () => {
      fake.mode = "bad-state";
      const r = await web();
      fake.mode = "ok";
      expect(r.code).toBe(255);
      expect(r.stderr).toMatch(/state does not match/);
      expect(readdirSync(join(world.configDir, "sessions")).some((f) => f.includes(webClient))).toBe(false);
    });

    it("reports the authorization endpoint's error (254)", async () => {
      fake.mode = "error";
      const r = await web();
      fake.mode = "ok";
      expect(r.code).toBe(254);
      expect(r.stderr).toMatch(/\(access_denied\).*the user said no/);
    });

    it("fails at once without a terminal, a $BROWSER or --no-browser, naming --no-browser", async () => {
      const started = Date.now();
      const r = await web([], { BROWSER: "" });
      expect(r.code).toBe(252);
      expect(r.stderr).toMatch(/--no-browser/);
      expect(Date.now() - started).toBeLessThan(3000);
    });

    it("gives up after --timeout when nobody signs in", async () => {
      const r = await web(["--timeout", "1"], { BROWSER: "true" });
      expect(r.code).toBe(255);
      expect(r.stderr).toMatch(/No sign-in reached the redirect within 1 s/);
    });

    it("refuses --web's flags without --web", async () => {
      const r = await world.cli([
        "auth",
        "login",
        "--no-browser",
        "--user-pool-id",
        poolId,
        "--client-id",
        webClient,
      ]);
      expect(r.code).toBe(252);
      expect(r.stderr).toMatch(/--no-browser only apply to a browser sign-in: add --web/);
    });

    it("refuses a --redirect-port that is none of the client's CallbackURLs", async () => {
      const r = await web(["--redirect-port", "1"]);
      expect(r.code).toBe(252);
      expect(r.stderr).toMatch(/no http:\/\/localhost:1\/\.\.\. CallbackURL/);
    });
  });
});
