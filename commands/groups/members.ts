// cogctl groups members GROUP: the users in a group, with the columns of `users list`, streamed
// page by page (ListUsersInGroup, under the UserList pace), or its JSON with --output / --query.
import { defineCommand } from "../../src/cli/command.js";
import type { ServiceOutput } from "../../src/kernel/cognito-call.js";
import { describePool } from "../../src/kernel/resolve.js";
import { addPoolOption, wantsPrinter, withTask } from "../../src/kernel/task.js";
import { attributeList, createUserTable, userPages } from "../../src/kernel/users.js";

export default defineCommand<{ pool?: string; attributes?: string }>({
  name: "groups members",
  summary: "List the users in a group (the columns of users list)",
  examples: [
    { summary: "List a group's members", args: ["groups", "members", "admins", "--pool", "demo"] },
    {
      summary: "With one more column: an attribute",
      args: ["groups", "members", "admins", "--pool", "demo", "--attributes", "custom:team"],
    },
    {
      summary: "Only the usernames, as JSON",
      args: [
        "groups",
        "members",
        "admins",
        "--pool",
        "demo",
        "--output",
        "json",
        "--query",
        "Users[].Username",
      ],
    },
  ],
  configure(cmd) {
    addPoolOption(cmd)
      .argument("<group>", "the group's name")
      .option("--attributes <a,b>", "more columns: these attributes");
  },
  async run(opts, args, ctx) {
    const [group] = args;
    const extra = attributeList(opts.attributes);
    await withTask(ctx, async ({ call, resolver }) => {
      const pool = await resolver.pool(opts.pool);
      const pages = userPages(call, pool.id, { group });
      if (wantsPrinter(ctx)) {
        const users: ServiceOutput[] = [];
        for await (const page of pages) users.push(...page);
        ctx.printer.result({ Users: users }, { title: "Users" });
        return;
      }
      const table = createUserTable(ctx.io, ctx.clock(), extra);
      for await (const page of pages) {
        for (const user of page) table.add(user);
        table.flush();
      }
      if (ctx.io.stdout.isTTY) {
        const n = table.count;
        ctx.printer.info(`${n} ${n === 1 ? "user" : "users"} in group ${group} of ${describePool(pool)}`);
      }
      table.render();
    });
  },
});
