// cogctl pools delete POOL: deletes a pool and everything in it. Honours deletion protection, and a
// person must type the pool's name (without a terminal: --yes; --dry-run prints the plan).
import { defineCommand } from "../../src/cli/command.js";
import type { ServiceOutput } from "../../src/kernel/cognito-call.js";
import { confirmPlan } from "../../src/kernel/confirm.js";
import { UsageError } from "../../src/kernel/errors.js";
import { describePool } from "../../src/kernel/resolve.js";
import { addConfirmOptions, withTask } from "../../src/kernel/task.js";

export default defineCommand<{ yes?: boolean; dryRun?: boolean }>({
  name: "pools delete",
  summary: "Delete a user pool and all its users (type its name to confirm)",
  description: [
    "Delete a user pool with its users, groups, app clients and domain, for good. On a terminal you type",
    "the pool's name to confirm; without one --yes is needed. A pool with deletion protection is",
    "refused before anything is sent: turn the protection off first (see the message).",
  ].join("\n"),
  examples: [
    {
      summary: "Delete the pool named scratch (type its name to confirm)",
      args: ["pools", "delete", "scratch"],
    },
    {
      summary: "Show what would be deleted, changing nothing",
      args: ["pools", "delete", "scratch", "--dry-run"],
    },
    { summary: "Delete a pool by id in a script", args: ["pools", "delete", "us-east-1_AbC123", "--yes"] },
  ],
  configure(cmd) {
    addConfirmOptions(cmd).argument("<pool>", "the pool's name or id");
  },
  async run(opts, args, ctx) {
    await withTask(ctx, async ({ call, resolver }) => {
      const ref = await resolver.pool(args[0], "POOL");
      const pool = (await call("DescribeUserPool", { UserPoolId: ref.id })).UserPool as ServiceOutput;
      const named = { id: ref.id, name: (pool.Name as string | undefined) ?? ref.name };
      if (pool.DeletionProtection === "ACTIVE") {
        throw new UsageError(
          [
            `${describePool(named)} has deletion protection on: Cognito refuses to delete it, so nothing was sent.`,
            "Turn it off first, in the AWS console (the pool's Settings, Deletion protection), or with",
            `\`cogctl update-user-pool --user-pool-id ${ref.id} --deletion-protection INACTIVE ...\` given every`,
            "setting to keep: UpdateUserPool resets the ones it is not given (start from `cogctl describe-user-pool`).",
          ].join("\n"),
        );
      }
      const decision = await confirmPlan(
        ctx,
        {
          action: `Delete user pool ${describePool(named)} with all its users, groups and app clients${pool.Domain || pool.CustomDomain ? " (its domain first)" : ""}`,
          items: [
            `about ${pool.EstimatedNumberOfUsers ?? "?"} users`,
            ...(pool.Domain || pool.CustomDomain ? [`domain ${pool.CustomDomain ?? pool.Domain}`] : []),
          ],
          typeToConfirm: named.name ?? named.id,
        },
        opts,
      );
      if (decision === "dry-run") return;
      // Cognito refuses DeleteUserPool while a domain is configured ("It has a domain configured that
      // should be deleted first"): the plan listed the domain, so it goes first.
      for (const domain of [pool.CustomDomain, pool.Domain]) {
        if (typeof domain === "string" && domain !== "")
          await call("DeleteUserPoolDomain", { UserPoolId: ref.id, Domain: domain });
      }
      await call("DeleteUserPool", { UserPoolId: ref.id });
      ctx.printer.done(`Deleted user pool ${describePool(named)}`);
    });
  },
});
