// MFA and remembered devices end to end against the embedded endpoint: the "done when"
// path (FORCE_CHANGE_PASSWORD → new password → TOTP set-up → tokens) interactively and with flags
// alone, codes by email read from the endpoint's outbox, SELECT_MFA_TYPE, and a remembered device
// that skips MFA through device SRP until it is forgotten, also when the user types an alias (in the
// password flows too, which must send the device key before the service names the user).
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  AdminSetUserMFAPreferenceCommand,
  type CreateUserPoolCommandInput,
  SetUserPoolMfaConfigCommand,
  UpdateUserPoolCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { totpCode } from "../src/cognito/crypto/index.js";
import { scriptedPrompter } from "./helpers/auth.js";
import { type AuthWorld, authWorld, loginArgs, totpKeyIn } from "./helpers/auth-e2e.js";

let w: AuthWorld;
let poolId: string;
let clientId: string;
beforeAll(async () => {
  w = await authWorld();
  poolId = await w.pool({ EmailConfiguration: { EmailSendingAccount: "COGNITO_DEFAULT" } });
  await w.local.client.send(
    new SetUserPoolMfaConfigCommand({
      UserPoolId: poolId,
      MfaConfiguration: "ON",
      SoftwareTokenMfaConfiguration: { Enabled: true },
      EmailMfaConfiguration: { Message: "Your code is {####}", Subject: "Code" },
    }),
  );
  ({ clientId } = await w.client(poolId));
});
afterAll(async () => {
  await w?.close();
});

const login = (user: string) => loginArgs(poolId, clientId, user);
const secretIn = totpKeyIn;

/** The next 30-second TOTP step's code: the endpoint may refuse a code already used in this step. */
const nextStepCode = (secret: string) => totpCode(secret, new Date(Date.now() + 30_000));

describe("from FORCE_CHANGE_PASSWORD to tokens in one sign-in", () => {
  it("interactively: new password, TOTP set-up with the otpauth URI and a QR code, then tokens", async () => {
    await w.user(poolId, "dana", "Temp-password-1");
    const r = await w.cli(login("dana"), {
      tty: true,
      prompterFor: (io) =>
        scriptedPrompter([
          [/Password for dana/, "Temp-password-1"],
          [/New password/, "Dana-new-password-1"],
          [/Set up which second factor/, "SOFTWARE_TOKEN_MFA"],
          [/Code from your authenticator app/, () => totpCode(secretIn(io.err()) ?? "missing-secret")],
        ]),
    });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/A new password is required for dana/);
    expect(r.stderr).toMatch(/The pool requires MFA and dana has none set up yet/);
    expect(totpKeyIn(r.stderr)).toMatch(/^[A-Z2-7]{16,}$/); // the setup key on a line of its own
    expect(r.stderr).toMatch(/[▄▀█]/); // the QR code drawn with block characters
    expect(r.stderr).toMatch(/Signed in as dana/);
  });

  it("with flags alone, no terminal: --new-password-file, --select, --totp-secret-out; later sign-ins compute codes from the file", async () => {
    await w.user(poolId, "ci-bot", "Temp-password-1");
    const newPw = join(w.configDir, "ci-new-pw");
    writeFileSync(newPw, "Ci-bot-password-1\n");
    const secretFile = join(w.configDir, "ci-totp");
    const r = await w.cli(
      [
        ...login("ci-bot"),
        "--password-stdin",
        "--new-password-file",
        newPw,
        "--select",
        "SOFTWARE_TOKEN_MFA",
        "--totp-secret-out",
        secretFile,
      ],
      { stdin: "Temp-password-1" },
    );
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(statSync(secretFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(secretFile, "utf8").trim()).toMatch(/^[A-Z2-7]+$/);

    const again = await w.cli(
      [
        ...login("ci-bot"),
        "--password-stdin",
        "--mfa-code",
        nextStepCode(readFileSync(secretFile, "utf8").trim()),
      ],
      {
        stdin: "Ci-bot-password-1",
      },
    );
    expect(again.stderr).toBe("");
    expect(again.code).toBe(0);

    // Without any code source and no terminal: 252 naming the flags, never a hang.
    const stuck = await w.cli([...login("ci-bot"), "--password-stdin"], {
      stdin: "Ci-bot-password-1",
      timeoutMs: 5000,
    });
    expect(stuck.code).toBe(252);
    expect(stuck.stderr).toMatch(
      /--mfa-code, --totp-secret-file, --totp-secret, COGCTL_TOTP_SECRET or --code-command/,
    );
  });
});

