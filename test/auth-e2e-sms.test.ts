// Codes by SMS end to end against the embedded endpoint: SMS_MFA in a pool with an SMS
// configuration (the code read from the endpoint's outbox), SMS_OTP as the USER_AUTH first factor,
// and `auth mfa setup sms|email` / `auth mfa prefer` deciding which factor the next sign-in asks for.
import {
  AdminSetUserMFAPreferenceCommand,
  SetUserPoolMfaConfigCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scriptedPrompter } from "./helpers/auth.js";
import { type AuthWorld, authWorld, loginArgs } from "./helpers/auth-e2e.js";

const SMS_CONFIGURATION = {
  SnsCallerArn: "arn:aws:iam::000000000000:role/cognito-sms",
  ExternalId: "cogctl-e2e",
};

let w: AuthWorld;
beforeAll(async () => {
  w = await authWorld();
});
afterAll(async () => {
  await w?.close();
});

/** The outbox's latest message for a user, which must be an SMS. */
function lastSms(poolId: string, username: string) {
  const m = w.local.endpoint.services.messages.list(poolId, username).at(-1);
  expect(m).toMatchObject({ channel: "SMS", kind: "MFA", code: expect.stringMatching(/^\d{6}$/) });
  return m!;
}

describe("SMS_MFA", () => {
  let poolId: string;
  let clientId: string;
  const login = (user: string) => loginArgs(poolId, clientId, user);
  beforeAll(async () => {
    poolId = await w.pool();
    await w.local.client.send(
      new SetUserPoolMfaConfigCommand({
        UserPoolId: poolId,
        MfaConfiguration: "ON",
        SmsMfaConfiguration: {
          SmsConfiguration: SMS_CONFIGURATION,
          SmsAuthenticationMessage: "Your cogctl code is {####}",
        },
      }),
    );
    ({ clientId } = await w.client(poolId));
    await w.user(poolId, "sam", "Sam-password-1", {
      permanent: true,
      attributes: { phone_number: "+15555550123", phone_number_verified: "true" },
    });
    await w.local.client.send(
      new AdminSetUserMFAPreferenceCommand({
        UserPoolId: poolId,
        Username: "sam",
        SMSMfaSettings: { Enabled: true, PreferredMfa: true },
      }),
    );
  });

  it("at a prompt: says where the code was sent (CODE_DELIVERY_DESTINATION); the code from the outbox signs in", async () => {
    const prompter = scriptedPrompter([
      [/Password for sam/, "Sam-password-1"],
      [/^Code sent by SMS to \+\*+0123:$/, () => lastSms(poolId, "sam").code!],
    ]);
    const r = await w.cli(login("sam"), { tty: true, prompter });
    expect(r.stderr).toMatch(/A code was sent by SMS to \+\*+0123\./);
    expect(r.stderr).toMatch(/Signed in as sam/);
    expect(r.code).toBe(0);
    expect(prompter.asked.map((a) => a.flag)).toEqual([
      "--password-stdin, --password-file or COGCTL_PASSWORD",
      "--mfa-code, --code-command, COGCTL_MFA_CODE or COGCTL_CODE_COMMAND",
    ]);
    const sms = lastSms(poolId, "sam");
    expect(sms).toMatchObject({ destination: "+15555550123" });
    expect(sms.message).toBe(`Your cogctl code is ${sms.code}`);
    // The code went by SMS only: nothing else arrived in the outbox for sam.
    expect(w.local.endpoint.services.messages.list(poolId, "sam").every((m) => m.channel === "SMS")).toBe(
      true,
    );
  });

  it("a mistyped SMS code is asked again", async () => {
    const r = await w.cli(login("sam"), {
      tty: true,
      prompter: scriptedPrompter([
        [/Password for sam/, "Sam-password-1"],
        [/Code sent by SMS/, "000000"],
        [/Code sent by SMS/, () => lastSms(poolId, "sam").code!],
      ]),
    });
    expect(r.stderr).toMatch(/not accepted; try again/);
    expect(r.code).toBe(0);
  });

  it("unattended: no code source fails at once (252) after the SMS went out; a wrong --mfa-code is the service's CodeMismatchException", async () => {
    const before = w.local.endpoint.services.messages.list(poolId, "sam").length;
    const stuck = await w.cli([...login("sam"), "--password-stdin"], {
      stdin: "Sam-password-1",
      timeoutMs: 5000,
    });
    expect(stuck.code).toBe(252);
    expect(stuck.stderr).toMatch(
      /Code sent by SMS to \+\*+0123: no terminal to ask on\. Provide it with --mfa-code, --code-command, COGCTL_MFA_CODE or COGCTL_CODE_COMMAND/,
    );
    expect(w.local.endpoint.services.messages.list(poolId, "sam")).toHaveLength(before + 1);
    // The code from the outbox belongs to that (abandoned) sign-in: each SMS_MFA challenge sends its own.
    const stale = lastSms(poolId, "sam").code!;
    const wrong = await w.cli([...login("sam"), "--password-stdin", "--mfa-code", stale], {
      stdin: "Sam-password-1",
      timeoutMs: 5000,
    });
    expect(wrong.code).toBe(254);
    expect(wrong.stderr).toMatch(/CodeMismatchException/);
    expect(wrong.stderr).not.toMatch(/try again/);
    expect(w.local.endpoint.services.messages.list(poolId, "sam")).toHaveLength(before + 2);
  });
});

