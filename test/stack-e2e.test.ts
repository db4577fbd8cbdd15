// cogctl plan / apply / dump end to end, in process through main() and the real SDK over HTTP,
// against the embedded endpoint (port 0) and moto_server: plan → apply → plan with no changes;
// an in-place update that keeps what the file does not mention; a replacement refused with why;
// --prune behind the confirmation; --output env sourced by a shell; bad files with file:line:column.
// Embedded endpoint only: dump → apply → dump equality, and a run stopped halfway then continued.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  CognitoIdentityProviderClient,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  ListGroupsCommand,
  ListUserPoolsCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scriptedPrompter } from "./helpers/auth.js";
import { runCli } from "./helpers/cli.js";
import { type Endpoint, endpoints } from "./helpers/endpoints.js";
import { applyEnv, isolatedAwsEnv } from "./helpers/env.js";
import { startLocal } from "./helpers/local-server.js";

let dir: string;
let restoreEnv: () => void;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "cogctl-stack-"));
  restoreEnv = applyEnv(isolatedAwsEnv());
});
afterAll(() => {
  restoreEnv();
  rmSync(dir, { recursive: true, force: true });
});

let fileCount = 0;
function stackFile(text: string): string {
  const path = join(dir, `stack-${++fileCount}.yaml`);
  writeFileSync(path, text);
  return path;
}

const BASE = (pool: string) => `pools:
  ${pool}:
    Policies:
      PasswordPolicy:
        MinimumLength: 10
    EmailVerificationSubject: Your code
    clients:
      web:
        ExplicitAuthFlows: [ALLOW_USER_SRP_AUTH, ALLOW_REFRESH_TOKEN_AUTH]
        CallbackURLs: ["https://\${APP_HOST}/callback"]
        LogoutURLs: ["https://\${APP_HOST}/bye"]
        AllowedOAuthFlows: [code]
        AllowedOAuthScopes: [openid, email]
        AllowedOAuthFlowsUserPoolClient: true
        SupportedIdentityProviders: [COGNITO]
      backend:
        GenerateSecret: true
    groups:
      admins: {Description: Administrators, Precedence: 1}
      readers: {}
    users:
      alice@example.com:
        attributes: {email: alice@example.com, email_verified: "true"}
        groups: [admins]
        password: {env: ALICE_PASSWORD}
`;

// No UsernameAttributes in BASE: moto's UpdateUserPool drops them (real Cognito keeps them).
const ENV = { APP_HOST: "app.example.test", ALICE_PASSWORD: "Correct-Horse-9" };

