// cogctl users show USER: one user by username, email, phone or sub: status, attributes, MFA,
// groups, devices.

import { defineCommand } from "../../src/cli/command.js";
import type { CognitoCall, ServiceOutput } from "../../src/kernel/cognito-call.js";
import { normalize } from "../../src/kernel/error-mapping.js";
import { UsageError } from "../../src/kernel/errors.js";
import { operationPages, PageIterator } from "../../src/kernel/paginate.js";
import { describePool } from "../../src/kernel/resolve.js";
import { type Field, printFields } from "../../src/kernel/table-printer.js";
import { addPoolOption, wantsPrinter, withTask } from "../../src/kernel/task.js";

// AdminListDevices has no paginator in the service model: the same PageIterator, with its tokens named here.
const DEVICE_PAGES = {
  inputToken: "PaginationToken",
  outputToken: "PaginationToken",
  limitKey: "Limit",
  resultKeys: ["Devices"],
};

async function countDevices(call: CognitoCall, poolId: string, username: string): Promise<number> {
  let devices = 0;
  const pages = new PageIterator(
    (input) => call("AdminListDevices", input),
    { UserPoolId: poolId, Username: username },
    DEVICE_PAGES,
    { pageSize: 60 },
  );
  for await (const page of pages) devices += ((page.Devices as unknown[] | undefined) ?? []).length;
  return devices;
}

export default defineCommand<{ pool?: string }>({
  name: "users show",
  summary: "Show a user (by username, email, phone or sub): status, attributes, MFA, groups, devices",
  examples: [
    { summary: "Show a user found by email", args: ["users", "show", "alice@example.com", "--pool", "demo"] },
    {
      summary: "The groups of a user found by phone number, as JSON",
      args: ["users", "show", "+15550100", "--pool", "demo", "--output", "json", "--query", "Groups"],
    },
  ],
  configure(cmd) {
    addPoolOption(cmd).argument("<user>", "username, email, phone number (E.164) or sub");
  },
  async run(opts, args, ctx) {
    if (args.length !== 1) throw new UsageError("users show takes one USER.");
    await withTask(ctx, async ({ call, resolver }) => {
      const pool = await resolver.pool(opts.pool);
      const { username } = await resolver.user(pool, args[0]);
      // ListUsers results lack the MFA settings: always read the user itself.
      const user = await call("AdminGetUser", { UserPoolId: pool.id, Username: username });
      const groups: string[] = [];
      const groupPages = operationPages(
        call,
        "admin-list-groups-for-user",
        { UserPoolId: pool.id, Username: username },
        { pageSize: 60 },
      );
      for await (const page of groupPages)
        groups.push(
          ...((page.Groups as ServiceOutput[] | undefined) ?? []).map((g) => g.GroupName as string),
        );
      const devices = await countDevices(call, pool.id, username).catch((err: unknown) => {
        // A detail, not the point of the command: an endpoint without AdminListDevices (moto) or
        // a role without the permission still gets the rest, with a warning.
        ctx.printer.warn(`devices: unknown (${normalize(err).message.split("\n")[0]})`);
        return undefined;
      });

      if (wantsPrinter(ctx)) {
        ctx.printer.result({ ...user, Groups: groups, DeviceCount: devices, UserPoolId: pool.id });
        return;
      }
      const attrs = (user.UserAttributes ?? []) as { Name: string; Value?: string }[];
      const fields: Field[] = [
        { label: "username", value: user.Username as string },
        { label: "pool", value: describePool(pool) },
        { label: "status", value: user.UserStatus as string },
        { label: "enabled", value: user.Enabled ? "yes" : "no" },
        { label: "groups", value: groups },
        // Spelled out rather than left blank: an empty line reads as "not known", not "no MFA".
        { label: "mfa", value: (user.UserMFASettingList as string[] | undefined)?.join(", ") || "none" },
        { label: "preferred mfa", value: (user.PreferredMfaSetting as string | undefined) || "none" },
        { label: "devices", value: devices },
        { label: "created", value: user.UserCreateDate as Date, kind: "time" },
        { label: "last modified", value: user.UserLastModifiedDate as Date, kind: "time" },
        ...attrs.map((a) => ({ label: a.Name, value: a.Value })),
      ];
      printFields(ctx.io, fields, { now: ctx.clock() });
    });
  },
});
