// The other flows and everything around a stored session, end to end against the embedded
// endpoint: custom challenges (local Lambda modules), USER_AUTH with SELECT_CHALLENGE, tokens
// (json, env, --decode), refresh, whoami, list, logout (revoked tokens are refused afterwards),
// the stored-session hook for AccessToken operations, sign-up, forgot-password, change-password.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { GetUserCommand } from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { injectStoredAccessToken, membersSatisfiedBySession } from "../src/auth/session-injection.js";
import { loadOperation } from "../src/cognito/catalog.js";
import { createContext } from "../src/kernel/create-context.js";
import { createTestIO } from "../src/kernel/io/test-io.js";
import { scriptedPrompter, tempDir } from "./helpers/auth.js";
import { type AuthWorld, authWorld, loginArgs } from "./helpers/auth-e2e.js";

let w: AuthWorld;
let poolId: string;
let clientId: string;
const lambdaDir = tempDir("cogctl-auth-lambda-");
beforeAll(async () => {
  mkdirSync(lambdaDir, { recursive: true });
  writeFileSync(
    join(lambdaDir, "define.mjs"),
    `export async function handler(event) {
      const s = event.request.session;
      if (s.length > 0 && !s[s.length - 1].challengeResult) { event.response.failAuthentication = true; event.response.issueTokens = false; }
      else if (s.length >= 2) { event.response.issueTokens = true; event.response.failAuthentication = false; }
      else { event.response.challengeName = "CUSTOM_CHALLENGE"; event.response.issueTokens = false; event.response.failAuthentication = false; }
      return event;
    }`,
  );
  writeFileSync(
    join(lambdaDir, "create.mjs"),
    `const QUESTIONS = [["2+2?", "4"], ["capital of France?", "Paris"]];
    export async function handler(event) {
      const [q, a] = QUESTIONS[event.request.session.length % 2];
      event.response.publicChallengeParameters = { question: q };
      event.response.privateChallengeParameters = { answer: a };
      return event;
    }`,
  );
  writeFileSync(
    join(lambdaDir, "verify.mjs"),
    `export async function handler(event) {
      event.response.answerCorrect = event.request.challengeAnswer === event.request.privateChallengeParameters.answer;
      return event;
    }`,
  );
  process.env.COGCTL_LOCAL_LAMBDA_DIR = lambdaDir;
  w = await authWorld();
  const fn = (name: string) => `arn:aws:lambda:us-east-1:000000000000:function:${name}`;
  poolId = await w.pool({
    LambdaConfig: {
      DefineAuthChallenge: fn("define"),
      CreateAuthChallenge: fn("create"),
      VerifyAuthChallengeResponse: fn("verify"),
    },
    Policies: {
      PasswordPolicy: { MinimumLength: 8 },
      SignInPolicy: { AllowedFirstAuthFactors: ["PASSWORD", "EMAIL_OTP"] },
    },
    AutoVerifiedAttributes: ["email"],
    EmailConfiguration: { EmailSendingAccount: "COGNITO_DEFAULT" },
  });
  ({ clientId } = await w.client(poolId, {
    ExplicitAuthFlows: [
      "ALLOW_USER_SRP_AUTH",
      "ALLOW_REFRESH_TOKEN_AUTH",
      "ALLOW_CUSTOM_AUTH",
      "ALLOW_USER_AUTH",
      "ALLOW_USER_PASSWORD_AUTH",
    ],
  }));
  await w.user(poolId, "hal", "Hal-password-1", {
    permanent: true,
    attributes: { email: "hal@example.com", email_verified: "true" },
  });
});
afterAll(async () => {
  await w?.close();
});

const login = (user: string) => loginArgs(poolId, clientId, user);

