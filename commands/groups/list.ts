// cogctl groups list: a pool's groups as a table on a terminal, tab-separated lines in pipes, or
// the ListGroups shape with --output / --query.

import { defineCommand } from "../../src/cli/command.js";
import type { ServiceOutput } from "../../src/kernel/cognito-call.js";
import { operationPages } from "../../src/kernel/paginate.js";
import { createTablePrinter } from "../../src/kernel/table-printer.js";
import { addPoolOption, wantsPrinter, withTask } from "../../src/kernel/task.js";

export default defineCommand<{ pool?: string }>({
  name: "groups list",
  summary: "List a pool's groups",
  examples: [
    { summary: "List a pool's groups", args: ["groups", "list", "--pool", "demo"] },
    {
      summary: "Only the group names, as JSON",
      args: ["groups", "list", "--pool", "demo", "--output", "json", "--query", "Groups[].GroupName"],
    },
  ],
  configure(cmd) {
    addPoolOption(cmd);
  },
  async run(opts, _args, ctx) {
    await withTask(ctx, async ({ call, resolver }) => {
      const pool = await resolver.pool(opts.pool);
      const structured = wantsPrinter(ctx);
      const groups: ServiceOutput[] = [];
      const table = createTablePrinter<ServiceOutput>(
        ctx.io,
        [
          { header: "name", value: (g) => g.GroupName as string },
          { header: "precedence", value: (g) => g.Precedence as number | undefined },
          { header: "created", value: (g) => g.CreationDate as Date, kind: "time" },
          { header: "description", value: (g) => g.Description as string | undefined, kind: "text" },
        ],
        { now: ctx.clock() },
      );
      for await (const page of operationPages(
        call,
        "list-groups",
        { UserPoolId: pool.id },
        { pageSize: 60 },
      )) {
        for (const g of (page.Groups as ServiceOutput[] | undefined) ?? []) {
          if (structured) groups.push(g);
          else table.add(g);
        }
        table.flush();
      }
      if (structured) ctx.printer.result({ Groups: groups }, { title: "Groups" });
      else table.render();
    });
  },
});
