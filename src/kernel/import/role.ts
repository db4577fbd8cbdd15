// The CloudWatch Logs role an import job needs (CreateUserImportJob's CloudWatchLogsRoleArn,
// COGNITO-FACTS §8b): given with --role-arn, or found / created with --create-role [NAME], an IAM
// role trusted by cognito-idp.amazonaws.com whose inline policy lets Cognito write the job's log
// stream under /aws/cognito/*. Only the AWS console creates it otherwise.
//
// The account and region of the policy's resource come from the pool's own ARN (DescribeUserPool):
// no STS client is pinned, and the pool's ARN names exactly the account the job writes logs in.
//
// --local: the embedded endpoint serves no IAM and checks no role, so --create-role uses a fixed
// local role ARN in the endpoint's account and says so on stderr; --role-arn is passed through as is.
import type { Context } from "../context.js";
import { normalize } from "../error-mapping.js";
import { UsageError } from "../errors.js";
import { loadIamSdk } from "../sdk.js";

export const DEFAULT_ROLE_NAME = "CognitoUserImport-CloudWatchLogs";
/** The inline policy's name on the role (PutRolePolicy overwrites it: idempotent). */
export const ROLE_POLICY_NAME = "cogctl-cognito-import-logs";
/** The account the embedded endpoint's pool ARNs carry (src/local/services/ids.ts). */
export const LOCAL_ROLE_ARN = `arn:aws:iam::000000000000:role/${DEFAULT_ROLE_NAME}`;

export interface RoleFlags {
  roleArn?: string;
  /** true for `--create-role` without a name, a string for `--create-role NAME`. */
  createRole?: string | boolean;
}

export interface ImportRole {
  arn: string;
  /** True when this run created the role: IAM may need a few seconds before Cognito can assume it. */
  created: boolean;
}

export const ROLE_ARN = /^arn:[\w-]+:iam::\d{12}:role\/[\w+=,.@/-]+$/;
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;

export function trustPolicy(): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Service: "cognito-idp.amazonaws.com" },
        Action: "sts:AssumeRole",
      },
    ],
  });
}

export function logsPolicy(partition: string, region: string, account: string): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Action: [
          "logs:CreateLogGroup",
          "logs:CreateLogStream",
          "logs:DescribeLogStreams",
          "logs:PutLogEvents",
        ],
        Resource: `arn:${partition}:logs:${region}:${account}:log-group:/aws/cognito/*`,
      },
    ],
  });
}

/** partition, region and account of arn:PARTITION:cognito-idp:REGION:ACCOUNT:userpool/ID. */
export function parsePoolArn(arn: string): { partition: string; region: string; account: string } {
  const m = /^arn:([\w-]+):cognito-idp:([\w-]+):(\d{12}):userpool\//.exec(arn);
  if (!m)
    throw new UsageError(`The pool's ARN ${arn} does not name an account; pass --role-arn ARN instead.`);
  return { partition: m[1], region: m[2], account: m[3] };
}

/** The role for the job, from the flags; `poolArn` is DescribeUserPool's UserPool.Arn. */
export async function resolveImportRole(
  ctx: Context,
  flags: RoleFlags,
  poolArn: string,
): Promise<ImportRole> {
  if (flags.roleArn !== undefined && flags.createRole !== undefined && flags.createRole !== false) {
    throw new UsageError("Give --role-arn ARN or --create-role [NAME], not both.");
  }
  if (flags.roleArn !== undefined) {
    if (!ROLE_ARN.test(flags.roleArn)) {
      throw new UsageError(
        `--role-arn ${flags.roleArn} is not an IAM role ARN (arn:aws:iam::123456789012:role/NAME).`,
      );
    }
    return { arn: flags.roleArn, created: false };
  }
  if (flags.createRole === undefined || flags.createRole === false) {
    throw new UsageError(
      "An import job needs an IAM role that lets Cognito write its CloudWatch Logs: pass --role-arn ARN " +
        `(a role trusted by cognito-idp.amazonaws.com), or --create-role [NAME] to find or create one (default name ${DEFAULT_ROLE_NAME}).`,
    );
  }
  const name = flags.createRole === true ? DEFAULT_ROLE_NAME : flags.createRole;
  if (!ROLE_NAME.test(name)) {
    throw new UsageError(
      `--create-role ${name} is not a valid IAM role name (1-64 letters, digits and +=,.@_-).`,
    );
  }
  if (ctx.globals.local) {
    const arn = LOCAL_ROLE_ARN.replace(DEFAULT_ROLE_NAME, name);
    // Always said (not only on a terminal): a CI log should show that no real role was involved.
    ctx.printer.warn(
      `--local: the embedded endpoint serves no IAM and checks no role; the job uses ${arn} (nothing is created).`,
    );
    return { arn, created: false };
  }
  return findOrCreateRole(ctx, name, parsePoolArn(poolArn));
}

