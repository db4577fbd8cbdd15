// cogctl pools list: the user pools as a table on a terminal, tab-separated lines in pipes, or the
// ListUserPools shape with --output / --query.
import { defineCommand } from "../../src/cli/command.js";
import type { ServiceOutput } from "../../src/kernel/cognito-call.js";
import { type Column, createTablePrinter } from "../../src/kernel/table-printer.js";
import { wantsPrinter, withTask } from "../../src/kernel/task.js";

/** The DescribeUserPool members --details adds to each listed pool. */
const DETAILS = ["DeletionProtection", "EstimatedNumberOfUsers", "MfaConfiguration"] as const;

export default defineCommand<{ details?: boolean }>({
  name: "pools list",
  summary: "List the user pools (name, id, created, modified; --details: protection, users, MFA)",
  description: [
    "List the user pools of the account and region (or endpoint): name, id, when it was created",
    "and last modified (ListUserPools gives these).",
    "",
    "--details adds, from one DescribeUserPool per pool: deletion protection (ACTIVE or",
    "INACTIVE), the estimated number of users (Cognito's estimate, not a count) and MFA (OFF,",
    "OPTIONAL or ON). Against AWS these reads are paced to Cognito's quota.",
  ].join("\n"),
  examples: [
    {
      summary: "List the pools (a table on a terminal, tab-separated lines in pipes)",
      args: ["pools", "list"],
    },
    { summary: "With deletion protection, estimated users and MFA", args: ["pools", "list", "--details"] },
    {
      summary: "The id of the pool named demo, as JSON",
      args: ["pools", "list", "--output", "json", "--query", "UserPools[?Name=='demo'].Id"],
    },
  ],
  configure(cmd) {
    cmd.option(
      "--details",
      "also deletion protection, estimated users and MFA (one DescribeUserPool per pool)",
    );
  },
  async run(opts, _args, ctx) {
    await withTask(ctx, async ({ call }) => {
      const structured = wantsPrinter(ctx);
      const columns: Column<ServiceOutput>[] = [
        { header: "name", value: (p) => p.Name as string },
        { header: "id", value: (p) => p.Id as string },
        { header: "created", value: (p) => p.CreationDate as Date, kind: "time" },
        { header: "modified", value: (p) => p.LastModifiedDate as Date, kind: "time" },
        ...(opts.details
          ? ([
              // Cognito's default when a pool was created without the setting (moto leaves it out).
              {
                header: "protection",
                value: (p) => (p.DeletionProtection as string | undefined) ?? "INACTIVE",
              },
              { header: "users", value: (p) => p.EstimatedNumberOfUsers as number },
              { header: "mfa", value: (p) => p.MfaConfiguration as string },
            ] satisfies Column<ServiceOutput>[])
          : []),
      ];
      const table = createTablePrinter(ctx.io, columns, { now: ctx.clock() });
      const pools: ServiceOutput[] = [];
      let token: string | undefined;
      do {
        const page = await call("ListUserPools", { MaxResults: 60, ...(token ? { NextToken: token } : {}) });
        let listed = (page.UserPools as ServiceOutput[] | undefined) ?? [];
        if (opts.details) {
          listed = await Promise.all(
            listed.map(async (p) => {
              const described = (await call("DescribeUserPool", { UserPoolId: p.Id }))
                .UserPool as ServiceOutput;
              return { ...p, ...Object.fromEntries(DETAILS.map((k) => [k, described?.[k]])) };
            }),
          );
        }
        for (const p of listed) {
          if (structured) pools.push(p);
          else table.add(p);
        }
        table.flush();
        token = page.NextToken as string | undefined;
      } while (token);
      if (structured) ctx.printer.result({ UserPools: pools }, { title: "UserPools" });
      else table.render();
    });
  },
});
