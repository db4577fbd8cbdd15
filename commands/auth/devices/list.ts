// cogctl auth devices list: the signed-in user's devices (ListDevices), this machine's marked.
import { sessionOptions } from "../../../src/auth/command-options.js";
import { defineCommand } from "../../../src/cli/command.js";

export default defineCommand<{ userPoolId?: string; clientId?: string; username?: string }>({
  name: "auth devices list",
  summary: "List the signed-in user's devices",
  terminalOutput: "table",
  examples: [{ summary: "List the signed-in user's devices", args: ["auth", "devices", "list"] }],
  configure(cmd) {
    sessionOptions(cmd);
  },
  async run(opts, _args, ctx) {
    const { withSession } = await import("../../../src/auth/with-session.js");
    await withSession(ctx, opts, async (call, session) => {
      const devices: Record<string, unknown>[] = [];
      // The service model declares no paginator for ListDevices (so operationPages cannot walk it):
      // its PaginationToken is followed here.
      let token: string | undefined;
      do {
        const page = await call("ListDevices", {
          AccessToken: session.accessToken,
          Limit: 60,
          PaginationToken: token,
        });
        devices.push(...(page.Devices ?? []));
        token = page.PaginationToken;
      } while (token);
      ctx.printer.result(
        {
          Devices: devices.map((d) => ({
            ...d,
            ThisMachine: d.DeviceKey === session.deviceKey || undefined,
          })),
        },
        { title: "ListDevices" },
      );
    });
  },
});
