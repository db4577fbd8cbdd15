// The CloudWatch Logs role of `users import --via job` against moto_server (which serves IAM and
// Cognito on one port): --create-role finds or creates the role idempotently with §8b's trust and
// policy (the account from the pool's ARN), repairs a role of that name that Cognito may not assume,
// --role-arn passes through, neither flag is a usage error naming both; with --local a fixed ARN and
// no IAM at all. The IAM client is the Context's: --debug traces its requests as the Cognito client's.
import {
  CognitoIdentityProviderClient,
  CreateUserPoolCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import {
  CreateRoleCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  ListRolePoliciesCommand,
} from "@aws-sdk/client-iam";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GlobalOptions } from "../src/kernel/context.js";
import { createContext } from "../src/kernel/create-context.js";
import { CliError, ExitCode, UsageError } from "../src/kernel/errors.js";
import {
  DEFAULT_ROLE_NAME,
  isRoleNotAssumable,
  LOCAL_ROLE_ARN,
  ROLE_POLICY_NAME,
  resolveImportRole,
  retryWhileRolePropagates,
} from "../src/kernel/import/role.js";
import { createTestIO } from "../src/kernel/io/test-io.js";
import { applyEnv, isolatedAwsEnv } from "./helpers/env.js";
import { type MotoServer, startMoto } from "./helpers/moto.js";

let moto: MotoServer;
let restoreEnv: () => void;
let iam: IAMClient;
let poolArn: string;
// No directory of the machine's: these tests touch none, and would fail loudly if they did.
const env = isolatedAwsEnv({
  COGCTL_CONFIG_DIR: "/nonexistent/config",
  COGCTL_DATA_DIR: "/nonexistent/data",
  COGCTL_STATE_DIR: "/nonexistent/state",
});

beforeAll(async () => {
  restoreEnv = applyEnv(env);
  moto = await startMoto();
  const sdk = {
    region: "us-east-1",
    endpoint: moto.url,
    credentials: { accessKeyId: "t", secretAccessKey: "t" },
  };
  iam = new IAMClient(sdk);
  const cognito = new CognitoIdentityProviderClient(sdk);
  poolArn = (await cognito.send(new CreateUserPoolCommand({ PoolName: "roles" }))).UserPool?.Arn as string;
  cognito.destroy();
}, 60_000);
afterAll(async () => {
  iam?.destroy();
  await moto?.stop();
  restoreEnv();
});

function context(extra: Partial<GlobalOptions> = {}, tty = false) {
  const io = createTestIO({ env, stderrTTY: tty });
  const globals: GlobalOptions = {
    output: "json",
    outputExplicit: false,
    paginate: true,
    debug: false,
    color: "off",
    local: false,
    region: "us-east-1",
    endpointUrl: moto.url,
    ...extra,
  };
  return {
    ctx: createContext(io, globals, {}),
    io,
  };
}

describe("--create-role against moto_server", () => {
  it("creates the role once with the trust and logs policy of §8b, then finds it", async () => {
    const account = /:(\d{12}):userpool\//.exec(poolArn)?.[1];
    const { ctx, io } = context({ debug: true });
    try {
      const first = await resolveImportRole(ctx, { createRole: true }, poolArn);
      expect(first.created).toBe(true);
      expect(first.arn).toBe(`arn:aws:iam::${account}:role/${DEFAULT_ROLE_NAME}`);
      // The Context's IAM client traces like the Cognito client (--debug), to the same endpoint.
      expect(io.err()).toMatch(new RegExp(`request: POST ${moto.url.replace("http:", "http:")}/? `));
      // IAM speaks the query protocol: its bodies are not JSON and not shown; the signature is hidden.
      expect(io.err()).toContain("request body: <");
      expect(io.err()).toContain("Signature=****");
      expect(io.err()).toContain(`Created IAM role ${first.arn}`);
    } finally {
      await ctx.close();
    }

    const role = (await iam.send(new GetRoleCommand({ RoleName: DEFAULT_ROLE_NAME }))).Role;
    const trust = JSON.parse(decodeURIComponent(role?.AssumeRolePolicyDocument ?? ""));
    expect(trust.Statement).toEqual([
      { Effect: "Allow", Principal: { Service: "cognito-idp.amazonaws.com" }, Action: "sts:AssumeRole" },
    ]);
    const policy = await iam.send(
      new GetRolePolicyCommand({ RoleName: DEFAULT_ROLE_NAME, PolicyName: ROLE_POLICY_NAME }),
    );
    const doc = JSON.parse(decodeURIComponent(policy.PolicyDocument ?? ""));
    expect(doc.Statement).toEqual([
      {
        Effect: "Allow",
        Action: [
          "logs:CreateLogGroup",
          "logs:CreateLogStream",
          "logs:DescribeLogStreams",
          "logs:PutLogEvents",
        ],
        Resource: `arn:aws:logs:us-east-1:${account}:log-group:/aws/cognito/*`,
      },
    ]);

    // Again: found, not created; still one inline policy.
    const again = context({}, true);
    try {
      const second = await resolveImportRole(again.ctx, { createRole: true }, poolArn);
      expect(second).toEqual({ arn: `arn:aws:iam::${account}:role/${DEFAULT_ROLE_NAME}`, created: false });
      expect(again.io.err()).toContain(`Using IAM role ${second.arn}`);
    } finally {
      await again.ctx.close();
    }
    const listed = await iam.send(new ListRolePoliciesCommand({ RoleName: DEFAULT_ROLE_NAME }));
    expect(listed.PolicyNames).toEqual([ROLE_POLICY_NAME]);
  });

  it("a role of that name that Cognito may not assume gets Cognito's trust", async () => {
    await iam.send(
      new CreateRoleCommand({
        RoleName: "lambda-only",
        AssumeRolePolicyDocument: JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            { Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" },
          ],
        }),
      }),
    );
    const { ctx, io } = context();
    try {
      const role = await resolveImportRole(ctx, { createRole: "lambda-only" }, poolArn);
      expect(role.created).toBe(false);
      expect(io.err()).toContain("now trusts cognito-idp.amazonaws.com");
    } finally {
      await ctx.close();
    }
    const trust = (await iam.send(new GetRoleCommand({ RoleName: "lambda-only" }))).Role
      ?.AssumeRolePolicyDocument;
    expect(decodeURIComponent(trust ?? "")).toContain("cognito-idp.amazonaws.com");
  });
});