describe("custom and USER_AUTH flows", () => {
  it("CUSTOM_CHALLENGE: shows each question and loops through --answer values", async () => {
    const ok = await w.cli([...login("hal"), "--flow", "custom", "--answer", "4", "--answer", "Paris"], {
      tty: true,
      prompter: scriptedPrompter([]),
    });
    expect(ok.code).toBe(0);
    expect(ok.stderr).toMatch(/question=2\+2\?[\s\S]*question=capital of France\?/);
    const wrong = await w.cli([...login("hal"), "--flow", "custom", "--answer", "5"]);
    expect(wrong.code).toBe(254);
    expect(wrong.stderr).toMatch(/NotAuthorizedException/);
  });

  it("CUSTOM_CHALLENGE interactively: the question is the prompt", async () => {
    const prompter = scriptedPrompter([
      [/^2\+2\?/, "4"],
      [/^capital of France\?/, "Paris"],
    ]);
    const r = await w.cli([...login("hal"), "--flow", "custom"], { tty: true, prompter });
    expect(r.code).toBe(0);
    expect(prompter.asked.map((a) => a.flag)).toEqual([
      "--answer or COGCTL_ANSWER",
      "--answer or COGCTL_ANSWER",
    ]);
  });

  it("USER_AUTH: SELECT_CHALLENGE offers the pool's first factors; PASSWORD_SRP and EMAIL_OTP both sign in", async () => {
    const srp = scriptedPrompter([
      [/How do you want to sign in/, "PASSWORD_SRP"],
      [/Password for hal/, "Hal-password-1"],
    ]);
    const r1 = await w.cli([...login("hal"), "--flow", "user-auth"], { tty: true, prompter: srp });
    expect(r1.code).toBe(0);
    expect(srp.asked[0].choices).toEqual(["PASSWORD", "PASSWORD_SRP", "EMAIL_OTP"]);

    const r2 = await w.cli([...login("hal"), "--flow", "user-auth", "--select", "EMAIL_OTP"], {
      tty: true,
      prompter: scriptedPrompter([[/Code sent by email/, () => w.lastCode(poolId, "hal")]]),
    });
    expect(r2.code).toBe(0);

    const r3 = await w.cli([...login("hal"), "--flow", "user-auth", "--preferred-challenge", "password"], {
      env: { COGCTL_PASSWORD: "Hal-password-1" },
    });
    expect(r3.stderr).toBe("");
    expect(r3.code).toBe(0);
  });
});

