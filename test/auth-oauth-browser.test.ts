// `auth login --web --no-browser` as a person over SSH uses it: cogctl runs as a real process
// (bin/cogctl), prints the sign-in URL on stderr and waits; headless Chromium (Debian's, through
// test/helpers/browser.ts) opens that URL, follows the pool domain's redirect to cogctl's loopback
// listener and shows its page; cogctl ends with a stored session. Here the domain is the unit
// tests' fake one, which signs in at once; auth-oauth-e2e.test.ts drives the real managed-login page.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AuthWorld, authWorld } from "./helpers/auth-e2e.js";
import { artifactPath, type Browser, launchBrowser } from "./helpers/browser.js";
import { spawnWaitingForUrl } from "./helpers/cli.js";
import { type FakeDomain, freePort, startFakeDomain } from "./helpers/fake-oauth-domain.js";

describe("auth login --web --no-browser, completed in headless Chromium", () => {
  let world: AuthWorld;
  let fake: FakeDomain;
  let browser: Browser;
  let poolId: string;
  let clientId: string;

  beforeAll(async () => {
    world = await authWorld();
    fake = await startFakeDomain();
    browser = await launchBrowser();
    poolId = await world.pool();
    const callback = `http://localhost:${await freePort()}/callback`;
    clientId = (
      await world.client(poolId, {
        AllowedOAuthFlows: ["code"],
        AllowedOAuthFlowsUserPoolClient: true,
        AllowedOAuthScopes: ["openid", "email"],
        CallbackURLs: [callback],
      })
    ).clientId;
    fake.clients.set(clientId, { scopes: ["openid", "email"], callbackUrls: [callback] });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await fake?.close();
    await world?.close();
  });

  it("prints the URL on stderr, receives the browser's redirect and stores the session", async () => {
    const run = spawnWaitingForUrl(
      [
        "--endpoint-url",
        world.local.server.url,
        "auth",
        "login",
        "--web",
        "--no-browser",
        "--user-pool-id",
        poolId,
        "--client-id",
        clientId,
        "--timeout",
        "30",
      ],
      {
        AWS_ACCESS_KEY_ID: "local",
        AWS_SECRET_ACCESS_KEY: "local",
        AWS_REGION: "us-east-1",
        COGCTL_CONFIG_DIR: world.configDir,
        COGCTL_OAUTH_DOMAIN: fake.url,
        BROWSER: "",
      },
    );
    try {
      const url = await run.url;
      expect(new URL(url).searchParams.get("code_challenge_method")).toBe("S256");
      await browser.page.goto(url);
      await expect.poll(() => browser.page.textContent("h1")).toBe("Signed in");
      await browser.page.screenshot({ path: artifactPath("auth-login-web-loopback-page.png") });
      const end = await run.done;
      expect(end.code, end.stderr).toBe(0);
    } finally {
      run.kill();
    }
    const file = readdirSync(join(world.configDir, "sessions")).find((f) => f.includes(clientId)) as string;
    expect(JSON.parse(readFileSync(join(world.configDir, "sessions", file), "utf8"))).toMatchObject({
      username: "alice",
      oauthDomain: fake.url,
    });
  }, 60_000);
});
