// `cogctl auth login` end to end against the embedded endpoint over HTTP: SRP, password flows,
// NEW_PASSWORD_REQUIRED, secrets, stored sessions (0600 in 0700), and scripts without a terminal.
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scriptedPrompter } from "./helpers/auth.js";
import { type AuthWorld, authWorld, loginArgs } from "./helpers/auth-e2e.js";

let w: AuthWorld;
let poolId: string;
let clientId: string;
beforeAll(async () => {
  w = await authWorld();
  poolId = await w.pool({ Policies: { PasswordPolicy: { MinimumLength: 10, RequireNumbers: true } } });
  ({ clientId } = await w.client(poolId));
});
afterAll(async () => {
  await w?.close();
});

const base = () => ["auth", "login", "--user-pool-id", poolId, "--client-id", clientId];

describe("auth login by SRP", () => {
  it("signs in with --password-stdin, stores the session 0600 in a 0700 directory, prints no token", async () => {
    await w.user(poolId, "srp-user", "Perm-password-1", { permanent: true });
    const r = await w.cli([...base(), "--username", "srp-user", "--password-stdin"], {
      stdin: "Perm-password-1\n",
    });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    const dir = join(w.configDir, "sessions");
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    const files = readdirSync(dir).filter((f) => f.includes("srp-user"));
    expect(files).toHaveLength(1);
    expect(statSync(join(dir, files[0])).mode & 0o777).toBe(0o600);

    const tokens = await w.cli(["auth", "tokens", "--username", "srp-user"]);
    expect(tokens.code).toBe(0);
    const parsed = JSON.parse(tokens.stdout);
    expect(decodeJwt(parsed.AccessToken)).toMatchObject({
      username: "srp-user",
      token_use: "access",
      client_id: clientId,
    });
    expect(decodeJwt(parsed.IdToken)).toMatchObject({ "cognito:username": "srp-user", aud: clientId });
    expect(parsed.RefreshToken).toEqual(expect.any(String));
  });

  it("a wrong password is the service's NotAuthorizedException, exit 254", async () => {
    const r = await w.cli([...base(), "--username", "srp-user", "--password-stdin"], {
      stdin: "Wrong-password-1",
    });
    expect(r.code).toBe(254);
    expect(r.stderr).toMatch(
      /An error occurred \(NotAuthorizedException\) when calling the RespondToAuthChallenge operation/,
    );
  });

  it("--output json prints the tokens as initiate-auth does", async () => {
    const r = await w.cli([...base(), "--username", "srp-user", "--password-stdin", "--output", "json"], {
      stdin: "Perm-password-1",
    });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.AuthenticationResult).toMatchObject({ TokenType: "Bearer", ExpiresIn: expect.any(Number) });
    expect(decodeJwt(out.AuthenticationResult.IdToken).token_use).toBe("id");
  });

  it("on a terminal, prints a summary naming the user, pool and expiry on stderr", async () => {
    const prompter = scriptedPrompter([[/Password for srp-user/, "Perm-password-1"]]);
    const r = await w.cli([...base(), "--username", "srp-user"], { prompter, tty: true });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(
      new RegExp(
        `Signed in as srp-user \\(pool ${poolId}, client ${clientId}\\)\\. Tokens expire in (59|60) minutes`,
      ),
    );
    expect(r.stderr).not.toMatch(/eyJ/);
  });
});

