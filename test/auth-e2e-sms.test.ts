// Codes by SMS end to end against the embedded endpoint: SMS_MFA in a pool with an SMS
// configuration (the code read from the endpoint's outbox), SMS_OTP as the USER_AUTH first factor,
// and `auth mfa setup sms|email` / `auth mfa prefer` deciding which factor the next sign-in asks for.
import {
  AdminSetUserMFAPreferenceCommand,
  SetUserPoolMfaConfigCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scriptedPrompter } from "./helpers/auth.js";
import { type AuthWorld, authWorld } from "./helpers/auth-e2e.js";

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
  const login = (user: string) => [
    "auth",
    "login",
    "--user-pool-id",
    poolId,
    "--client-id",
    clientId,
    "--username",
    user,
  ];
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
      "--mfa-code or COGCTL_MFA_CODE",
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
      /Code sent by SMS to \+\*+0123: no terminal to ask on\. Provide it with --mfa-code or COGCTL_MFA_CODE/,
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
    const r = await w.cli(
      [
        "auth",
        "login",
        "--user-pool-id",
        poolId,
        "--client-id",
        clientId,
        "--username",
        "pia",
        "--flow",
        "password",
      ],
      {
        tty: true,
        prompter: scriptedPrompter([
          [/Password for pia/, "Pia-password-1"],
          [/^Code sent by SMS to \+\*+0177:$/, () => lastSms(poolId, "pia").code!],
        ]),
      },
    );
    expect(r.stderr).toMatch(/Signed in as pia/);
    expect(r.code).toBe(0);
  });
});

describe("USER_AUTH with SMS_OTP as the first factor", () => {
  let poolId: string;
  let clientId: string;
  const login = (user: string) => [
    "auth",
    "login",
    "--user-pool-id",
    poolId,
    "--client-id",
    clientId,
    "--username",
    user,
    "--flow",
    "user-auth",
  ];
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
