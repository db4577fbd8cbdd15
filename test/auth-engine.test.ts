// The sign-in engine against a scripted service: each test plays the service's side of one
// challenge path with the real server-side SRP maths (src/cognito/crypto), so a wrong proof fails.
import { statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type AnswerFlags, Answers } from "../src/auth/answers.js";
import { SecretHasher } from "../src/auth/client-secret.js";
import { signIn } from "../src/auth/engine.js";
import { policyCheck } from "../src/auth/password-policy.js";
import type { EngineEnv, EngineOptions } from "../src/auth/types.js";
import {
  createDeviceVerifier,
  createPasswordVerifier,
  type DeviceSecret,
  deviceVerifierFromConfig,
  newTotpSecret,
  secretHash,
  startServerSrp,
  totpCode,
  verifyClaim,
  verifyDeviceClaim,
  verifyTotp,
} from "../src/cognito/crypto/index.js";
import type { CognitoCall } from "../src/kernel/cognito-call.js";
import { CliError, UsageError } from "../src/kernel/errors.js";
import { createInquirerPrompter } from "../src/kernel/io/inquirer-prompter.js";
import type { Prompter } from "../src/kernel/io/prompter.js";
import { createTestIO } from "../src/kernel/io/test-io.js";
import { scriptedCall, scriptedPrompter, serviceError, tempDir } from "./helpers/auth.js";

const POOL = "us-east-1_TestPool1";
const POOL_NAME = "TestPool1";
const CLIENT = "client123";
const TOKENS = {
  AccessToken: "access",
  IdToken: "id",
  RefreshToken: "refresh",
  ExpiresIn: 3600,
  TokenType: "Bearer",
};

function env(
  call: CognitoCall,
  opts: {
    flags?: AnswerFlags;
    prompter?: Prompter;
    options?: Partial<EngineOptions>;
    secret?: string;
    device?: DeviceSecret;
    info?: string[];
  } = {},
): EngineEnv {
  const io = createTestIO();
  const prompter = opts.prompter ?? createInquirerPrompter(io);
  return {
    call,
    hasher: new SecretHasher(call, POOL, CLIENT, opts.secret),
    answers: new Answers(opts.flags ?? {}, io, prompter),
    ui: { info: (m) => opts.info?.push(m), showTotpSetup: async () => {} },
    options: { flow: "srp", userPoolId: POOL, clientId: CLIENT, ...opts.options },
    clock: () => new Date(),
    passwordCheck: async () => policyCheck({ MinimumLength: 8, RequireNumbers: true }),
    findDevice: async (name) => (opts.device && name === "alice" ? opts.device : undefined),
  };
}

/** The service's side of USER_SRP_AUTH for user alice (typed as an alias), checking the proof. */
function srpService(password: string) {
  const stored = createPasswordVerifier(POOL_NAME, "alice", password);
  let state: ReturnType<typeof startServerSrp>["state"] | undefined;
  return {
    initiate: (_op: string, input: Record<string, any>) => {
      const step = startServerSrp(input.AuthParameters.SRP_A, stored);
      state = step.state;
      return {
        ChallengeName: "PASSWORD_VERIFIER",
        Session: "s1",
        ChallengeParameters: {
          SALT: step.salt,
          SRP_B: step.srpB,
          SECRET_BLOCK: "c2VjcmV0YmxvY2s=",
          USER_ID_FOR_SRP: "alice",
          USERNAME: "alice",
        },
      };
    },
    verify: (input: Record<string, any>) => {
      const r = input.ChallengeResponses;
      return verifyClaim(state!, {
        poolName: POOL_NAME,
        userIdForSrp: r.USERNAME,
        secretBlockB64: r.PASSWORD_CLAIM_SECRET_BLOCK,
        timestamp: r.TIMESTAMP,
        signatureB64: r.PASSWORD_CLAIM_SIGNATURE,
      });
    },
  };
}

