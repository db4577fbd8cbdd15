// cogctl auth devices forget [DEVICE_KEY]: forget a device (ForgetDevice); by default this machine's
// remembered device, whose stored secret is then deleted too.
import { sessionOptions } from "../../../src/auth/command-options.js";
import { defineCommand } from "../../../src/cli/command.js";
import { UsageError } from "../../../src/kernel/errors.js";

export default defineCommand<{ userPoolId?: string; clientId?: string; username?: string }>({
  name: "auth devices forget",
  summary: "Forget a device (by default this machine's remembered device)",
  examples: [
    { summary: "Forget this machine's remembered device", args: ["auth", "devices", "forget"] },
    {
      summary: "Forget another device by its key",
      args: ["auth", "devices", "forget", "us-east-1_0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d"],
    },
  ],
  configure(cmd) {
    sessionOptions(cmd.argument("[device-key]", "The device to forget (default: this machine's)"));
  },
  async run(opts, args, ctx) {
    const [{ withSession }, devices, { userLabel }] = await Promise.all([
      import("../../../src/auth/with-session.js"),
      import("../../../src/auth/device-store.js"),
      import("../../../src/auth/user-names.js"),
    ]);
    await withSession(ctx, opts, async (call, session) => {
      const key = { profile: session.profile, userPoolId: session.userPoolId, username: session.username };
      const stored = await devices.findDevice(ctx.paths.configDir, key);
      const deviceKey = args[0] ?? stored?.deviceKey;
      if (!deviceKey)
        throw new UsageError(
          `No remembered device for ${userLabel(session)} on this machine; name one (see 'cogctl auth devices list').`,
        );
      await call("ForgetDevice", { AccessToken: session.accessToken, DeviceKey: deviceKey });
      if (stored?.deviceKey === deviceKey) await devices.forgetStoredDevice(ctx.paths.configDir, key);
      ctx.printer.done(`Forgot device ${deviceKey}.`);
    });
  },
});
