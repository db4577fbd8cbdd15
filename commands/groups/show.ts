// cogctl groups show GROUP: one group's description, precedence, role, member count and dates.
import { defineCommand } from "../../src/cli/command.js";
import { countMembers, groupFields } from "../../src/kernel/groups.js";
import { printFields } from "../../src/kernel/table-printer.js";
import { addPoolOption, wantsPrinter, withTask } from "../../src/kernel/task.js";

export default defineCommand<{ pool?: string }>({
  name: "groups show",
  summary: "Show a group: description, precedence, role ARN, member count, dates",
  examples: [
    { summary: "Show a group", args: ["groups", "show", "admins", "--pool", "demo"] },
    {
      summary: "Only its member count, as JSON",
      args: ["groups", "show", "admins", "--pool", "demo", "--output", "json", "--query", "MemberCount"],
    },
  ],
  configure(cmd) {
    addPoolOption(cmd).argument("<group>", "the group's name");
  },
  async run(opts, args, ctx) {
    const [name] = args;
    await withTask(ctx, async ({ call, resolver }) => {
      const pool = await resolver.pool(opts.pool);
      const { Group: group } = await call("GetGroup", { UserPoolId: pool.id, GroupName: name });
      const members = await countMembers(call, pool.id, name);
      if (wantsPrinter(ctx)) {
        // GetGroup's shape, plus what no single API call returns.
        ctx.printer.result({ Group: group, MemberCount: members });
        return;
      }
      printFields(ctx.io, groupFields(pool, group, members), { now: ctx.clock() });
    });
  },
});
