// cogctl users list: the users of a pool as a table on a terminal, tab-separated lines in pipes
// (streamed page by page), or the ListUsers shape with --output / --query.

import { defineCommand } from "../../src/cli/command.js";
import type { ServiceOutput } from "../../src/kernel/cognito-call.js";
import { UsageError } from "../../src/kernel/errors.js";
import { addPoolOption, wantsPrinter, withTask } from "../../src/kernel/task.js";
import {
  attributeList,
  type Condition,
  createUserTable,
  matches,
  parseWhere,
  planFilter,
  userPages,
} from "../../src/kernel/users.js";

interface Opts {
  pool?: string;
  group?: string;
  status?: string;
  enabled?: boolean;
  disabled?: boolean;
  where?: string;
  limit?: string;
  attributes?: string;
}

export default defineCommand<Opts>({
  name: "users list",
  summary: "List a pool's users (filter by group, status, enabled or any attribute)",
  description: [
    "List a pool's users: username, email (or phone), status, enabled, created.",
    "",
    '--where takes conditions joined by \'and\': attribute = "value", attribute ^= "prefix" or',
    'attribute != "value", on username, status (the user status), enabled, or any attribute',
    "(custom:* included). The first condition ListUsers can filter on (= or ^= on username, email,",
    "phone_number, name, given_name, family_name, preferred_username, status, sub) is sent to the",
    "service; the others are applied by cogctl to each page. --status and --enabled/--disabled are",
    "conditions too; with --group (ListUsersInGroup) all conditions are applied by cogctl.",
  ].join("\n"),
  examples: [
    {
      summary: "List a pool's users (a table on a terminal, tab-separated lines in pipes)",
      args: ["users", "list", "--pool", "demo"],
    },
    {
      summary: "Users whose email starts with alice and who have not yet set a password",
      args: [
        "users",
        "list",
        "--pool",
        "demo",
        "--where",
        'email ^= "alice" and status = FORCE_CHANGE_PASSWORD',
      ],
    },
    {
      summary: "Disabled members of a group, with two more attribute columns",
      args: [
        "users",
        "list",
        "--pool",
        "demo",
        "--group",
        "admins",
        "--disabled",
        "--attributes",
        "custom:team,locale",
      ],
    },
    {
      summary: "Only the usernames, as JSON",
      args: ["users", "list", "--pool", "demo", "--output", "json", "--query", "Users[].Username"],
    },
  ],
  configure(cmd) {
    addPoolOption(cmd)
      .option("--group <name>", "only members of this group")
      .option("--status <status>", "only users in this status (e.g. FORCE_CHANGE_PASSWORD, CONFIRMED)")
      .option("--enabled", "only enabled users")
      .option("--disabled", "only disabled users")
      .option("--where <expr>", 'conditions joined by "and" (see above)')
      .option("--limit <n>", "print at most n users")
      .option("--attributes <a,b>", "more columns: these attributes");
  },
  async run(opts, _args, ctx) {
    if (opts.enabled && opts.disabled) throw new UsageError("--enabled and --disabled exclude each other.");
    const limit = opts.limit === undefined ? undefined : Number(opts.limit);
    if (limit !== undefined && !(Number.isInteger(limit) && limit > 0))
      throw new UsageError(`--limit ${opts.limit}: give a whole number of users, at least 1.`);
    const conditions: Condition[] = [
      ...(opts.status ? [{ field: "status", op: "=" as const, value: opts.status }] : []),
      ...(opts.enabled || opts.disabled
        ? [{ field: "enabled", op: "=" as const, value: opts.enabled ? "true" : "false" }]
        : []),
      ...(opts.where ? parseWhere(opts.where) : []),
    ];
    // ListUsersInGroup has no filter: every condition is checked on our side then.
    const plan = opts.group === undefined ? planFilter(conditions) : { local: conditions };
    const extra = attributeList(opts.attributes);

    await withTask(ctx, async ({ call, resolver }) => {
      const pool = await resolver.pool(opts.pool);
      const pages = userPages(call, pool.id, { group: opts.group, filter: plan.filter });
      // Pages of the users that pass the local conditions, up to --limit.
      const selected = async function* () {
        let n = 0;
        for await (const page of pages) {
          const kept: ServiceOutput[] = [];
          for (const user of page) {
            if (!plan.local.every((c) => matches(user, c))) continue;
            kept.push(user);
            if (limit !== undefined && ++n >= limit) break;
          }
          yield kept;
          if (limit !== undefined && n >= limit) return;
        }
      };

      if (wantsPrinter(ctx)) {
        const users: ServiceOutput[] = [];
        for await (const page of selected()) users.push(...page);
        ctx.printer.result({ Users: users }, { title: "Users" });
        return;
      }
      const table = createUserTable(ctx.io, ctx.clock(), extra);
      const estimate = ctx.io.stdout.isTTY
        ? call("DescribeUserPool", { UserPoolId: pool.id }).then(
            (d) => (d.UserPool as ServiceOutput | undefined)?.EstimatedNumberOfUsers as number | undefined,
            () => undefined,
          )
        : undefined;
      for await (const page of selected()) {
        for (const user of page) table.add(user);
        table.flush();
      }
      if (estimate) {
        const about = await estimate;
        ctx.printer.info(
          `Showing ${table.count} of about ${about ?? "?"} users in ${pool.name ?? pool.id}${opts.group ? ` (group ${opts.group})` : ""}`,
        );
      }
      table.render();
    });
  },
});