describe("SRP", () => {
  it("proves the password and answers as the real username", async () => {
    const srp = srpService("Corr3ct-horse");
    const call = scriptedCall([
      srp.initiate,
      (_op, input) => {
        expect(srp.verify(input)).toBe(true);
        return { AuthenticationResult: TOKENS };
      },
    ]);
    const out = await signIn(
      "alice@example.com",
      env(call, {
        flags: { passwordFile: undefined },
        prompter: scriptedPrompter([[/Password for alice@example.com/, "Corr3ct-horse"]]),
      }),
    );
    expect(out.result.AccessToken).toBe("access");
    expect(out.username).toBe("alice");
    expect(call.calls[0]).toMatchObject({
      op: "InitiateAuth",
      input: {
        AuthFlow: "USER_SRP_AUTH",
        ClientId: CLIENT,
        AuthParameters: { USERNAME: "alice@example.com" },
      },
    });
    expect(call.calls[1].input).toMatchObject({
      ChallengeName: "PASSWORD_VERIFIER",
      Session: "s1",
      ChallengeResponses: { USERNAME: "alice" },
    });
  });

  it("a wrong password produces a proof the service rejects", async () => {
    const srp = srpService("Corr3ct-horse");
    const call = scriptedCall([
      srp.initiate,
      (_op, input) => {
        if (!srp.verify(input))
          throw serviceError(
            "NotAuthorizedException",
            "RespondToAuthChallenge",
            "Incorrect username or password.",
          );
        return { AuthenticationResult: TOKENS };
      },
    ]);
    const e = env(call, { prompter: scriptedPrompter([[/Password/, "wrong"]]) });
    await expect(signIn("alice", e)).rejects.toThrow(
      /NotAuthorizedException.*Incorrect username or password/,
    );
  });

  it("adds SECRET_HASH everywhere once the service says the client has a secret", async () => {
    const srp = srpService("Corr3ct-horse");
    const call = scriptedCall([
      () => {
        throw serviceError(
          "NotAuthorizedException",
          "InitiateAuth",
          "Client client123 is configured with secret but SECRET_HASH was not received",
        );
      },
      (op) => {
        expect(op).toBe("DescribeUserPoolClient");
        return { UserPoolClient: { ClientSecret: "s3cr3t" } };
      },
      (op, input) => {
        expect(input.AuthParameters.SECRET_HASH).toBe(secretHash("alice", CLIENT, "s3cr3t"));
        return srp.initiate(op, input);
      },
      (_op, input) => {
        expect(input.ChallengeResponses.SECRET_HASH).toBe(secretHash("alice", CLIENT, "s3cr3t"));
        expect(srp.verify(input)).toBe(true);
        return { AuthenticationResult: TOKENS };
      },
    ]);
    const out = await signIn(
      "alice",
      env(call, { flags: {}, prompter: scriptedPrompter([[/Password/, "Corr3ct-horse"]]) }),
    );
    expect(out.result.IdToken).toBe("id");
    expect(call.calls.map((c) => c.op)).toEqual([
      "InitiateAuth",
      "DescribeUserPoolClient",
      "InitiateAuth",
      "RespondToAuthChallenge",
    ]);
  });
});