describe.each(endpoints)("plan and apply against the %s", (_name, start) => {
  let endpoint: Endpoint;
  let client: CognitoIdentityProviderClient;
  const cog = (argv: string[], opts: Parameters<typeof runCli>[1] = {}) =>
    runCli(["--endpoint-url", endpoint.url, ...argv], { ...opts, env: { ...ENV, ...(opts.env ?? {}) } });
  const poolId = async (name: string) =>
    (await client.send(new ListUserPoolsCommand({ MaxResults: 60 })))
      .UserPools!.filter((p) => p.Name === name)
      .map((p) => p.Id!);

  beforeAll(async () => {
    endpoint = await start();
    client = new CognitoIdentityProviderClient({ endpoint: endpoint.url, region: "us-east-1" });
  }, 60_000);
  afterAll(async () => {
    client?.destroy();
    await endpoint?.close();
  });

  it("plans, applies, and then has nothing to do", async () => {
    const file = stackFile(BASE("ci"));
    const plan = await cog(["plan", "-f", file]);
    expect(plan.code, plan.stderr).toBe(2);
    expect(plan.stdout).toContain("+ client web: create");
    expect(plan.stdout).toContain('CallbackURLs: ["https://app.example.test/callback"]');
    expect(plan.stdout).toContain("password: ****");
    expect(plan.stdout).not.toContain(ENV.ALICE_PASSWORD);

    const applied = await cog(["apply", "-f", file, "--output", "json"]);
    expect(applied.code, applied.stderr).toBe(0);
    const out = JSON.parse(applied.stdout);
    const [id] = await poolId("ci");
    expect(out.Pools.ci.UserPoolId).toBe(id);
    expect(out.Pools.ci.Clients.backend.ClientSecret).toBe("****");

    const again = await cog(["plan", "-f", file]);
    expect(again.code, again.stdout + again.stderr).toBe(0);
    expect(again.stdout).toContain("No changes.");
    const reapply = await cog(["apply", "-f", file]);
    expect(reapply.code).toBe(0);
    expect(reapply.stderr).toContain("No changes.");
    expect(await poolId("ci")).toHaveLength(1);
  });

  it("updates in place with the merged settings: what the file leaves out survives", async () => {
    const first = await cog(["apply", "-f", stackFile(BASE("merge"))]);
    expect(first.code, first.stderr).toBe(0);
    const changed = BASE("merge")
      .replace("MinimumLength: 10", "MinimumLength: 12")
      .replace("    EmailVerificationSubject: Your code\n", "")
      .replace('        LogoutURLs: ["https://${APP_HOST}/bye"]\n', "")
      .replace("/callback", "/cb2");
    const file = stackFile(changed);
    const plan = await cog(["plan", "-f", file]);
    expect(plan.code).toBe(2);
    expect(plan.stdout, plan.stdout).toContain("Policies.PasswordPolicy.MinimumLength: 10 → 12");
    expect(plan.stdout).not.toContain("cannot change");
    expect(plan.stdout).toContain("~ client web: update");
    const r = await cog(["apply", "-f", file]);
    expect(r.code, r.stderr).toBe(0);
    const [id] = await poolId("merge");
    const { UserPool } = await client.send(new DescribeUserPoolCommand({ UserPoolId: id }));
    expect(UserPool!.Policies!.PasswordPolicy!.MinimumLength).toBe(12);
    expect(UserPool!.EmailVerificationSubject).toBe("Your code");
    const outputs = await cog(["apply", "-f", file, "--output", "json"]);
    expect(outputs.code, outputs.stderr).toBe(0);
    expect(outputs.stderr).toContain("No changes.");
    const web = JSON.parse(outputs.stdout).Pools.merge.Clients.web.ClientId;
    const { UserPoolClient } = await client.send(
      new DescribeUserPoolClientCommand({ UserPoolId: id, ClientId: web }),
    );
    expect(UserPoolClient!.CallbackURLs).toEqual(["https://app.example.test/cb2"]);
    expect(UserPoolClient!.LogoutURLs).toEqual(["https://app.example.test/bye"]);
    expect(UserPoolClient!.AllowedOAuthFlows).toEqual(["code"]);
  });

  it("refuses what cannot change in place, and says why", async () => {
    await cog(["apply", "-f", stackFile(BASE("fixed"))]);
    const file = stackFile(
      BASE("fixed").replace(
        "    EmailVerificationSubject",
        "    UsernameAttributes: [phone_number]\n    EmailVerificationSubject",
      ),
    );
    const plan = await cog(["plan", "-f", file]);
    expect(plan.code).toBe(2);
    expect(plan.stdout).toContain("! pool settings: cannot change in place");
    expect(plan.stdout).toMatch(/why: UsernameAttributes: Cognito sets it only when it creates a pool/);
    const r = await cog(["apply", "-f", file]);
    expect(r.code).toBe(252);
    expect(r.stderr).toContain("nothing was changed");
    const [id] = await poolId("fixed");
    const { UserPool } = await client.send(new DescribeUserPoolCommand({ UserPoolId: id }));
    expect(UserPool!.UsernameAttributes ?? []).toEqual([]);
  });

  it("prunes only with --prune, and only after confirmation", async () => {
    await cog(["apply", "-f", stackFile(BASE("prune"))]);
    const file = stackFile(BASE("prune").replace("      readers: {}\n", ""));
    const [id] = await poolId("prune");
    const groups = async () =>
      (await client.send(new ListGroupsCommand({ UserPoolId: id }))).Groups!.map((g) => g.GroupName).sort();

    const kept = await cog(["apply", "-f", file]);
    expect(kept.code).toBe(0);
    expect(kept.stderr).toContain("group readers: not in the file: kept (--prune deletes it)");
    const refused = await cog(["apply", "-f", file, "--prune"]);
    expect(refused.code).toBe(252);
    expect(refused.stderr).toContain("Pass --yes");
    expect(await groups()).toEqual(["admins", "readers"]);
    const plan = await cog(["plan", "-f", file, "--prune"]);
    expect(plan.code).toBe(2);
    expect(plan.stdout).toContain("- group readers: delete");
    const declined = await cog(["apply", "-f", file, "--prune"], {
      stdinTTY: true,
      stderrTTY: true,
      prompter: scriptedPrompter([[/Proceed/, false]]),
    });
    expect(declined.code).toBe(130);
    expect(declined.stderr).toMatch(
      /Delete 1 resource the stack file does not list \(--prune\):\n {2}prune: group readers/,
    );
    expect(await groups()).toEqual(["admins", "readers"]);
    const pruned = await cog(["apply", "-f", file, "--prune"], {
      stdinTTY: true,
      stderrTTY: true,
      prompter: scriptedPrompter([[/Proceed/, true]]),
    });
    expect(pruned.code, pruned.stderr).toBe(0);
    expect(pruned.stderr).toContain("prune: deleted group readers");
    expect(await groups()).toEqual(["admins"]);
  });

  it("prints export lines a shell step can source", async () => {
    const file = stackFile(BASE("env-out"));
    const r = await cog(["apply", "-f", file, "--output", "env", "--show-secrets"]);
    expect(r.code, r.stderr).toBe(0);
    const envFile = join(dir, "outputs.env");
    writeFileSync(envFile, r.stdout);
    const shown = execFileSync(
      "bash",
      [
        "-c",
        `source ${envFile} && echo "$COGNITO_ENV_OUT_POOL_ID $COGNITO_ENV_OUT_WEB_CLIENT_ID $COGNITO_ENV_OUT_BACKEND_CLIENT_SECRET"`,
      ],
      { encoding: "utf8" },
    ).trim();
    const [pool, web, secret] = shown.split(" ");
    expect([pool]).toEqual(await poolId("env-out"));
    expect(web).toMatch(/^\w+$/);
    expect(secret!.length).toBeGreaterThan(20);
    const masked = await cog(["apply", "-f", file, "--output", "env"]);
    expect(masked.stdout).toContain(
      "# COGNITO_ENV_OUT_BACKEND_CLIENT_SECRET: not shown (pass --show-secrets)",
    );
    expect(masked.stdout).not.toContain(secret);
  });
});

