// The embedded endpoint's managed-login page driven in headless Chromium (Debian's, through
// test/helpers/browser.ts), as an app using the hosted UI with PKCE drives it: sign-in, a wrong
// password, the new-password challenge, TOTP (codes computed with otpauth); the code each sign-in
// redirects with is exchanged at /oauth2/token and the tokens verified with aws-jwt-verify. Then
// `auth login --web --no-browser` as a real process, its URL opened in the same browser and signed
// in on the page, ending with a stored session that `auth refresh` and `auth logout` (revoking it)
// work on. Screenshots are kept under test-artifacts/.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
  AdminCreateUserCommand,
  AdminInitiateAuthCommand,
  AdminSetUserMFAPreferenceCommand,
  AdminSetUserPasswordCommand,
  AssociateSoftwareTokenCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  SetUserPoolMfaConfigCommand,
  VerifySoftwareTokenCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { Secret, TOTP } from "otpauth";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createPkce, createState } from "../src/auth/oauth/pkce.js";
import { artifactPath, type Browser, launchBrowser } from "./helpers/browser.js";
import { spawnWaitingForUrl } from "./helpers/cli.js";
import { freePort } from "./helpers/fake-oauth-domain.js";
import { type OAuthWorld, oauthWorld } from "./helpers/oauth-world.js";

const PASSWORD = "Correct-horse-1";