describe("challenges", () => {
  it("NEW_PASSWORD_REQUIRED: checks the policy before sending and asks for missing required attributes", async () => {
    const call = scriptedCall([
      () => ({
        ChallengeName: "NEW_PASSWORD_REQUIRED",
        Session: "s1",
        ChallengeParameters: {
          USERNAME: "bob",
          userAttributes: '{"email":"bob@example.com"}',
          requiredAttributes: '["userAttributes.email","userAttributes.name"]',
        },
      }),
      (_op, input) => {
        expect(input.ChallengeResponses).toEqual({
          USERNAME: "bob",
          NEW_PASSWORD: "Better-pass1",
          "userAttributes.name": "Bob",
        });
        return { AuthenticationResult: TOKENS };
      },
    ]);
    const prompter = scriptedPrompter([
      [/Password for bob/, "Temp-pass1"],
      [/New password/, "Better-pass1"],
      [/required attribute name/, "Bob"],
    ]);
    await signIn("bob", env(call, { prompter, options: { flow: "password" } }));
    expect(call.calls[0].input.AuthParameters).toEqual({ USERNAME: "bob", PASSWORD: "Temp-pass1" });
    expect(prompter.asked.map((a) => a.kind)).toEqual(["password", "password", "input"]);
  });

  it("NEW_PASSWORD_REQUIRED from flags: a password breaking the policy fails before anything is sent", async () => {
    const dir = tempDir();
    const file = join(dir, "new");
    await import("node:fs/promises").then((fs) => fs.writeFile(file, "short\n"));
    const call = scriptedCall([
      () => ({
        ChallengeName: "NEW_PASSWORD_REQUIRED",
        Session: "s1",
        ChallengeParameters: { USERNAME: "bob" },
      }),
    ]);
    const e = env(call, {
      flags: { newPasswordFile: file },
      prompter: scriptedPrompter([[/Password/, "Temp-pass1"]]),
      options: { flow: "password" },
    });
    const err = await signIn("bob", e).catch((x) => x);
    expect(err).toBeInstanceOf(UsageError);
    expect(err.message).toMatch(/at least 8 characters, a number/);
    expect(call.calls).toHaveLength(1);
  });

  it("SOFTWARE_TOKEN_MFA: computes the code from --totp-secret", async () => {
    const secret = newTotpSecret();
    const call = scriptedCall([
      () => ({
        ChallengeName: "SOFTWARE_TOKEN_MFA",
        Session: "s2",
        ChallengeParameters: { USERNAME: "alice" },
      }),
      (_op, input) => {
        expect(verifyTotp(secret, input.ChallengeResponses.SOFTWARE_TOKEN_MFA_CODE)).toBe(true);
        return { AuthenticationResult: TOKENS };
      },
    ]);
    const io = createTestIO({ env: { COGCTL_PASSWORD: "pw-from-env" } });
    const e = {
      ...env(call, { options: { flow: "password" } }),
      answers: new Answers({ totpSecret: secret }, io, createInquirerPrompter(io)),
    };
    await signIn("alice", e);
    expect(call.calls[0].input.AuthParameters.PASSWORD).toBe("pw-from-env");
  });

  it("SMS_MFA: says where the code went and asks again after a mistyped code", async () => {
    const info: string[] = [];
    const call = scriptedCall([
      () => ({
        ChallengeName: "SMS_MFA",
        Session: "s2",
        ChallengeParameters: {
          USERNAME: "alice",
          CODE_DELIVERY_DELIVERY_MEDIUM: "SMS",
          CODE_DELIVERY_DESTINATION: "+*******1234",
        },
      }),
      () => {
        throw serviceError(
          "CodeMismatchException",
          "RespondToAuthChallenge",
          "Invalid code or auth state for the user.",
        );
      },
      (_op, input) => {
        expect(input.ChallengeResponses.SMS_MFA_CODE).toBe("222222");
        expect(input.Session).toBe("s2");
        return { AuthenticationResult: TOKENS };
      },
    ]);
    const prompter = scriptedPrompter([
      [/Password/, "pw"],
      [/Code sent by SMS to \+\*+1234/, "111111"],
      [/Code sent by SMS/, "222222"],
    ]);
    await signIn("alice", env(call, { prompter, info, options: { flow: "password" } }));
    expect(info.join("\n")).toMatch(/sent by SMS to \+\*+1234[\s\S]*not accepted/);
  });

  it("SELECT_MFA_TYPE: --select answers; without it and without a terminal, the error names --select", async () => {
    const step = () => ({
      ChallengeName: "SELECT_MFA_TYPE",
      Session: "s",
      ChallengeParameters: { USERNAME: "alice", MFAS_CAN_CHOOSE: '["SMS_MFA","SOFTWARE_TOKEN_MFA"]' },
    });
    const call = scriptedCall([
      step,
      (_op, input) => {
        expect(input.ChallengeResponses.ANSWER).toBe("SOFTWARE_TOKEN_MFA");
        return { AuthenticationResult: TOKENS };
      },
    ]);
    await signIn(
      "alice",
      env(call, {
        flags: { select: ["software_token_mfa"], passwordFile: undefined },
        prompter: scriptedPrompter([[/Password/, "pw"]]),
        options: { flow: "password" },
      }),
    );

    const io = createTestIO({ env: { COGCTL_PASSWORD: "pw" } });
    const call2 = scriptedCall([step]);
    const e = {
      ...env(call2, { options: { flow: "password" } }),
      answers: new Answers({}, io, createInquirerPrompter(io)),
    };
    const err = await signIn("alice", e).catch((x) => x);
    expect(err).toBeInstanceOf(UsageError);
    expect(err.message).toMatch(/--select \(one of SMS_MFA, SOFTWARE_TOKEN_MFA\)/);
  });

  it("MFA_SETUP by TOTP without a person: saves the secret 0600 and verifies with a computed code", async () => {
    const secret = newTotpSecret();
    const out = join(tempDir(), "totp");
    const call = scriptedCall([
      () => ({
        ChallengeName: "MFA_SETUP",
        Session: "s1",
        ChallengeParameters: { USERNAME: "carol", MFAS_CAN_SETUP: '["SOFTWARE_TOKEN_MFA"]' },
      }),
      (op, input) => {
        expect(op).toBe("AssociateSoftwareToken");
        expect(input.Session).toBe("s1");
        return { SecretCode: secret, Session: "s2" };
      },
      (op, input) => {
        expect(op).toBe("VerifySoftwareToken");
        expect(input.Session).toBe("s2");
        expect(verifyTotp(secret, input.UserCode)).toBe(true);
        return { Status: "SUCCESS", Session: "s3" };
      },
      (_op, input) => {
        expect(input).toMatchObject({
          ChallengeName: "MFA_SETUP",
          Session: "s3",
          ChallengeResponses: { USERNAME: "carol" },
        });
        return { AuthenticationResult: TOKENS };
      },
    ]);
    await signIn(
      "carol",
      env(call, {
        prompter: scriptedPrompter([[/Password/, "pw"]]),
        options: { flow: "password", totpSecretOut: out },
      }),
    );
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect((await import("node:fs")).readFileSync(out, "utf8").trim()).toBe(secret);
  });

  it("CUSTOM_CHALLENGE: shows the parameters and loops through --answer values", async () => {
    const info: string[] = [];
    const call = scriptedCall([
      (_op, input) => {
        expect(input.AuthFlow).toBe("CUSTOM_AUTH");
        return {
          ChallengeName: "CUSTOM_CHALLENGE",
          Session: "c1",
          ChallengeParameters: { USERNAME: "alice", question: "2+2?" },
        };
      },
      (_op, input) => {
        expect(input.ChallengeResponses.ANSWER).toBe("4");
        return {
          ChallengeName: "CUSTOM_CHALLENGE",
          Session: "c2",
          ChallengeParameters: { USERNAME: "alice", question: "capital of France?" },
        };
      },
      (_op, input) => {
        expect(input.ChallengeResponses.ANSWER).toBe("Paris");
        expect(input.Session).toBe("c2");
        return { AuthenticationResult: TOKENS };
      },
    ]);
    const out = await signIn(
      "alice",
      env(call, { flags: { answer: ["4", "Paris"] }, info, options: { flow: "custom" } }),
    );
    expect(out.challenges).toEqual(["CUSTOM_CHALLENGE", "CUSTOM_CHALLENGE"]);
    expect(info[0]).toContain("question=2+2?");
  });

  it("a remembered device answers DEVICE_SRP_AUTH and DEVICE_PASSWORD_VERIFIER", async () => {
    const { randomPassword, config } = createDeviceVerifier("group-1", "us-east-1_dev-1");
    const device = { deviceGroupKey: "group-1", deviceKey: "us-east-1_dev-1", randomPassword };
    const stored = deviceVerifierFromConfig(config);
    const srp = srpService("pw-1");
    let serverState: ReturnType<typeof startServerSrp>["state"] | undefined;
    const call = scriptedCall([
      (op, input) => {
        expect(input.AuthParameters.DEVICE_KEY).toBe("us-east-1_dev-1");
        return srp.initiate(op, input);
      },
      (_op, input) => {
        expect(srp.verify(input)).toBe(true);
        expect(input.ChallengeResponses.DEVICE_KEY).toBe("us-east-1_dev-1");
        return {
          ChallengeName: "DEVICE_SRP_AUTH",
          Session: "d1",
          ChallengeParameters: { USERNAME: "alice" },
        };
      },
      (_op, input) => {
        const step = startServerSrp(input.ChallengeResponses.SRP_A, stored);
        serverState = step.state;
        return {
          ChallengeName: "DEVICE_PASSWORD_VERIFIER",
          Session: "d2",
          ChallengeParameters: {
            USERNAME: "alice",
            SALT: step.salt,
            SRP_B: step.srpB,
            SECRET_BLOCK: "ZGV2aWNlYmxvY2s=",
          },
        };
      },
      (_op, input) => {
        const r = input.ChallengeResponses;
        const ok = verifyDeviceClaim(
          serverState!,
          { deviceGroupKey: "group-1", deviceKey: r.DEVICE_KEY },
          {
            secretBlockB64: r.PASSWORD_CLAIM_SECRET_BLOCK,
            timestamp: r.TIMESTAMP,
            signatureB64: r.PASSWORD_CLAIM_SIGNATURE,
          },
        );
        expect(ok).toBe(true);
        return { AuthenticationResult: TOKENS };
      },
    ]);
    const out = await signIn(
      "alice",
      env(call, { device, prompter: scriptedPrompter([[/Password/, "pw-1"]]) }),
    );
    expect(out.deviceKey).toBe("us-east-1_dev-1");
    expect(out.challenges).toEqual(["PASSWORD_VERIFIER", "DEVICE_SRP_AUTH", "DEVICE_PASSWORD_VERIFIER"]);
  });

  it("admin-password uses AdminInitiateAuth and AdminRespondToAuthChallenge with the pool id", async () => {
    const secret = newTotpSecret();
    const call = scriptedCall([
      () => ({ ChallengeName: "SOFTWARE_TOKEN_MFA", Session: "a1", ChallengeParameters: {} }),
      (op, input) => {
        expect(op).toBe("AdminRespondToAuthChallenge");
        expect(input.UserPoolId).toBe(POOL);
        expect(input.ChallengeResponses.SOFTWARE_TOKEN_MFA_CODE).toBe(totpCode(secret));
        return { AuthenticationResult: TOKENS };
      },
    ]);
    await signIn(
      "alice",
      env(call, {
        flags: { totpSecret: secret.toLowerCase() },
        prompter: scriptedPrompter([[/Password/, "pw"]]),
        options: { flow: "admin-password" },
      }),
    );
    expect(call.calls[0]).toMatchObject({
      op: "AdminInitiateAuth",
      input: { AuthFlow: "ADMIN_USER_PASSWORD_AUTH", UserPoolId: POOL },
    });
  });

  it("an unknown challenge is an error naming it", async () => {
    const call = scriptedCall([
      () => ({ ChallengeName: "WEB_AUTHN", Session: "x", ChallengeParameters: {} }),
    ]);
    const err = await signIn("alice", env(call, { options: { flow: "custom" } })).catch((x) => x);
    expect(err).toBeInstanceOf(CliError);
    expect(err.message).toContain("WEB_AUTHN");
  });

  it("without a terminal, a missing password fails at once naming its flags, before any request", async () => {
    const call = scriptedCall([]);
    const err = await signIn("alice", env(call)).catch((x) => x);
    expect(err).toBeInstanceOf(UsageError);
    expect(err.message).toMatch(/--password-stdin, --password-file or COGCTL_PASSWORD/);
    expect(call.calls).toHaveLength(0);
  });
});