describe("codes by email and choosing a factor", () => {
  it("EMAIL_OTP: says where the code went; the code from the outbox signs in", async () => {
    await w.user(poolId, "erin", "Erin-password-1", {
      permanent: true,
      attributes: { email: "erin@example.com", email_verified: "true" },
    });
    await w.local.client.send(
      new AdminSetUserMFAPreferenceCommand({
        UserPoolId: poolId,
        Username: "erin",
        EmailMfaSettings: { Enabled: true, PreferredMfa: true },
      }),
    );
    const r = await w.cli(login("erin"), {
      tty: true,
      prompter: scriptedPrompter([
        [/Password for erin/, "Erin-password-1"],
        [/Code sent by email to/, () => w.lastCode(poolId, "erin")],
      ]),
    });
    expect(r.stderr).toMatch(/A code was sent by email to e\S*@\S+/);
    expect(r.code).toBe(0);
  });

  it("a wrong code typed at the prompt is asked again", async () => {
    const r = await w.cli(login("erin"), {
      tty: true,
      prompter: scriptedPrompter([
        [/Password for erin/, "Erin-password-1"],
        [/Code sent by email/, "000000"],
        [/Code sent by email/, () => w.lastCode(poolId, "erin")],
      ]),
    });
    expect(r.stderr).toMatch(/not accepted; try again/);
    expect(r.code).toBe(0);
  });

  it("SELECT_MFA_TYPE: a choice list on a terminal, --select in scripts", async () => {
    await w.user(poolId, "fay", "Temp-password-1", {
      attributes: { email: "fay@example.com", email_verified: "true" },
    });
    const secretFile = join(w.configDir, "fay-totp");
    const newPw = join(w.configDir, "fay-pw");
    writeFileSync(newPw, "Fay-password-1");
    const setup = await w.cli(
      [
        ...login("fay"),
        "--password-stdin",
        "--new-password-file",
        newPw,
        "--select",
        "SOFTWARE_TOKEN_MFA",
        "--totp-secret-out",
        secretFile,
      ],
      { stdin: "Temp-password-1" },
    );
    expect(setup.code).toBe(0);
    // Both factors on, neither preferred: the service asks which one.
    await w.local.client.send(
      new AdminSetUserMFAPreferenceCommand({
        UserPoolId: poolId,
        Username: "fay",
        EmailMfaSettings: { Enabled: true, PreferredMfa: false },
        SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: false },
      }),
    );
    const interactive = await w.cli(login("fay"), {
      tty: true,
      prompter: scriptedPrompter([
        [/Password for fay/, "Fay-password-1"],
        [/Which second factor/, "EMAIL_OTP"],
        [/Code sent by email/, () => w.lastCode(poolId, "fay")],
      ]),
    });
    expect(interactive.code).toBe(0);
    const scripted = await w.cli([...login("fay"), "--password-stdin", "--select", "EMAIL_OTP"], {
      stdin: "Fay-password-1",
      timeoutMs: 5000,
    });
    expect(scripted.code).toBe(252);
    expect(scripted.stderr).toMatch(
      /Code sent by email to \S+: no terminal to ask on\. Provide it with --mfa-code, --code-command, COGCTL_MFA_CODE or COGCTL_CODE_COMMAND/,
    );
    const noSelect = await w.cli([...login("fay"), "--password-stdin"], {
      stdin: "Fay-password-1",
      timeoutMs: 5000,
    });
    expect(noSelect.code).toBe(252);
    expect(noSelect.stderr).toMatch(
      /--select \(one of (EMAIL_OTP, SOFTWARE_TOKEN_MFA|SOFTWARE_TOKEN_MFA, EMAIL_OTP)\)/,
    );
  });
});