describe("the managed-login page in headless Chromium", () => {
  let w: OAuthWorld;
  let browser: Browser;
  let poolId: string;
  let domainUrl: string;
  let clientId: string;
  let callback: string;

  const user = async (username: string, opts: { temporary?: boolean } = {}) => {
    await w.sdk.send(
      new AdminCreateUserCommand({
        UserPoolId: poolId,
        Username: username,
        MessageAction: "SUPPRESS",
        TemporaryPassword: PASSWORD,
        UserAttributes: [
          { Name: "email", Value: `${username}@example.com` },
          { Name: "email_verified", Value: "true" },
        ],
      }),
    );
    if (!opts.temporary)
      await w.sdk.send(
        new AdminSetUserPasswordCommand({
          UserPoolId: poolId,
          Username: username,
          Password: PASSWORD,
          Permanent: true,
        }),
      );
  };

  /** Opens /oauth2/authorize as an app would; resolves with what the callback receives. */
  const authorize = async () => {
    const pkce = createPkce();
    const state = createState();
    const nonce = createState();
    const url = new URL(`${domainUrl}/oauth2/authorize`);
    for (const [k, v] of Object.entries({
      response_type: "code",
      client_id: clientId,
      redirect_uri: callback,
      scope: "openid email",
      state,
      nonce,
      code_challenge: pkce.challenge,
      code_challenge_method: "S256",
    }))
      url.searchParams.set(k, v);
    await browser.page.goto(url.toString());
    return { pkce, state, nonce };
  };
  const signInForm = async (username: string, password: string) => {
    await browser.page.getByLabel("Username").fill(username);
    await browser.page.getByLabel("Password", { exact: true }).fill(password);
    await browser.page.getByRole("button", { name: "Sign in" }).click();
  };
  /** The callback's query once the page redirects there; the code exchanged and the tokens verified. */
  const redeemed = async (started: { pkce: { verifier: string }; state: string; nonce: string }) => {
    await browser.page
      .waitForURL((u) => u.toString().startsWith(callback), { timeout: 10_000 })
      .catch(async (err) => {
        // Where the browser stopped instead, and what it shows: the failure says why.
        throw new Error(
          `${(err as Error).message}\nat ${browser.page.url()}: ${(await browser.page.textContent("body"))?.slice(0, 500)}`,
        );
      });
    const back = new URL(browser.page.url());
    expect(back.searchParams.get("state")).toBe(started.state);
    const code = back.searchParams.get("code") as string;
    expect(code).toBeTruthy();
    const res = await fetch(`${domainUrl}/oauth2/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "authorization_code",
        client_id: clientId,
        code,
        redirect_uri: callback,
        code_verifier: started.pkce.verifier,
      }).toString(),
    });
    const tokens = (await res.json()) as Record<string, string>;
    expect(res.status, JSON.stringify(tokens)).toBe(200);
    const id = await w.verify(poolId, tokens.id_token, "id", clientId);
    expect(id.nonce).toBe(started.nonce);
    const access = await w.verify(poolId, tokens.access_token, "access", clientId);
    return { id, access };
  };

  beforeAll(async () => {
    w = await oauthWorld();
    ({ poolId, domainUrl } = await w.pool());
    callback = `http://localhost:${await freePort()}/callback`;
    ({ clientId } = await w.client(poolId, {
      AllowedOAuthFlows: ["code"],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: ["openid", "email", "aws.cognito.signin.user.admin"],
      CallbackURLs: [callback],
      SupportedIdentityProviders: ["COGNITO"],
      ExplicitAuthFlows: [
        "ALLOW_ADMIN_USER_PASSWORD_AUTH",
        "ALLOW_REFRESH_TOKEN_AUTH",
        "ALLOW_USER_SRP_AUTH",
      ],
    }));
    browser = await launchBrowser();
  }, 60_000);

  beforeEach(async () => {
    // Each sign-in starts without the previous one's managed-login cookie; the callback is answered
    // by the test itself, as an app's page would be.
    await browser.context.clearCookies();
    await browser.page.unrouteAll();
    await browser.page.route(`${callback}**`, (route) =>
      route.fulfill({ status: 200, contentType: "text/html", body: "<h1>App callback</h1>" }),
    );
  });
  afterAll(async () => {
    await browser?.close();
    await w?.close();
  });

  it("signs a user in with username and password; the code's tokens verify", async () => {
    await user("alice");
    const started = await authorize();
    await expect.poll(() => browser.page.title()).toBe("Signin");
    await browser.page.screenshot({ path: artifactPath("managed-login-sign-in.png") });
    await signInForm("alice", PASSWORD);
    const { id, access } = await redeemed(started);
    expect(id).toMatchObject({ "cognito:username": "alice", email: "alice@example.com", token_use: "id" });
    expect(access).toMatchObject({ username: "alice", client_id: clientId });
    expect(String(access.scope).split(" ").sort()).toEqual(["email", "openid"]);
  }, 30_000);

  it("says a wrong password is wrong, then signs in with the right one", async () => {
    await user("dave");
    const started = await authorize();
    await signInForm("dave", "Wrong-password-9");
    const alert = browser.page.getByRole("alert");
    await expect.poll(() => alert.textContent()).toMatch(/Incorrect username or password/);
    await browser.page.screenshot({ path: artifactPath("managed-login-wrong-password.png") });
    await signInForm("dave", PASSWORD);
    const { id } = await redeemed(started);
    expect(id["cognito:username"]).toBe("dave");
  }, 30_000);

  it("asks for a new password when the user has a temporary one", async () => {
    await user("bob", { temporary: true });
    const started = await authorize();
    await signInForm("bob", PASSWORD);
    await expect.poll(() => browser.page.locator("h1").textContent()).toBe("Change password");
    await browser.page.screenshot({ path: artifactPath("managed-login-new-password.png") });
    await browser.page.getByLabel("New password", { exact: true }).fill("Brand-new-pass-2");
    await browser.page.getByLabel("Enter new password again").fill("Brand-new-pass-2");
    await browser.page.getByRole("button", { name: "Send" }).click();
    const { id } = await redeemed(started);
    expect(id["cognito:username"]).toBe("bob");
  }, 30_000);

  it("asks a TOTP user for the authenticator's code", async () => {
    await w.sdk.send(
      new SetUserPoolMfaConfigCommand({
        UserPoolId: poolId,
        MfaConfiguration: "OPTIONAL",
        SoftwareTokenMfaConfiguration: { Enabled: true },
      }),
    );
    await user("carol");
    const signedIn = await w.sdk.send(
      new AdminInitiateAuthCommand({
        UserPoolId: poolId,
        ClientId: clientId,
        AuthFlow: "ADMIN_USER_PASSWORD_AUTH",
        AuthParameters: { USERNAME: "carol", PASSWORD },
      }),
    );
    const accessToken = signedIn.AuthenticationResult?.AccessToken as string;
    const { SecretCode } = await w.sdk.send(new AssociateSoftwareTokenCommand({ AccessToken: accessToken }));
    const totp = new TOTP({ secret: Secret.fromBase32(SecretCode as string), digits: 6, period: 30 });
    await w.sdk.send(new VerifySoftwareTokenCommand({ AccessToken: accessToken, UserCode: totp.generate() }));
    await w.sdk.send(
      new AdminSetUserMFAPreferenceCommand({
        UserPoolId: poolId,
        Username: "carol",
        SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
      }),
    );
    const started = await authorize();
    await signInForm("carol", PASSWORD);
    const codeField = browser.page.getByLabel("Code from your authenticator app");
    await codeField.waitFor();
    await browser.page.screenshot({ path: artifactPath("managed-login-totp.png") });
    await codeField.fill(totp.generate());
    await browser.page.getByRole("button", { name: "Sign in" }).click();
    const { id } = await redeemed(started);
    expect(id["cognito:username"]).toBe("carol");
  }, 30_000);

  it("completes `auth login --web --no-browser` in the browser; auth refresh and auth logout work on the session", async () => {
    await user("erin");
    await browser.page.unrouteAll();
    // By name, as a person types them (the task commands' --pool / --client).
    const poolName = (await w.sdk.send(new DescribeUserPoolCommand({ UserPoolId: poolId }))).UserPool?.Name;
    const clientName = (
      await w.sdk.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: clientId }))
    ).UserPoolClient?.ClientName;
    const run = spawnWaitingForUrl(
      [
        "--endpoint-url",
        w.server.url,
        "auth",
        "login",
        "--web",
        "--no-browser",
        "--pool",
        poolName as string,
        "--client",
        clientName as string,
        "--scope",
        "openid",
        "--scope",
        "email",
        // GetUser (auth whoami) needs the API scope, as on Cognito.
        "--scope",
        "aws.cognito.signin.user.admin",
        "--timeout",
        "30",
      ],
      w.env,
    );
    try {
      await browser.page.goto(await run.url);
      await signInForm("erin", PASSWORD);
      await expect
        .poll(() => browser.page.locator("h1").textContent(), { timeout: 10_000 })
        .toBe("Signed in");
      await browser.page.screenshot({ path: artifactPath("auth-login-web-signed-in.png") });
      const end = await run.done;
      expect(end.code, end.stderr).toBe(0);
    } finally {
      run.kill();
    }
    const dir = join(w.configDir, "sessions");
    const file = readdirSync(dir).find((f) => f.includes(clientId) && f.includes("erin")) as string;
    const stored = JSON.parse(readFileSync(join(dir, file), "utf8"));
    expect(stored).toMatchObject({ username: "erin", email: "erin@example.com", oauthDomain: domainUrl });
    await w.verify(poolId, stored.idToken, "id", clientId);

    const tokenCalls = () => w.log.filter((l) => l.includes("/oauth2/token")).length;
    const before = tokenCalls();
    const refreshed = await w.cli(["auth", "refresh", "--client-id", clientId, "--username", "erin"]);
    expect(refreshed.code, refreshed.stderr).toBe(0);
    expect(tokenCalls()).toBe(before + 1);
    const whoami = await w.cli([
      "auth",
      "whoami",
      "--client-id",
      clientId,
      "--username",
      "erin",
      "--output",
      "json",
    ]);
    expect(whoami.code, whoami.stderr).toBe(0);
    expect(whoami.stdout).toContain("erin");

    const out = await w.cli(["auth", "logout", "--client-id", clientId, "--username", "erin"]);
    expect(out.code, out.stderr).toBe(0);
    expect(w.log.some((l) => l.includes("/oauth2/revoke") && / 200 /.test(l))).toBe(true);
    // The revoked refresh token is refused at the token endpoint.
    const again = await fetch(`${domainUrl}/oauth2/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "refresh_token",
        client_id: clientId,
        refresh_token: stored.refreshToken,
      }).toString(),
    });
    expect(again.status).toBe(400);
    expect(((await again.json()) as { error: string }).error).toBe("invalid_grant");
  }, 60_000);
});