async function findOrCreateRole(
  ctx: Context,
  name: string,
  where: { partition: string; region: string; account: string },
): Promise<ImportRole> {
  const iam = await ctx.iam();
  const sdk = loadIamSdk();
  const send = async <T>(operation: string, command: unknown): Promise<T> => {
    try {
      return (await iam.send(command as never)) as T;
    } catch (err) {
      throw normalize(err, operation, ctx.globals.endpointUrl);
    }
  };
  let arn: string | undefined;
  let created = false;
  try {
    const got = await iam.send(new sdk.GetRoleCommand({ RoleName: name }));
    arn = got.Role?.Arn;
    const trust = decodeURIComponent(got.Role?.AssumeRolePolicyDocument ?? "");
    if (!trust.includes("cognito-idp.amazonaws.com")) {
      // A role of that name that Cognito may not assume would make every job fail: fix its trust.
      await send(
        "UpdateAssumeRolePolicy",
        new sdk.UpdateAssumeRolePolicyCommand({ RoleName: name, PolicyDocument: trustPolicy() }),
      );
      ctx.printer.warn(`Role ${name} now trusts cognito-idp.amazonaws.com (its trust policy did not).`);
    }
  } catch (err) {
    if ((err as { name?: string }).name !== "NoSuchEntityException")
      throw normalize(err, "GetRole", ctx.globals.endpointUrl);
    try {
      const out = await send<{ Role?: { Arn?: string } }>(
        "CreateRole",
        new sdk.CreateRoleCommand({
          RoleName: name,
          AssumeRolePolicyDocument: trustPolicy(),
          Description: "Lets Amazon Cognito write user import jobs' CloudWatch Logs (created by cogctl)",
        }),
      );
      arn = out.Role?.Arn;
      created = true;
    } catch (createErr) {
      // Another process created it between our GetRole and CreateRole: use theirs.
      if ((createErr as { code?: string }).code !== "EntityAlreadyExistsException") throw createErr;
      arn = (await send<{ Role?: { Arn?: string } }>("GetRole", new sdk.GetRoleCommand({ RoleName: name })))
        .Role?.Arn;
    }
  }
  // Overwrites the inline policy of that name: running again never adds a second one.
  await send(
    "PutRolePolicy",
    new sdk.PutRolePolicyCommand({
      RoleName: name,
      PolicyName: ROLE_POLICY_NAME,
      PolicyDocument: logsPolicy(where.partition, where.region, where.account),
    }),
  );
  if (!arn) throw new UsageError(`IAM returned no ARN for role ${name}; pass --role-arn ARN instead.`);
  // A change to the account is always said; using an existing role only on a terminal.
  if (created) ctx.printer.warn(`Created IAM role ${arn} for the import job's CloudWatch Logs`);
  else ctx.printer.info(`Using IAM role ${arn} for the import job's CloudWatch Logs`);
  return { arn, created };
}

/** Cognito's answer while a new role has not reached every IAM endpoint yet. */
export function isRoleNotAssumable(err: unknown): boolean {
  const e = err as { code?: string; name?: string; serviceMessage?: string; message?: string };
  const code = e.code ?? e.name ?? "";
  const text = e.serviceMessage ?? e.message ?? "";
  return (
    (code === "InvalidParameterException" ||
      code === "NotAuthorizedException" ||
      code === "AccessDeniedException") &&
    /assume|role/i.test(text)
  );
}

/**
 * Runs create (CreateUserImportJob) again while Cognito says the role cannot be assumed, for at most
 * `budgetMs` (IAM's propagation takes seconds, rarely more than a minute), only for a role this run
 * created: an old role that cannot be assumed is a real error, reported at once.
 */
export async function retryWhileRolePropagates<T>(
  role: ImportRole,
  create: () => Promise<T>,
  opts: {
    budgetMs?: number;
    sleep?: (ms: number) => Promise<void>;
    now?: () => number;
    onRetry?: () => void;
  } = {},
): Promise<T> {
  const budget = opts.budgetMs ?? 90_000;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const now = opts.now ?? (() => Date.now());
  const start = now();
  for (let wait = 2_000; ; wait = Math.min(wait * 2, 15_000)) {
    try {
      return await create();
    } catch (err) {
      if (!role.created || !isRoleNotAssumable(err) || now() - start + wait > budget) throw err;
      opts.onRetry?.();
      await sleep(wait);
    }
  }
}