describe("remembered devices", () => {
  it("--remember-device confirms the device; the next sign-in skips MFA by device SRP; forgetting it brings MFA back", async () => {
    await w.local.client.send(
      new UpdateUserPoolCommand({
        UserPoolId: poolId,
        MfaConfiguration: "ON",
        DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: true },
        EmailConfiguration: { EmailSendingAccount: "COGNITO_DEFAULT" },
      }),
    );
    await w.user(poolId, "gus", "Temp-password-1");
    const newPw = join(w.configDir, "gus-pw");
    writeFileSync(newPw, "Gus-password-1");
    const secretFile = join(w.configDir, "gus-totp");
    const first = await w.cli(
      [
        ...login("gus"),
        "--password-stdin",
        "--new-password-file",
        newPw,
        "--select",
        "SOFTWARE_TOKEN_MFA",
        "--totp-secret-out",
        secretFile,
        "--remember-device",
        "--device-name",
        "ci-runner",
      ],
      { stdin: "Temp-password-1" },
    );
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    const deviceFiles = (await import("node:fs"))
      .readdirSync(join(w.configDir, "devices"))
      .filter((f) => f.includes("gus"));
    expect(deviceFiles).toHaveLength(1);
    expect(statSync(join(w.configDir, "devices", deviceFiles[0])).mode & 0o777).toBe(0o600);

    // No code source and no terminal: only a device SRP sign-in can succeed.
    const second = await w.cli([...login("gus"), "--password-stdin"], {
      stdin: "Gus-password-1",
      timeoutMs: 5000,
    });
    expect(second.stderr).toBe("");
    expect(second.code).toBe(0);

    const list = await w.cli(["auth", "devices", "list", "--username", "gus"]);
    expect(list.code).toBe(0);
    const devices = JSON.parse(list.stdout).Devices;
    expect(devices).toHaveLength(1);
    expect(devices[0]).toMatchObject({ ThisMachine: true });
    expect(devices[0].DeviceAttributes).toEqual(
      expect.arrayContaining([{ Name: "device_name", Value: "ci-runner" }]),
    );

    const forget = await w.cli(["auth", "devices", "forget", "--username", "gus"]);
    expect(forget.code).toBe(0);
    const third = await w.cli([...login("gus"), "--password-stdin"], {
      stdin: "Gus-password-1",
      timeoutMs: 5000,
    });
    expect(third.code).toBe(252);
    expect(third.stderr).toMatch(/--totp-secret-file/);
  });

  it("a device forgotten on the service side is dropped here; --remember-device then stores the new one", async () => {
    const { AdminForgetDeviceCommand } = await import("@aws-sdk/client-cognito-identity-provider");
    await w.user(poolId, "hank", "Temp-password-1");
    const newPw = join(w.configDir, "hank-pw");
    writeFileSync(newPw, "Hank-password-1");
    const secretFile = join(w.configDir, "hank-totp");
    const first = await w.cli(
      [
        ...login("hank"),
        "--password-stdin",
        "--new-password-file",
        newPw,
        "--select",
        "SOFTWARE_TOKEN_MFA",
        "--totp-secret-out",
        secretFile,
        "--remember-device",
      ],
      { stdin: "Temp-password-1" },
    );
    expect(first.code).toBe(0);
    const deviceFile = () => {
      const name = readdirSync(join(w.configDir, "devices")).find((f) => f.includes("hank"));
      return name
        ? JSON.parse(readFileSync(join(w.configDir, "devices", name), "utf8")).deviceKey
        : undefined;
    };
    const oldKey = deviceFile();
    expect(oldKey).toEqual(expect.any(String));
    await w.local.client.send(
      new AdminForgetDeviceCommand({ UserPoolId: poolId, Username: "hank", DeviceKey: oldKey }),
    );
    const secret = readFileSync(secretFile, "utf8").trim();
    const again = await w.cli([...login("hank"), "--password-stdin", "--totp-secret", secret], {
      stdin: "Hank-password-1",
    });
    expect(again.stderr).toBe("");
    expect(again.code).toBe(0);
    expect(deviceFile()).toBeUndefined();
    const remembered = await w.cli(
      [...login("hank"), "--password-stdin", "--mfa-code", nextStepCode(secret), "--remember-device"],
      {
        stdin: "Hank-password-1",
      },
    );
    expect(remembered.code).toBe(0);
    const newKey = deviceFile();
    expect(newKey).toEqual(expect.any(String));
    expect(newKey).not.toBe(oldKey);
  });
});

