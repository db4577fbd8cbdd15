// cogctl users update USER: sets (--attribute name=value) and removes (--unset name) attributes.
import { defineCommand } from "../../src/cli/command.js";
import { UsageError } from "../../src/kernel/errors.js";
import { actOnUsers, addPoolOption } from "../../src/kernel/task.js";
import { parseAttributePairs } from "../../src/kernel/users.js";

const collect = (value: string, previous: string[]) => [...previous, value];

export default defineCommand<{ pool?: string; attribute: string[]; unset: string[] }>({
  name: "users update",
  summary: "Set or remove a user's attributes",
  examples: [
    {
      summary: "Set two attributes",
      args: [
        "users",
        "update",
        "alice",
        "--pool",
        "demo",
        "--attribute",
        "custom:team=blue",
        "--attribute",
        "locale=en",
      ],
    },
    {
      summary: "Remove an attribute",
      args: ["users", "update", "alice@example.com", "--pool", "demo", "--unset", "custom:team"],
    },
  ],
  configure(cmd) {
    addPoolOption(cmd)
      .argument("<user>", "username, email, phone number (E.164) or sub")
      .option("--attribute <name=value>", "set this attribute (repeatable)", collect, [])
      .option("--unset <name>", "remove this attribute (repeatable)", collect, []);
  },
  async run(opts, args, ctx) {
    const attributes = parseAttributePairs(opts.attribute);
    if (attributes.length === 0 && opts.unset.length === 0)
      throw new UsageError("Nothing to change: give --attribute name=value or --unset name.");
    await actOnUsers(ctx, args, opts, {
      verb: "Update",
      done: "Updated",
      async act(call, pool, user) {
        if (attributes.length)
          await call("AdminUpdateUserAttributes", {
            UserPoolId: pool.id,
            Username: user.username,
            UserAttributes: attributes,
          });
        if (opts.unset.length)
          await call("AdminDeleteUserAttributes", {
            UserPoolId: pool.id,
            Username: user.username,
            UserAttributeNames: opts.unset,
          });
      },
    });
  },
});