describe("bad stack files", () => {
  const plan = (text: string, env: Record<string, string> = {}) =>
    runCli(["--local", "plan", "-f", stackFile(text)], { env });

  it("names the file, line and column of a missing variable", async () => {
    const r = await plan("pools:\n  p:\n    EmailVerificationSubject: hello ${NOPE_NOT_SET}\n");
    expect(r.code).toBe(252);
    expect(r.stderr).toMatch(
      /stack-\d+\.yaml:3:37: pools\.p\.EmailVerificationSubject: the environment variable NOPE_NOT_SET is not set/,
    );
  });

  it("checks members with the model: enums, types, bounds, unknown keys", async () => {
    const enumBad = await plan("pools:\n  p:\n    DeletionProtection: MAYBE\n");
    expect(enumBad.code).toBe(252);
    expect(enumBad.stderr).toMatch(
      /:3:25: pools\.p\.DeletionProtection: invalid value 'MAYBE'.*ACTIVE, INACTIVE/,
    );
    const bound = await plan(
      "pools:\n  p:\n    Policies:\n      PasswordPolicy:\n        MinimumLength: 3\n",
    );
    expect(bound.stderr).toMatch(
      /:5:24: pools\.p\.Policies\.PasswordPolicy\.MinimumLength: 3 is below the minimum of 6/,
    );
    const unknown = await plan("pools:\n  p:\n    clientz: {}\n");
    expect(unknown.stderr).toMatch(/:3:5: pools\.p\.clientz: unknown key 'clientz'\. Did you mean 'clients'/);
    const type = await plan("pools:\n  p:\n    groups:\n      g: {Precedence: high}\n");
    expect(type.stderr).toMatch(
      /:4:23: pools\.p\.groups\.g\.Precedence: expected an integer, got the string "high"/,
    );
    const yaml = await plan("pools:\n  p: [\n");
    expect(yaml.code).toBe(252);
    expect(yaml.stderr).toMatch(/stack-\d+\.yaml:\d+:\d+: invalid YAML/);
  });

  it("refuses a password written in the file unless it says insecure: true", async () => {
    const text = "pools:\n  p:\n    users:\n      bob:\n        password: hunter2hunter2\n";
    const r = await plan(text);
    expect(r.code).toBe(252);
    expect(r.stderr).toMatch(
      /:5:19: pools\.p\.users\.bob\.password: a password written in the file is refused/,
    );
    expect(r.stderr).not.toContain("hunter2");
  });
});