describe("auth mfa setup and prefer", () => {
  it("turns TOTP on for a signed-in user of an OPTIONAL-MFA pool; sign-ins then ask for the code", async () => {
    const optionalPool = await w.pool();
    await w.totp(optionalPool, "OPTIONAL");
    const { clientId: c2 } = await w.client(optionalPool);
    await w.user(optionalPool, "uma", "Uma-password-1", { permanent: true });
    const signIn = (...extra: string[]) =>
      w.cli([...loginArgs(optionalPool, c2, "uma"), "--password-stdin", ...extra], {
        stdin: "Uma-password-1",
        timeoutMs: 5000,
      });
    expect((await signIn()).code).toBe(0);
    const secretFile = join(w.configDir, "uma-totp");
    const setup = await w.cli([
      "auth",
      "mfa",
      "setup",
      "totp",
      "--username",
      "uma",
      "--totp-secret-out",
      secretFile,
    ]);
    expect(setup.stderr).toBe("");
    expect(setup.code).toBe(0);
    expect(statSync(secretFile).mode & 0o777).toBe(0o600);
    const noCode = await signIn();
    expect(noCode.code).toBe(252);
    expect(noCode.stderr).toMatch(/--totp-secret-file/);
    expect((await signIn("--mfa-code", nextStepCode(readFileSync(secretFile, "utf8").trim()))).code).toBe(0);
    expect((await w.cli(["auth", "mfa", "prefer", "totp", "--username", "uma"])).code).toBe(0);
    const bad = await w.cli(["auth", "mfa", "setup", "pigeon", "--username", "uma"]);
    expect(bad.code).toBe(252);
    expect(bad.stderr).toMatch(/Unknown MFA method 'pigeon'\. Use totp, sms or email/);
  });
});