describe("stale remembered devices", () => {
  it("a device the service no longer knows (ResourceNotFoundException) is dropped and the sign-in restarts without it", async () => {
    const { randomPassword } = createDeviceVerifier("group-1", "us-east-1_gone");
    const device = { deviceGroupKey: "group-1", deviceKey: "us-east-1_gone", randomPassword };
    const rejected: string[] = [];
    const call = scriptedCall([
      (_op, input) => {
        expect(input.AuthParameters.DEVICE_KEY).toBe("us-east-1_gone");
        throw serviceError("ResourceNotFoundException", "InitiateAuth", "Device does not exist.");
      },
      (_op, input) => {
        expect(input.AuthParameters.DEVICE_KEY).toBeUndefined();
        return { AuthenticationResult: TOKENS };
      },
    ]);
    const e = env(call, {
      device,
      prompter: scriptedPrompter([[/Password/, "pw"]]),
      options: { flow: "password" },
    });
    const out = await signIn("alice", {
      ...e,
      onDeviceRejected: async (d) => void rejected.push(d.deviceKey),
    });
    expect(out.result.AccessToken).toBe("access");
    expect(rejected).toEqual(["us-east-1_gone"]);
  });

  it("a device sent along but never asked to prove itself is reported stale", async () => {
    const device = { deviceGroupKey: "g", deviceKey: "us-east-1_old", randomPassword: "rp" };
    const call = scriptedCall([
      () => ({
        AuthenticationResult: {
          ...TOKENS,
          NewDeviceMetadata: { DeviceKey: "us-east-1_new", DeviceGroupKey: "g" },
        },
      }),
    ]);
    const out = await signIn(
      "alice",
      env(call, { device, prompter: scriptedPrompter([[/Password/, "pw"]]), options: { flow: "password" } }),
    );
    expect(out.deviceKey).toBeUndefined();
    expect(out.staleDevice?.deviceKey).toBe("us-east-1_old");
  });
});
