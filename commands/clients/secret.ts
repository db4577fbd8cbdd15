// cogctl clients secret CLIENT: the one command that prints an app client's secret (stdout, one
// line, for `$(...)` or a file); list, show and create keep it masked.
import { defineCommand } from "../../src/cli/command.js";
import type { ServiceOutput } from "../../src/kernel/cognito-call.js";
import { UsageError } from "../../src/kernel/errors.js";
import { describeClient } from "../../src/kernel/resolve.js";
import { addPoolOption, wantsPrinter, withTask } from "../../src/kernel/task.js";

export default defineCommand<{ pool?: string }>({
  name: "clients secret",
  summary: "Print an app client's secret (only this command shows it)",
  examples: [
    {
      summary: "Print the secret of the client named backend",
      args: ["clients", "secret", "backend", "--pool", "demo"],
    },
    {
      summary: "The id and the secret as JSON",
      args: ["clients", "secret", "backend", "--pool", "demo", "--output", "json"],
    },
  ],
  configure(cmd) {
    addPoolOption(cmd).argument("<client>", "the app client's name or id");
  },
  async run(opts, args, ctx) {
    await withTask(ctx, async ({ call, resolver }) => {
      const pool = await resolver.pool(opts.pool);
      const ref = await resolver.client(pool, args[0]);
      const described = await call("DescribeUserPoolClient", { UserPoolId: pool.id, ClientId: ref.id });
      const secret = (described.UserPoolClient as ServiceOutput | undefined)?.ClientSecret as
        | string
        | undefined;
      if (secret === undefined)
        throw new UsageError(`App client ${describeClient(ref)} has no secret (it was created without one).`);
      if (wantsPrinter(ctx)) ctx.printer.result({ ClientId: ref.id, ClientSecret: secret });
      else ctx.io.stdout.write(`${secret}\n`);
    });
  },
});
