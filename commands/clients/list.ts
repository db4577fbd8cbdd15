// cogctl clients list: a pool's app clients (name and id) as a table on a terminal, tab-separated
// lines in pipes, or the ListUserPoolClients shape with --output / --query. Never their secrets.
import { defineCommand } from "../../src/cli/command.js";
import type { ServiceOutput } from "../../src/kernel/cognito-call.js";
import { createTablePrinter } from "../../src/kernel/table-printer.js";
import { addPoolOption, wantsPrinter, withTask } from "../../src/kernel/task.js";

export default defineCommand<{ pool?: string }>({
  name: "clients list",
  summary: "List a pool's app clients (name and id; never secrets)",
  examples: [
    { summary: "List the app clients of a pool", args: ["clients", "list", "--pool", "demo"] },
    {
      summary: "The id of the client named web, as JSON",
      args: [
        "clients",
        "list",
        "--pool",
        "demo",
        "--output",
        "json",
        "--query",
        "UserPoolClients[?ClientName=='web'].ClientId",
      ],
    },
  ],
  configure(cmd) {
    addPoolOption(cmd);
  },
  async run(opts, _args, ctx) {
    await withTask(ctx, async ({ resolver }) => {
      const pool = await resolver.pool(opts.pool);
      // The resolver's walk: the same ListUserPoolClients pages name resolution uses.
      const clients = await resolver.clients(pool);
      if (wantsPrinter(ctx)) {
        ctx.printer.result({ UserPoolClients: clients }, { title: "UserPoolClients" });
        return;
      }
      const table = createTablePrinter<ServiceOutput>(ctx.io, [
        { header: "name", value: (c) => c.ClientName as string },
        { header: "id", value: (c) => c.ClientId as string },
      ]);
      for (const c of clients) table.add(c);
      table.render();
    });
  },
});
