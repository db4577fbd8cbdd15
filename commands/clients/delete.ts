// cogctl clients delete CLIENT: removes an app client (apps using it can no longer sign users in); asks first.
import { defineCommand } from "../../src/cli/command.js";
import { confirmPlan } from "../../src/kernel/confirm.js";
import { describeClient, describePool } from "../../src/kernel/resolve.js";
import { addConfirmOptions, addPoolOption, withTask } from "../../src/kernel/task.js";

export default defineCommand<{ pool?: string; yes?: boolean; dryRun?: boolean }>({
  name: "clients delete",
  summary: "Delete an app client: apps using it can no longer sign in (asks first)",
  examples: [
    {
      summary: "Delete the app client named old-web (asks first)",
      args: ["clients", "delete", "old-web", "--pool", "demo"],
    },
    {
      summary: "Show what would be deleted, changing nothing",
      args: ["clients", "delete", "old-web", "--pool", "demo", "--dry-run"],
    },
    {
      summary: "Delete a client by id in a script",
      args: ["clients", "delete", "1example23456789", "--pool", "demo", "--yes"],
    },
  ],
  configure(cmd) {
    addConfirmOptions(addPoolOption(cmd)).argument("<client>", "the app client's name or id");
  },
  async run(opts, args, ctx) {
    await withTask(ctx, async ({ call, resolver }) => {
      const pool = await resolver.pool(opts.pool);
      const client = await resolver.client(pool, args[0]);
      const decision = await confirmPlan(
        ctx,
        { action: `Delete app client ${describeClient(client)} from pool ${describePool(pool)}` },
        opts,
      );
      if (decision === "dry-run") return;
      await call("DeleteUserPoolClient", { UserPoolId: pool.id, ClientId: client.id });
      ctx.printer.done(`Deleted app client ${describeClient(client)}`);
    });
  },
});
