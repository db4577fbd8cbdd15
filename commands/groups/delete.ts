// cogctl groups delete GROUP: removes a group (its members stay in the pool); asks first.
import { defineCommand } from "../../src/cli/command.js";
import { confirmPlan } from "../../src/kernel/confirm.js";
import { countMembers } from "../../src/kernel/groups.js";
import { describePool } from "../../src/kernel/resolve.js";
import { addConfirmOptions, addPoolOption, withTask } from "../../src/kernel/task.js";

export default defineCommand<{ pool?: string; yes?: boolean; dryRun?: boolean }>({
  name: "groups delete",
  summary: "Delete a group; its members stay in the pool (asks first)",
  examples: [
    {
      summary: "Delete a group (asks first on a terminal)",
      args: ["groups", "delete", "testers", "--pool", "demo"],
    },
    {
      summary: "Show what deleting it would do, changing nothing",
      args: ["groups", "delete", "testers", "--pool", "demo", "--dry-run"],
    },
    {
      summary: "Delete it without asking (scripts)",
      args: ["groups", "delete", "testers", "--pool", "demo", "--yes"],
    },
  ],
  configure(cmd) {
    addConfirmOptions(addPoolOption(cmd)).argument("<group>", "the group's name");
  },
  async run(opts, args, ctx) {
    const [name] = args;
    await withTask(ctx, async ({ call, resolver }) => {
      const pool = await resolver.pool(opts.pool);
      // A group that does not exist fails here, before anyone is asked to confirm.
      await call("GetGroup", { UserPoolId: pool.id, GroupName: name });
      const members = await countMembers(call, pool.id, name);
      const decision = await confirmPlan(
        ctx,
        {
          action: `Delete group ${name} in pool ${describePool(pool)}`,
          items: [`${members} ${members === 1 ? "member loses" : "members lose"} the group (the users stay)`],
        },
        opts,
      );
      if (decision === "dry-run") return;
      await call("DeleteGroup", { UserPoolId: pool.id, GroupName: name });
      ctx.printer.done(`Deleted group ${name} in ${describePool(pool)}`);
    });
  },
});
