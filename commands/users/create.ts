// cogctl users create USER: AdminCreateUser with attributes as flags, then the groups. The
// temporary password comes only from stdin (never argv, where `ps` and shell history see it).
import { defineCommand } from "../../src/cli/command.js";
import { describePool } from "../../src/kernel/resolve.js";
import { readSecret } from "../../src/kernel/secret-input.js";
import { printFields } from "../../src/kernel/table-printer.js";
import { addPoolOption, wantsPrinter, withTask } from "../../src/kernel/task.js";
import { parseAttributePairs } from "../../src/kernel/users.js";

interface Opts {
  pool?: string;
  email?: string;
  phone?: string;
  attribute: string[];
  group: string[];
  temporaryPasswordStdin?: boolean;
  suppress?: boolean;
}

const collect = (value: string, previous: string[]) => [...previous, value];

export default defineCommand<Opts>({
  name: "users create",
  summary: "Create a user (invited by email/SMS, or --suppress) and add it to groups",
  examples: [
    {
      summary: "Invite a user by email and add them to a group",
      args: [
        "users",
        "create",
        "alice",
        "--pool",
        "demo",
        "--email",
        "alice@example.com",
        "--group",
        "admins",
      ],
    },
    {
      summary: "Create a user with a temporary password piped in on stdin, sending no invitation",
      args: ["users", "create", "ci-bot", "--pool", "demo", "--temporary-password-stdin", "--suppress"],
    },
    {
      summary: "Create a user with a phone number and a custom attribute",
      args: [
        "users",
        "create",
        "bob",
        "--pool",
        "demo",
        "--phone",
        "+15550100",
        "--attribute",
        "custom:team=blue",
      ],
    },
  ],
  configure(cmd) {
    addPoolOption(cmd)
      .argument("<user>", "the username")
      .option("--email <address>", "the email attribute (marked verified, so the invitation can go there)")
      .option("--phone <e164>", "the phone_number attribute, e.g. +15550100 (marked verified)")
      .option("--attribute <name=value>", "another attribute (repeatable)", collect, [])
      .option("--group <name>", "add the user to this group (repeatable)", collect, [])
      .option("--temporary-password-stdin", "read the temporary password from stdin (else Cognito makes one)")
      .option("--suppress", "send no invitation (MessageAction SUPPRESS)");
  },
  async run(opts, args, ctx) {
    const [username] = args;
    const attributes: { Name: string; Value: string }[] = [];
    if (opts.email !== undefined)
      attributes.push({ Name: "email", Value: opts.email }, { Name: "email_verified", Value: "true" });
    if (opts.phone !== undefined)
      attributes.push(
        { Name: "phone_number", Value: opts.phone },
        { Name: "phone_number_verified", Value: "true" },
      );
    attributes.push(...parseAttributePairs(opts.attribute));
    const temporaryPassword = await readSecret(ctx.io, {
      stdinFlag: opts.temporaryPasswordStdin ? "--temporary-password-stdin" : undefined,
    });
    const media = [...(opts.email ? ["EMAIL"] : []), ...(opts.phone ? ["SMS"] : [])];
    await withTask(ctx, async ({ call, resolver }) => {
      const pool = await resolver.pool(opts.pool);
      const { User: user } = await call("AdminCreateUser", {
        UserPoolId: pool.id,
        Username: username,
        ...(attributes.length ? { UserAttributes: attributes } : {}),
        ...(temporaryPassword !== undefined ? { TemporaryPassword: temporaryPassword } : {}),
        ...(opts.suppress
          ? { MessageAction: "SUPPRESS" }
          : media.length
            ? { DesiredDeliveryMediums: media }
            : {}),
      });
      for (const group of opts.group) {
        await call("AdminAddUserToGroup", { UserPoolId: pool.id, Username: user.Username, GroupName: group });
      }
      if (wantsPrinter(ctx)) {
        ctx.printer.result({ User: user, Groups: opts.group });
        return;
      }
      const sub = ((user.Attributes ?? []) as { Name: string; Value?: string }[]).find(
        (a) => a.Name === "sub",
      );
      printFields(
        ctx.io,
        [
          { label: "username", value: user.Username as string },
          { label: "sub", value: sub?.Value },
          { label: "status", value: user.UserStatus as string },
          { label: "groups", value: opts.group },
        ],
        { now: ctx.clock() },
      );
      ctx.printer.done(`Created ${user.Username} in ${describePool(pool)}`);
    });
  },
});