describe("dump, and a run stopped halfway (embedded endpoint)", () => {
  it("dump → apply to a new name → dump gives the same file", async () => {
    const local = await startLocal();
    try {
      const cog = (argv: string[]) => runCli(["--endpoint-url", local.server.url, ...argv], { env: ENV });
      const rich = `${BASE("orig")}    AutoVerifiedAttributes: [email]
    DeletionProtection: INACTIVE
    Schema:
      - {Name: team, AttributeDataType: String, Mutable: true, StringAttributeConstraints: {MaxLength: "64"}}
      - {Name: level, AttributeDataType: Number, Mutable: true}
    AccountRecoverySetting:
      RecoveryMechanisms: [{Name: verified_email, Priority: 1}]
    UserPoolTags: {env: test}
    domain: {Domain: orig-twin}
    resourceServers:
      api: {Name: API, Scopes: [{ScopeName: read, ScopeDescription: Read things}]}
    identityProviders:
      Corp:
        ProviderType: OIDC
        ProviderDetails: {client_id: corp, client_secret: "\${CORP_SECRET}", oidc_issuer: "https://idp.example.test", authorize_scopes: openid, attributes_request_method: GET}
        AttributeMapping: {email: email}
    mfa:
      MfaConfiguration: OPTIONAL
      SoftwareTokenMfaConfiguration: {Enabled: true}
`;
      const env = { ...ENV, CORP_SECRET: "s3cret-corp", COGNITO_IDP_CORP_CLIENT_SECRET: "s3cret-corp" };
      const first = await runCli(["--endpoint-url", local.server.url, "apply", "-f", stackFile(rich)], {
        env,
      });
      expect(first.code, first.stderr).toBe(0);
      expect(first.stderr).toContain(`"client_secret":"****"`);
      expect(first.stderr + first.stdout).not.toContain("s3cret-corp");
      const dumped = await cog(["dump", "--pool", "orig", "--with-users"]);
      expect(dumped.code, dumped.stderr).toBe(0);
      expect(dumped.stdout).not.toMatch(/ClientSecret|s3cret-corp|CreationDate|Arn|EstimatedNumberOfUsers/);
      expect(dumped.stdout).toContain("client_secret: ${COGNITO_IDP_CORP_CLIENT_SECRET}");
      const twin = dumped.stdout
        .replace("  orig:", "  twin:")
        .replace("Domain: orig-twin", "Domain: twin-twin");
      const second = await runCli(["--endpoint-url", local.server.url, "apply", "-f", stackFile(twin)], {
        env,
      });
      expect(second.code, second.stderr).toBe(0);
      const again = await cog(["dump", "--pool", "twin", "--with-users"]);
      expect(again.stdout).toBe(twin);
      const noop = await runCli(["--endpoint-url", local.server.url, "plan", "-f", stackFile(twin)], { env });
      expect(noop.code, noop.stdout).toBe(0);
    } finally {
      await local.close();
    }
  });

  it("reports what was done when a call fails midway, and the same command continues", async () => {
    const dataDir = mkdtempSync(join(dir, "data-"));
    const saved = process.env.AWS_MAX_ATTEMPTS;
    process.env.AWS_MAX_ATTEMPTS = "1";
    const file = stackFile(BASE("halfway"));
    try {
      // Every user creation refused (quota 0): the pool, clients and groups go through first.
      const throttled = await startLocal({ dataDir, limits: { quotas: "UserCreation=0" } });
      let r: Awaited<ReturnType<typeof runCli>>;
      try {
        r = await runCli(["--endpoint-url", throttled.server.url, "apply", "-f", file], { env: ENV });
      } finally {
        await throttled.close();
      }
      expect(r.code).toBe(254);
      expect(r.stderr).toContain("halfway: created group admins");
      expect(r.stderr).toMatch(/Stopped at halfway: user alice@example\.com: .*TooManyRequestsException/);
      expect(r.stderr).toMatch(/5 of 6 steps done before it .*Run the same command again to continue/);

      const open = await startLocal({ dataDir });
      try {
        const again = await runCli(["--endpoint-url", open.server.url, "apply", "-f", file], { env: ENV });
        expect(again.code, again.stderr).toBe(0);
        expect(again.stderr).toContain("Plan: 1 to create, 0 to update, 0 to delete.");
        expect(again.stderr).toContain("halfway: created user alice@example.com");
        const plan = await runCli(["--endpoint-url", open.server.url, "plan", "-f", file], { env: ENV });
        expect(plan.code).toBe(0);
      } finally {
        await open.close();
      }
    } finally {
      if (saved === undefined) delete process.env.AWS_MAX_ATTEMPTS;
      else process.env.AWS_MAX_ATTEMPTS = saved;
    }
  }, 60_000);
});
