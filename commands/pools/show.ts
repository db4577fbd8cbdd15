// cogctl pools show [POOL]: the settings of a pool that matter day to day: how users sign in, MFA,
// the password policy, estimated users, domain, how many app clients and groups, deletion protection.
import { defineCommand } from "../../src/cli/command.js";
import type { CognitoCall, ServiceOutput } from "../../src/kernel/cognito-call.js";
import { type Field, printFields } from "../../src/kernel/table-printer.js";
import { wantsPrinter, withTask } from "../../src/kernel/task.js";

async function countGroups(call: CognitoCall, poolId: string): Promise<number> {
  let groups = 0;
  let token: string | undefined;
  do {
    const page = await call("ListGroups", {
      UserPoolId: poolId,
      Limit: 60,
      ...(token ? { NextToken: token } : {}),
    });
    groups += ((page.Groups as unknown[] | undefined) ?? []).length;
    token = page.NextToken as string | undefined;
  } while (token);
  return groups;
}

/** How users name themselves at sign-in: a username, or an email / phone instead of one, or aliases. */
function signIn(pool: ServiceOutput): string {
  const instead = (pool.UsernameAttributes as string[] | undefined) ?? [];
  if (instead.length) return `${instead.join(" or ")} (instead of a username)`;
  const aliases = (pool.AliasAttributes as string[] | undefined) ?? [];
  return aliases.length ? `username, or ${aliases.join(" or ")}` : "username";
}

/** The password rules, short enough to sit beside their label at 80 columns. */
function passwordPolicy(pool: ServiceOutput): { rules?: string; temporaryDays?: number } {
  const p = (pool.Policies as ServiceOutput | undefined)?.PasswordPolicy as ServiceOutput | undefined;
  if (!p) return {};
  const needs = [
    p.RequireUppercase && "uppercase",
    p.RequireLowercase && "lowercase",
    p.RequireNumbers && "numbers",
    p.RequireSymbols && "symbols",
  ].filter(Boolean);
  return {
    rules: `min ${p.MinimumLength ?? 8} characters${needs.length ? `; ${needs.join(", ")}` : ""}`,
    temporaryDays: p.TemporaryPasswordValidityDays as number | undefined,
  };
}

export default defineCommand({
  name: "pools show",
  summary: "Show a pool (by name or id): sign-in, MFA, password policy, users, domain, clients, groups",
  examples: [
    { summary: "Show the pool named demo", args: ["pools", "show", "demo"] },
    { summary: "Show the default pool (COGCTL_POOL or `cogctl config set pool`)", args: ["pools", "show"] },
    {
      summary: "Whether deletion protection is on, as JSON",
      args: ["pools", "show", "demo", "--output", "json", "--query", "UserPool.DeletionProtection"],
    },
  ],
  configure(cmd) {
    cmd.argument("[pool]", "the pool's name or id (default: COGCTL_POOL, else `cogctl config get pool`)");
  },
  async run(_opts, args, ctx) {
    await withTask(ctx, async ({ call, resolver }) => {
      const ref = await resolver.pool(args[0], "POOL");
      const pool = (await call("DescribeUserPool", { UserPoolId: ref.id })).UserPool as ServiceOutput;
      const [clients, groups] = await Promise.all([
        resolver.clients(ref).then((c) => c.length),
        countGroups(call, ref.id),
      ]);
      if (wantsPrinter(ctx)) {
        // DescribeUserPool's own shape (so --query UserPool.X works as for describe-user-pool), plus the counts.
        ctx.printer.result({ UserPool: pool, ClientCount: clients, GroupCount: groups });
        return;
      }
      const policy = passwordPolicy(pool);
      // Not the ARN: wider than 80 columns beside its label (it is in --output json: UserPool.Arn).
      const caseSensitive = (pool.UsernameConfiguration as ServiceOutput | undefined)?.CaseSensitive;
      const fields: Field[] = [
        { label: "name", value: pool.Name as string },
        { label: "id", value: pool.Id as string },
        { label: "sign-in", value: signIn(pool) },
        {
          label: "case-sensitive",
          // A pool created without UsernameConfiguration compares usernames case-sensitively
          // (COGNITO-FACTS §10): say so rather than leave the line blank.
          value: caseSensitive === undefined ? "yes (not configured)" : caseSensitive ? "yes" : "no",
        },
        { label: "mfa", value: (pool.MfaConfiguration as string | undefined) ?? "OFF" },
        { label: "password policy", value: policy.rules },
        {
          label: "temporary passwords",
          value: policy.temporaryDays === undefined ? undefined : `valid ${policy.temporaryDays} days`,
        },
        { label: "auto-verified", value: (pool.AutoVerifiedAttributes as string[] | undefined) ?? [] },
        { label: "estimated users", value: pool.EstimatedNumberOfUsers as number | undefined },
        { label: "domain", value: (pool.CustomDomain ?? pool.Domain) as string | undefined },
        { label: "app clients", value: clients },
        { label: "groups", value: groups },
        {
          label: "deletion protection",
          value: (pool.DeletionProtection as string | undefined) ?? "INACTIVE",
        },
        { label: "created", value: pool.CreationDate as Date, kind: "time" },
        { label: "last modified", value: pool.LastModifiedDate as Date, kind: "time" },
      ];
      printFields(ctx.io, fields, { now: ctx.clock() });
    });
  },
});