describe("NEW_PASSWORD_REQUIRED", () => {
  it("interactive: new password typed twice, checked against the pool policy, then tokens", async () => {
    await w.user(poolId, "new-user", "Temp-password-1");
    const prompter = scriptedPrompter([
      [/Password for new-user/, "Temp-password-1"],
      [/New password/, "Brand-new-password-2"],
    ]);
    const r = await w.cli([...base(), "--username", "new-user"], { prompter, tty: true });
    expect(r.stderr).toMatch(/A new password is required for new-user/);
    expect(r.code).toBe(0);
    // The new password works from now on.
    const again = await w.cli([...base(), "--username", "new-user", "--password-stdin"], {
      stdin: "Brand-new-password-2",
    });
    expect(again.code).toBe(0);
  });

  it("unattended: --new-password-file; a password breaking the policy fails with 252 before it is sent", async () => {
    await w.user(poolId, "ci-user", "Temp-password-1");
    const { writeFileSync } = await import("node:fs");
    const bad = join(w.configDir, "bad-pw");
    writeFileSync(bad, "short\n");
    const r1 = await w.cli(
      [...base(), "--username", "ci-user", "--password-stdin", "--new-password-file", bad],
      { stdin: "Temp-password-1" },
    );
    expect(r1.code).toBe(252);
    expect(r1.stderr).toMatch(/at least 10 characters/);
    const good = join(w.configDir, "good-pw");
    writeFileSync(good, "Good-password-42\n");
    const r2 = await w.cli(
      [...base(), "--username", "ci-user", "--password-stdin", "--new-password-file", good],
      { stdin: "Temp-password-1" },
    );
    expect(r2.stderr).toBe("");
    expect(r2.code).toBe(0);
  });

  it("unattended without a new password: exit 252 naming --new-password-file, no hang", async () => {
    await w.user(poolId, "stuck-user", "Temp-password-1");
    const r = await w.cli([...base(), "--username", "stuck-user", "--password-stdin"], {
      stdin: "Temp-password-1",
    });
    expect(r.code).toBe(252);
    expect(r.stderr).toMatch(/--new-password-file or COGCTL_NEW_PASSWORD/);
  });
});

describe("flows and secrets", () => {
  it("--flow password and --flow admin-password", async () => {
    await w.user(poolId, "pw-user", "Perm-password-1", { permanent: true });
    for (const flow of ["password", "admin-password"]) {
      const r = await w.cli([...base(), "--username", "pw-user", "--flow", flow], {
        env: { COGCTL_PASSWORD: "Perm-password-1" },
      });
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
    }
  });

  it("a client with a secret: the secret is read with DescribeUserPoolClient, or taken from --client-secret-file", async () => {
    const { clientId: secretClient, clientSecret } = await w.client(poolId, { GenerateSecret: true });
    expect(clientSecret).toEqual(expect.any(String));
    await w.user(poolId, "secret-user", "Perm-password-1", { permanent: true });
    const args = [...loginArgs(poolId, secretClient, "secret-user"), "--password-stdin"];
    const described = await w.cli(args, { stdin: "Perm-password-1" });
    expect(described.stderr).toBe("");
    expect(described.code).toBe(0);
    const { writeFileSync } = await import("node:fs");
    const file = join(w.configDir, "client-secret");
    writeFileSync(file, `${clientSecret}\n`);
    const given = await w.cli([...args, "--client-secret-file", file], { stdin: "Perm-password-1" });
    expect(given.code).toBe(0);
    const wrong = await w.cli([...args, "--client-secret", "not-the-secret"], { stdin: "Perm-password-1" });
    expect(wrong.code).toBe(254);
    expect(wrong.stderr).toMatch(/NotAuthorizedException/);
  });

  it("without a terminal and without a password, exits 252 at once naming the flags", async () => {
    const r = await w.cli([...base(), "--username", "srp-user"], { timeoutMs: 5000 });
    expect(r.code).toBe(252);
    expect(r.stderr).toMatch(
      /Password for srp-user: no terminal to ask on\. Provide it with --password-stdin, --password-file or COGCTL_PASSWORD/,
    );
  });

  it("without a terminal and without a username, the error names --username", async () => {
    const r = await w.cli(base(), { timeoutMs: 5000 });
    expect(r.code).toBe(252);
    expect(r.stderr).toMatch(/--username or COGCTL_USERNAME/);
  });
});

describe("secrets stay out of output", () => {
  it("--debug traces the requests without the password, SRP values or tokens", async () => {
    const r = await w.cli([...base(), "--username", "srp-user", "--password-stdin", "--debug"], {
      stdin: "Perm-password-1",
    });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/InitiateAuth/);
    expect(r.stderr).toMatch(/RespondToAuthChallenge/);
    expect(r.stderr).not.toMatch(/Perm-password-1/);
    expect(r.stderr).not.toMatch(/eyJ[\w-]{10,}/);
    expect(r.stderr).not.toMatch(/"SRP_A":"[0-9a-f]/);
    expect(r.stderr).not.toMatch(/"PASSWORD_CLAIM_SIGNATURE":"[^*]/);
    expect(r.stdout).toBe("");
  });
});
