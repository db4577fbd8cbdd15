// cogctl groups export: a pool's groups (name, description, precedence, role ARN) as JSON in
// ListGroups' shape, for `groups import` into another pool before its users.
import { defineCommand } from "../../src/cli/command.js";
import { listGroups } from "../../src/kernel/export/group-map.js";
import { writeFileAtomically } from "../../src/kernel/import/atomic-file.js";
import { describePool } from "../../src/kernel/resolve.js";
import { addPoolOption, withTask } from "../../src/kernel/task.js";

interface Opts {
  pool?: string;
  out?: string;
  force?: boolean;
}

export default defineCommand<Opts>({
  name: "groups export",
  summary: "Export a pool's groups (description, precedence, role ARN) as JSON for groups import",
  description: [
    'Write a pool\'s groups as JSON, {"Groups": [{GroupName, Description, Precedence, RoleArn}]}: the',
    "shape of ListGroups (so `aws cognito-idp list-groups` output is a valid file too), without dates",
    "or the pool id, which belong to the pool. To --out FILE (written whole or not at all; an existing",
    "file only with --force) or standard output. Members are not in it: `users export --groups` has them.",
  ].join(" "),
  examples: [
    {
      summary: "Save a pool's groups",
      args: ["groups", "export", "--pool", "staging", "--out", "groups.json"],
    },
  ],
  configure(cmd) {
    addPoolOption(cmd)
      .option("--out <file>", "where the JSON goes (default, or -: standard output)")
      .option("--force", "replace an existing FILE");
  },
  async run(opts, _args, ctx) {
    await withTask(ctx, async ({ call, resolver }) => {
      const pool = await resolver.pool(opts.pool);
      const groups = await listGroups(call, pool.id);
      const text = `${JSON.stringify({ Groups: groups }, null, 2)}\n`;
      if (opts.out === undefined || opts.out === "-") {
        ctx.io.stdout.write(text);
        return;
      }
      await writeFileAtomically(opts.out, [text], { force: opts.force, shown: `--out ${opts.out}` });
      ctx.io.stderr.write(
        `Exported ${groups.length} group${groups.length === 1 ? "" : "s"} of ${describePool(pool)} to ${opts.out}.\n`,
      );
    });
  },
});