describe("stored sessions", () => {
  it("tokens as json, as env lines, decoded; refresh gives new tokens; whoami; list shows no token", async () => {
    await w.user(poolId, "ivy", "Ivy-password-1", {
      permanent: true,
      attributes: { email: "ivy@example.com" },
    });
    expect((await w.cli([...login("ivy"), "--password-stdin"], { stdin: "Ivy-password-1" })).code).toBe(0);

    const json = JSON.parse((await w.cli(["auth", "tokens", "--username", "ivy"])).stdout);
    const env = await w.cli(["auth", "tokens", "--username", "ivy", "--format", "env"]);
    expect(env.stdout).toBe(
      `export ID_TOKEN=${json.IdToken}\nexport ACCESS_TOKEN=${json.AccessToken}\nexport REFRESH_TOKEN=${json.RefreshToken}\n`,
    );
    const decoded = JSON.parse((await w.cli(["auth", "tokens", "--username", "ivy", "--decode"])).stdout);
    expect(decoded.IdToken).toMatchObject({
      "cognito:username": "ivy",
      email: "ivy@example.com",
      token_use: "id",
    });
    expect(decoded.AccessToken.exp_readable).toMatch(/^\d{4}-\d\d-\d\dT.*\(in (59|60) minutes\)$/);
    expect(JSON.stringify(decoded)).not.toContain(json.AccessToken);

    await new Promise((r) => setTimeout(r, 1100)); // new iat, so a refreshed token differs
    const refreshed = await w.cli(["auth", "refresh", "--username", "ivy"]);
    expect(refreshed.code).toBe(0);
    const after = JSON.parse((await w.cli(["auth", "tokens", "--username", "ivy"])).stdout);
    expect(after.AccessToken).not.toBe(json.AccessToken);
    expect(after.RefreshToken).toBe(json.RefreshToken);

    const who = await w.cli(["auth", "whoami", "--username", "ivy"]);
    expect(who.code).toBe(0);
    expect(JSON.parse(who.stdout)).toMatchObject({ Username: "ivy", UserPoolId: poolId });

    const list = await w.cli(["auth", "list"]);
    const sessions = JSON.parse(list.stdout).Sessions;
    expect(sessions.find((s: { Username: string }) => s.Username === "ivy")).toMatchObject({
      UserPoolId: poolId,
      ClientId: clientId,
      CanRefresh: true,
    });
    expect(list.stdout).not.toMatch(/eyJ/);
  });

  it("sessions are kept per endpoint: the same profile at another endpoint has none", async () => {
    const r = await w.cli(["--endpoint-url", "http://127.0.0.1:1", "auth", "tokens", "--username", "ivy"]);
    expect(r.code).toBe(252);
    expect(r.stderr).toMatch(/No stored session for profile 'default' at http:\/\/127\.0\.0\.1:1/);
  });

  it("AccessToken operations use the stored session when --access-token is omitted", async () => {
    const op = loadOperation("get-user")!;
    expect(membersSatisfiedBySession(op)).toEqual(["AccessToken"]);
    expect(membersSatisfiedBySession(loadOperation("admin-get-user")!)).toEqual([]);
    const io = createTestIO({ env: { ...process.env, COGCTL_AUTH_USER: "ivy", AWS_PROFILE: "" } });
    const ctx = createContext(
      io,
      {
        output: "json",
        outputExplicit: false,
        paginate: true,
        debug: false,
        color: "off",
        local: false,
        endpointUrl: w.local.server.url,
        region: "us-east-1",
      },
      { paths: { configDir: w.configDir, dataDir: w.configDir, stateDir: w.configDir } },
    );
    const input: Record<string, unknown> = {};
    await injectStoredAccessToken(op, input, ctx);
    expect(input.AccessToken).toEqual(expect.any(String));
    const user = await w.local.client.send(new GetUserCommand({ AccessToken: input.AccessToken as string }));
    expect(user.Username).toBe("ivy");
    const given = { AccessToken: "explicit" };
    await injectStoredAccessToken(op, given, ctx);
    expect(given.AccessToken).toBe("explicit");
    await ctx.close();
  });

  it("cogctl get-user with no --access-token runs as the stored session; with no session it says how to sign in", async () => {
    const r = await w.cli(["get-user"], { env: { COGCTL_AUTH_USER: "ivy" } });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ Username: "ivy" });
    const none = await w.cli(["get-user"], { env: { COGCTL_AUTH_USER: "nobody" } });
    expect(none.code).toBe(252);
    expect(none.stderr).toMatch(/No stored session .*user nobody.*cogctl auth login.*or pass --access-token/);
  });

  it("logout revokes the refresh token and forgets the session; --global signs out everywhere", async () => {
    const before = JSON.parse((await w.cli(["auth", "tokens", "--username", "ivy"])).stdout);
    const out = await w.cli(["auth", "logout", "--username", "ivy"]);
    expect(out.code).toBe(0);
    expect((await w.cli(["auth", "tokens", "--username", "ivy"])).code).toBe(252);
    // The revoked refresh token is refused by the service from now on.
    const { InitiateAuthCommand } = await import("@aws-sdk/client-cognito-identity-provider");
    await expect(
      w.local.client.send(
        new InitiateAuthCommand({
          AuthFlow: "REFRESH_TOKEN_AUTH",
          ClientId: clientId,
          AuthParameters: { REFRESH_TOKEN: before.RefreshToken },
        }),
      ),
    ).rejects.toThrow(/revoked/i);

    expect((await w.cli([...login("ivy"), "--password-stdin"], { stdin: "Ivy-password-1" })).code).toBe(0);
    const access = JSON.parse((await w.cli(["auth", "tokens", "--username", "ivy"])).stdout).AccessToken;
    expect((await w.cli(["auth", "logout", "--username", "ivy", "--global"])).code).toBe(0);
    await expect(w.local.client.send(new GetUserCommand({ AccessToken: access }))).rejects.toThrow(
      /NotAuthorized|revoked/i,
    );
  });
});