describe("remembered devices when the user types an alias", () => {
  /** A pool requiring TOTP and remembering devices on opt-in, signing users in by the name typed. */
  async function aliasPool(input: Partial<CreateUserPoolCommandInput>) {
    const poolId = await w.pool({
      ...input,
      DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: true },
    });
    await w.totp(poolId);
    const { clientId: c } = await w.client(poolId);
    /** Unattended: no code source and no terminal, so MFA can only be skipped by a remembered device. */
    const signIn = (typed: string, ...extra: string[]) =>
      w.cli([...loginArgs(poolId, c, typed), "--password-stdin", ...extra], {
        stdin: "Alias-password-1",
        timeoutMs: 5000,
      });
    /** First sign-in: TOTP set up unattended and this machine remembered. */
    const enrol = async (typed: string, ...extra: string[]) => {
      const r = await signIn(
        typed,
        "--select",
        "SOFTWARE_TOKEN_MFA",
        "--totp-secret-out",
        join(w.configDir, `${poolId}-${typed}-totp`),
        ...extra,
      );
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
    };
    const storedDevices = () =>
      readdirSync(join(w.configDir, "devices"))
        .filter((f) => f.includes(poolId))
        .map((f) => JSON.parse(readFileSync(join(w.configDir, "devices", f), "utf8")));
    return { poolId, signIn, enrol, storedDevices };
  }

  it.each([
    { pool: "AliasAttributes email", username: "ria", input: { AliasAttributes: ["email" as const] } },
    {
      pool: "UsernameAttributes email",
      username: "rob@example.com",
      input: { UsernameAttributes: ["email" as const] },
    },
  ])(
    "$pool: a device remembered at an SRP sign-in with the email skips MFA in --flow password with the email",
    async ({ username, input }) => {
      const { poolId, signIn, enrol, storedDevices } = await aliasPool(input);
      const email = username.includes("@") ? username : `${username}@example.com`;
      await w.user(poolId, username, "Alias-password-1", {
        permanent: true,
        attributes: { email, email_verified: "true" },
      });
      await enrol(email, "--remember-device");
      // The device is kept under the real username, with the name that was typed as an alias.
      const real = JSON.parse((await w.cli(["auth", "whoami", "--user-pool-id", poolId])).stdout).Username;
      if (input.AliasAttributes) expect(real).toBe(username);
      else expect(real).not.toBe(email);
      expect(storedDevices()).toEqual([expect.objectContaining({ username: real, aliases: [email] })]);

      for (const flow of ["password", "srp", "password"]) {
        const again = await signIn(email, "--flow", flow);
        expect(again.stderr).toBe("");
        expect(again.code).toBe(0);
      }
      // The device really stood in for MFA: forgotten, MFA is asked for again.
      expect((await w.cli(["auth", "devices", "forget", "--user-pool-id", poolId])).code).toBe(0);
      expect(storedDevices()).toEqual([]);
      const noDevice = await signIn(email, "--flow", "password");
      expect(noDevice.code).toBe(252);
      expect(noDevice.stderr).toMatch(/--totp-secret-file/);
    },
  );

  it("a device remembered under the username learns the alias when it proves itself at an SRP sign-in with it", async () => {
    const { poolId, signIn, enrol, storedDevices } = await aliasPool({ AliasAttributes: ["email"] });
    await w.user(poolId, "sol", "Alias-password-1", {
      permanent: true,
      attributes: { email: "sol@example.com", email_verified: "true" },
    });
    await enrol("sol", "--remember-device");
    expect(storedDevices()).toEqual([expect.objectContaining({ username: "sol" })]);
    expect(storedDevices()[0].aliases).toBeUndefined();
    expect((await signIn("sol", "--flow", "password")).code).toBe(0);
    // The email is not known to lead to sol yet: the password flow cannot send the device.
    const unknown = await signIn("sol@example.com", "--flow", "password");
    expect(unknown.code).toBe(252);
    // SRP names the real username before the device is needed; the device proves itself and the
    // email is remembered, so the password flow finds the device from then on.
    const srp = await signIn("sol@example.com");
    expect(srp.stderr).toBe("");
    expect(srp.code).toBe(0);
    expect(storedDevices()).toEqual([
      expect.objectContaining({ username: "sol", aliases: ["sol@example.com"] }),
    ]);
    const password = await signIn("sol@example.com", "--flow", "password");
    expect(password.stderr).toBe("");
    expect(password.code).toBe(0);
  });

  it("an alias that now names another user: that user signs in without the device, which stays its owner's", async () => {
    const { AdminUpdateUserAttributesCommand } = await import("@aws-sdk/client-cognito-identity-provider");
    const { poolId, signIn, enrol, storedDevices } = await aliasPool({ AliasAttributes: ["email"] });
    await w.user(poolId, "tam", "Alias-password-1", {
      permanent: true,
      attributes: { email: "desk@example.com", email_verified: "true" },
    });
    await enrol("desk@example.com", "--remember-device");
    const [tamDevice] = storedDevices();
    expect(tamDevice).toMatchObject({ username: "tam", aliases: ["desk@example.com"] });

    // The address moves from tam to ula.
    await w.local.client.send(
      new AdminUpdateUserAttributesCommand({
        UserPoolId: poolId,
        Username: "tam",
        UserAttributes: [{ Name: "email", Value: "tam@example.com" }],
      }),
    );
    await w.user(poolId, "ula", "Alias-password-1", {
      permanent: true,
      attributes: { email: "desk@example.com", email_verified: "true" },
    });
    // ula signs in with the address: tam's device is refused, the sign-in goes on without it.
    await enrol("desk@example.com", "--flow", "password");
    expect(storedDevices()).toEqual([{ ...tamDevice, aliases: [] }]);
    // tam's device still skips MFA for tam.
    const tam = await signIn("tam", "--flow", "password");
    expect(tam.stderr).toBe("");
    expect(tam.code).toBe(0);
  });
});
