// cogctl groups create GROUP: a new group, with an optional description, precedence and IAM role.

import { defineCommand } from "../../src/cli/command.js";
import { loadOperation } from "../../src/cognito/catalog.js";
import { UsageError } from "../../src/kernel/errors.js";
import { groupFields } from "../../src/kernel/groups.js";
import { checkConstraints } from "../../src/kernel/input/constraints.js";
import { describePool } from "../../src/kernel/resolve.js";
import { printFields } from "../../src/kernel/table-printer.js";
import { addPoolOption, wantsPrinter, withTask } from "../../src/kernel/task.js";

interface Opts {
  pool?: string;
  description?: string;
  precedence?: string;
  roleArn?: string;
}

export default defineCommand<Opts>({
  name: "groups create",
  summary: "Create a group (optionally with a description, precedence and IAM role)",
  examples: [
    { summary: "Create a group", args: ["groups", "create", "admins", "--pool", "demo"] },
    {
      summary: "Create a group that wins over others (lower precedence) and maps to an IAM role",
      args: [
        "groups",
        "create",
        "ops",
        "--pool",
        "demo",
        "--description",
        "On-call engineers",
        "--precedence",
        "1",
        "--role-arn",
        "arn:aws:iam::123456789012:role/ops",
      ],
    },
  ],
  configure(cmd) {
    addPoolOption(cmd)
      .argument("<group>", "the group's name")
      .option("--description <text>", "what the group is for")
      .option("--precedence <n>", "0 or more; when a user's groups have roles, the lowest precedence wins")
      .option("--role-arn <arn>", "the IAM role the group's members get through an identity pool");
  },
  async run(opts, args, ctx) {
    const [name] = args;
    const precedence = opts.precedence === undefined ? undefined : Number(opts.precedence);
    if (precedence !== undefined && !(opts.precedence?.trim() !== "" && Number.isInteger(precedence)))
      throw new UsageError(`--precedence ${opts.precedence}: give a whole number (0 or more; lower wins).`);
    await withTask(ctx, async ({ call, resolver }) => {
      const pool = await resolver.pool(opts.pool);
      const input = {
        UserPoolId: pool.id,
        GroupName: name,
        ...(opts.description !== undefined ? { Description: opts.description } : {}),
        ...(precedence !== undefined ? { Precedence: precedence } : {}),
        ...(opts.roleArn !== undefined ? { RoleArn: opts.roleArn } : {}),
      };
      // The model's bounds (name and description lengths, precedence at least 0), checked before
      // sending as for the generated create-group; the flags carry the members' own names.
      checkConstraints(input, loadOperation("create-group")!.input);
      const { Group: group } = await call("CreateGroup", input);
      if (wantsPrinter(ctx)) {
        ctx.printer.result({ Group: group });
        return;
      }
      printFields(ctx.io, groupFields(pool, group, 0), { now: ctx.clock() });
      ctx.printer.done(`Created group ${name} in ${describePool(pool)}`);
    });
  },
});
