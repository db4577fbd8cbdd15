// cogctl auth whoami: GetUser with the stored session (refreshed first when expired).

import { sessionOptions } from "../../src/auth/command-options.js";
import { defineCommand } from "../../src/cli/command.js";

export default defineCommand<{ userPoolId?: string; clientId?: string; username?: string }>({
  name: "auth whoami",
  summary: "Show the signed-in user (GetUser with the stored session)",
  examples: [
    { summary: "Show the signed-in user and their attributes", args: ["auth", "whoami"] },
    {
      summary: "Print only the user's email",
      args: ["auth", "whoami", "--query", "UserAttributes[?Name=='email'].Value | [0]", "--output", "text"],
    },
  ],
  configure(cmd) {
    sessionOptions(cmd);
  },
  async run(opts, _args, ctx) {
    const [{ createCognitoCall }, { freshSession }, { signedInAs }] = await Promise.all([
      import("../../src/kernel/cognito-call.js"),
      import("../../src/auth/session-access.js"),
      import("../../src/auth/user-names.js"),
    ]);
    const call = await createCognitoCall(ctx);
    const session = await freshSession(ctx, call, opts);
    const user = await call("GetUser", { AccessToken: session.accessToken });
    ctx.printer.result(
      {
        ...user,
        SignedInAs: signedInAs(session),
        UserPoolId: session.userPoolId,
        ClientId: session.clientId,
      },
      { title: "GetUser" },
    );
  },
});