describe("sign-up, forgot-password, change-password", () => {
  it("sign-up then the emailed code confirms the account (resend at the prompt)", async () => {
    const r = await w.cli(
      [
        "auth",
        "sign-up",
        "--user-pool-id",
        poolId,
        "--client-id",
        clientId,
        "--username",
        "jo",
        "--attribute",
        "email=jo@example.com",
      ],
      {
        tty: true,
        prompter: scriptedPrompter([
          [/^Password:/, "Jo-password-1"],
          [/Confirmation code/, "resend"],
          [/Confirmation code/, () => w.lastCode(poolId, "jo")],
        ]),
      },
    );
    expect(r.stderr).toMatch(
      /Signed up jo\. A code was sent by email to j\S*@\S+[\s\S]*A code was sent by email[\s\S]*Signed up and confirmed jo/,
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ UserConfirmed: true, UserSub: expect.any(String) });
    expect((await w.cli([...login("jo"), "--password-stdin"], { stdin: "Jo-password-1" })).code).toBe(0);
  });

  it("unattended sign-up stops after SignUp; confirm-sign-up --code finishes; a sign-up password breaking the policy is 252", async () => {
    const bad = await w.cli(
      [
        "auth",
        "sign-up",
        "--user-pool-id",
        poolId,
        "--client-id",
        clientId,
        "--username",
        "kim",
        "--password-stdin",
      ],
      { stdin: "short" },
    );
    expect(bad.code).toBe(252);
    expect(bad.stderr).toMatch(/at least 8 characters/);
    const r = await w.cli(
      [
        "auth",
        "sign-up",
        "--client-id",
        clientId,
        "--username",
        "kim",
        "--password-stdin",
        "--attribute",
        "email=kim@example.com",
      ],
      { stdin: "Kim-password-1" },
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      UserConfirmed: false,
      CodeDeliveryDetails: { DeliveryMedium: "EMAIL" },
    });
    const c = await w.cli([
      "auth",
      "confirm-sign-up",
      "--client-id",
      clientId,
      "--username",
      "kim",
      "--code",
      w.lastCode(poolId, "kim"),
    ]);
    expect(c.stderr).toBe("");
    expect(c.code).toBe(0);
    expect((await w.cli([...login("kim"), "--password-stdin"], { stdin: "Kim-password-1" })).code).toBe(0);
  });

  it("forgot-password: code sent, then --code with the new password resets it", async () => {
    const send = await w.cli(["auth", "forgot-password", "--client-id", clientId, "--username", "kim"]);
    expect(send.code).toBe(0);
    expect(JSON.parse(send.stdout).CodeDeliveryDetails.DeliveryMedium).toBe("EMAIL");
    const finish = await w.cli(
      [
        "auth",
        "forgot-password",
        "--user-pool-id",
        poolId,
        "--client-id",
        clientId,
        "--username",
        "kim",
        "--code",
        w.lastCode(poolId, "kim"),
      ],
      {
        env: { COGCTL_NEW_PASSWORD: "Kim-reset-password-2" },
      },
    );
    expect(finish.stderr).toBe("");
    expect(finish.code).toBe(0);
    expect((await w.cli([...login("kim"), "--password-stdin"], { stdin: "Kim-reset-password-2" })).code).toBe(
      0,
    );
  });

  it("change-password with the stored session", async () => {
    const r = await w.cli(["auth", "change-password", "--username", "kim", "--password-stdin"], {
      stdin: "Kim-reset-password-2",
      env: { COGCTL_NEW_PASSWORD: "Kim-changed-password-3" },
    });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(
      (await w.cli([...login("kim"), "--password-stdin"], { stdin: "Kim-changed-password-3" })).code,
    ).toBe(0);
  });
});