describe("the role flags", () => {
  it("--role-arn passes through; a malformed one, both flags, or neither are usage errors", async () => {
    const { ctx } = context();
    const arn = "arn:aws:iam::123456789012:role/service-role/Import";
    expect(await resolveImportRole(ctx, { roleArn: arn }, poolArn)).toEqual({ arn, created: false });
    await expect(resolveImportRole(ctx, { roleArn: "Import" }, poolArn)).rejects.toThrow(
      /--role-arn Import is not an IAM role ARN/,
    );
    await expect(resolveImportRole(ctx, { roleArn: arn, createRole: true }, poolArn)).rejects.toThrow(
      "Give --role-arn ARN or --create-role [NAME], not both.",
    );
    const neither = await resolveImportRole(ctx, {}, poolArn).catch((e) => e);
    expect(neither).toBeInstanceOf(UsageError);
    expect(neither.message).toContain("--role-arn ARN");
    expect(neither.message).toContain("--create-role [NAME]");
    await expect(resolveImportRole(ctx, { createRole: "has space" }, poolArn)).rejects.toThrow(
      /not a valid IAM role name/,
    );
    await ctx.close();
  });

  it("--local: a fixed local ARN, said on stderr; the IAM client itself is refused", async () => {
    const { ctx, io } = context({ local: true, endpointUrl: undefined });
    try {
      const role = await resolveImportRole(
        ctx,
        { createRole: true },
        "arn:aws:cognito-idp:us-east-1:000000000000:userpool/x",
      );
      expect(role).toEqual({ arn: LOCAL_ROLE_ARN, created: false });
      expect(io.err()).toContain("--local: the embedded endpoint serves no IAM and checks no role");
      const refused = await ctx.iam().catch((e) => e);
      expect(refused).toBeInstanceOf(CliError);
      expect(refused.exitCode).toBe(ExitCode.USAGE);
      expect(refused.message).toContain("does not serve IAM");
    } finally {
      await ctx.close();
    }
  });
});

describe("IAM propagation", () => {
  const notYet = Object.assign(new Error("Role arn:... cannot be assumed by Cognito"), {
    code: "InvalidParameterException",
    serviceMessage: "Role arn:aws:iam::1:role/x cannot be assumed by Cognito",
  });

  it("retries CreateUserImportJob while a new role cannot be assumed, within a budget", async () => {
    let t = 0;
    const waits: number[] = [];
    let calls = 0;
    const out = await retryWhileRolePropagates(
      { arn: "a", created: true },
      async () => {
        if (++calls < 4) throw notYet;
        return "job";
      },
      {
        sleep: async (ms) => {
          waits.push(ms);
          t += ms;
        },
        now: () => t,
      },
    );
    expect(out).toBe("job");
    expect(waits).toEqual([2000, 4000, 8000]);
    expect(isRoleNotAssumable(notYet)).toBe(true);

    // Past the budget, the error is the service's.
    t = 0;
    await expect(
      retryWhileRolePropagates({ arn: "a", created: true }, async () => Promise.reject(notYet), {
        budgetMs: 10_000,
        sleep: async (ms) => {
          t += ms;
        },
        now: () => t,
      }),
    ).rejects.toBe(notYet);
  });

  it("an old role that cannot be assumed, or any other error, is reported at once", async () => {
    let calls = 0;
    await expect(
      retryWhileRolePropagates({ arn: "a", created: false }, async () => {
        calls++;
        throw notYet;
      }),
    ).rejects.toBe(notYet);
    const other = Object.assign(new Error("Pool not found"), { code: "ResourceNotFoundException" });
    await expect(
      retryWhileRolePropagates({ arn: "a", created: true }, async () => {
        calls++;
        throw other;
      }),
    ).rejects.toBe(other);
    expect(calls).toBe(2);
  });
});