describe("SMS_MFA without a preference", () => {
  it("MFA ON and nothing set up: a user with a phone number gets SMS_MFA", async () => {
    const poolId = await w.pool();
    await w.local.client.send(
      new SetUserPoolMfaConfigCommand({
        UserPoolId: poolId,
        MfaConfiguration: "ON",
        SmsMfaConfiguration: { SmsConfiguration: SMS_CONFIGURATION },
      }),
    );
    const { clientId } = await w.client(poolId);
    await w.user(poolId, "pia", "Pia-password-1", {
      permanent: true,
      attributes: { phone_number: "+15555550177", phone_number_verified: "true" },
    });
    const r = await w.cli([...loginArgs(poolId, clientId, "pia"), "--flow", "password"], {
      tty: true,
      prompter: scriptedPrompter([
        [/Password for pia/, "Pia-password-1"],
        [/^Code sent by SMS to \+\*+0177:$/, () => lastSms(poolId, "pia").code!],
      ]),
    });
    expect(r.stderr).toMatch(/Signed in as pia/);
    expect(r.code).toBe(0);
  });
});

describe("USER_AUTH with SMS_OTP as the first factor", () => {
  let poolId: string;
  let clientId: string;
  const login = (user: string) => [...loginArgs(poolId, clientId, user), "--flow", "user-auth"];
  beforeAll(async () => {
    poolId = await w.pool({
      Policies: { SignInPolicy: { AllowedFirstAuthFactors: ["PASSWORD", "SMS_OTP"] } },
      SmsConfiguration: SMS_CONFIGURATION,
    });
    ({ clientId } = await w.client(poolId, {
      ExplicitAuthFlows: ["ALLOW_USER_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    }));
    await w.user(poolId, "otto", "Otto-password-1", {
      permanent: true,
      attributes: { phone_number: "+15555550199", phone_number_verified: "true" },
    });
  });

  it("--preferred-challenge SMS_OTP: no password asked; the code from the outbox signs in", async () => {
    const prompter = scriptedPrompter([
      [/^Code sent by SMS to \+\*+0199:$/, () => lastSms(poolId, "otto").code!],
    ]);
    const r = await w.cli([...login("otto"), "--preferred-challenge", "SMS_OTP"], { tty: true, prompter });
    expect(r.stderr).toMatch(/A code was sent by SMS to \+\*+0199\./);
    expect(r.stderr).toMatch(/Signed in as otto/);
    expect(r.code).toBe(0);
    expect(prompter.asked.map((a) => a.kind)).toEqual(["input"]);
  });

  it("SELECT_CHALLENGE offers SMS_OTP; --select picks it; without a terminal a missing code is 252", async () => {
    const chooser = scriptedPrompter([
      [/How do you want to sign in/, "SMS_OTP"],
      [/Code sent by SMS/, () => lastSms(poolId, "otto").code!],
    ]);
    const chosen = await w.cli(login("otto"), { tty: true, prompter: chooser });
    expect(chosen.code).toBe(0);
    expect(chooser.asked[0].choices).toEqual(["PASSWORD", "PASSWORD_SRP", "SMS_OTP"]);

    const stuck = await w.cli([...login("otto"), "--select", "SMS_OTP"], { timeoutMs: 5000 });
    expect(stuck.code).toBe(252);
    expect(stuck.stderr).toMatch(
      /Code sent by SMS to \+\*+0199: no terminal to ask on\. Provide it with --mfa-code/,
    );
  });
});

describe("auth mfa setup sms|email and auth mfa prefer", () => {
  it("after a sign-in, turns SMS then email on; the next sign-in asks for the preferred factor", async () => {
    const poolId = await w.pool({ EmailConfiguration: { EmailSendingAccount: "COGNITO_DEFAULT" } });
    await w.local.client.send(
      new SetUserPoolMfaConfigCommand({
        UserPoolId: poolId,
        MfaConfiguration: "OPTIONAL",
        SmsMfaConfiguration: { SmsConfiguration: SMS_CONFIGURATION },
        EmailMfaConfiguration: { Message: "Your code is {####}", Subject: "Code" },
      }),
    );
    const { clientId } = await w.client(poolId);
    await w.user(poolId, "mo", "Mo-password-1", {
      permanent: true,
      attributes: {
        phone_number: "+15555550142",
        phone_number_verified: "true",
        email: "mo@example.com",
        email_verified: "true",
      },
    });
    const login = loginArgs(poolId, clientId, "mo");
    // On a "terminal" so the one-line summary shows; nothing may be asked.
    const mfa = (...args: string[]) =>
      w.cli(["auth", "mfa", ...args, "--user-pool-id", poolId], {
        tty: true,
        prompter: scriptedPrompter([]),
      });
    /** Signs mo in at a "terminal", answering the one code prompt that must come up. */
    const signInWithCode = async (prompt: RegExp, code: () => string) => {
      const prompter = scriptedPrompter([
        [/Password for mo/, "Mo-password-1"],
        [prompt, code],
      ]);
      const r = await w.cli(login, { tty: true, prompter });
      expect(r.code).toBe(0);
      expect(prompter.asked).toHaveLength(2);
      return r;
    };
    const lastEmail = () => {
      const m = w.local.endpoint.services.messages.list(poolId, "mo").at(-1);
      expect(m).toMatchObject({ channel: "EMAIL", kind: "MFA" });
      return m!.code!;
    };

    // OPTIONAL MFA and nothing set up: the password alone signs in.
    const plain = await w.cli([...login, "--password-stdin"], { stdin: "Mo-password-1", timeoutMs: 5000 });
    expect(plain.stderr).toBe("");
    expect(plain.code).toBe(0);

    const sms = await mfa("setup", "sms");
    expect(sms.code).toBe(0);
    expect(sms.stderr).toMatch(/SMS MFA is on for mo \(mo@example\.com\) \(preferred\)/);
    const whoami = JSON.parse((await w.cli(["auth", "whoami", "--user-pool-id", poolId])).stdout);
    expect(whoami).toMatchObject({ PreferredMfaSetting: "SMS_MFA", UserMFASettingList: ["SMS_MFA"] });
    const bySms = await signInWithCode(/^Code sent by SMS to \+\*+0142:$/, () => lastSms(poolId, "mo").code!);
    expect(bySms.stderr).toMatch(/A code was sent by SMS to \+\*+0142\./);
    // Unattended, the factor is just as required: no code source is 252 at once.
    const stuck = await w.cli([...login, "--password-stdin"], { stdin: "Mo-password-1", timeoutMs: 5000 });
    expect(stuck.code).toBe(252);
    expect(stuck.stderr).toMatch(/Code sent by SMS/);

    // Email on, but not preferred: SMS stays the factor asked for.
    expect((await mfa("setup", "email", "--no-preferred")).code).toBe(0);
    await signInWithCode(/^Code sent by SMS/, () => lastSms(poolId, "mo").code!);

    expect((await mfa("prefer", "email")).stderr).toMatch(/EMAIL is now the preferred MFA of mo/);
    const byEmail = await signInWithCode(/^Code sent by email to m\*\*\*@e\*\*\*\.com:$/, lastEmail);
    expect(byEmail.stderr).toMatch(/A code was sent by email to m\*\*\*@e\*\*\*\.com\./);

    expect((await mfa("prefer", "sms")).code).toBe(0);
    await signInWithCode(/^Code sent by SMS/, () => lastSms(poolId, "mo").code!);
  });

  it("setup sms for a user without a phone number is the service's refusal (exit 254)", async () => {
    const poolId = await w.pool();
    await w.local.client.send(
      new SetUserPoolMfaConfigCommand({
        UserPoolId: poolId,
        MfaConfiguration: "OPTIONAL",
        SmsMfaConfiguration: { SmsConfiguration: SMS_CONFIGURATION },
      }),
    );
    const { clientId } = await w.client(poolId);
    await w.user(poolId, "nell", "Nell-password-1", { permanent: true });
    const signIn = await w.cli([...loginArgs(poolId, clientId, "nell"), "--password-stdin"], {
      stdin: "Nell-password-1",
    });
    expect(signIn.code).toBe(0);
    const r = await w.cli(["auth", "mfa", "setup", "sms", "--user-pool-id", poolId]);
    expect(r.code).toBe(254);
    expect(r.stderr).toMatch(/InvalidParameterException/);
  });
});
