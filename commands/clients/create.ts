// cogctl clients create NAME: an app client with the sign-in flows as short flags. Its secret, if
// any, is not printed here (`cogctl clients secret` prints it when asked).
import { defineCommand } from "../../src/cli/command.js";
import type { ServiceOutput } from "../../src/kernel/cognito-call.js";
import { UsageError } from "../../src/kernel/errors.js";
import { maskClientSecret } from "../../src/kernel/redact.js";
import { describeClient, describePool } from "../../src/kernel/resolve.js";
import { printFields } from "../../src/kernel/table-printer.js";
import { addPoolOption, wantsPrinter, withTask } from "../../src/kernel/task.js";

interface Opts {
  pool?: string;
  generateSecret?: boolean;
  authFlows?: string[];
  allowDuplicateName?: boolean;
}

/** Short names for ExplicitAuthFlows (the full ALLOW_* names are accepted too). */
const FLOWS: Record<string, string> = {
  srp: "ALLOW_USER_SRP_AUTH",
  password: "ALLOW_USER_PASSWORD_AUTH",
  refresh: "ALLOW_REFRESH_TOKEN_AUTH",
  custom: "ALLOW_CUSTOM_AUTH",
  admin: "ALLOW_ADMIN_USER_PASSWORD_AUTH",
  "user-auth": "ALLOW_USER_AUTH",
};
/** The console's choice for a new client: SRP sign-in and refresh. */
const DEFAULT_FLOWS = ["srp", "refresh"];

export default defineCommand<Opts>({
  name: "clients create",
  summary: "Create an app client (SRP and refresh sign-in by default; --generate-secret for a server app)",
  description: [
    "Create an app client in a pool. --auth-flows takes srp, password, refresh, custom, admin,",
    "user-auth (or ALLOW_* names); the default is srp refresh. A name another client of the pool",
    "already has is refused (names would no longer resolve) unless --allow-duplicate-name. The",
    "secret of a client made with --generate-secret is printed only by `cogctl clients secret`.",
  ].join("\n"),
  examples: [
    {
      summary: "A client for a web or mobile app (no secret)",
      args: ["clients", "create", "web", "--pool", "demo"],
    },
    {
      summary: "A server-side client with a secret, allowing admin and refresh flows",
      args: [
        "clients",
        "create",
        "backend",
        "--pool",
        "demo",
        "--generate-secret",
        "--auth-flows",
        "admin",
        "refresh",
      ],
    },
    {
      summary: "Only the new client's id",
      args: [
        "clients",
        "create",
        "cli",
        "--pool",
        "demo",
        "--output",
        "json",
        "--query",
        "UserPoolClient.ClientId",
      ],
    },
  ],
  configure(cmd) {
    addPoolOption(cmd)
      .argument("<name>", "the app client's name")
      .option("--generate-secret", "give the client a secret (for apps that can keep one: servers)")
      .option("--auth-flows <flow...>", "sign-in flows: srp, password, refresh, custom, admin, user-auth")
      .option("--allow-duplicate-name", "create it even if another client of the pool has this name");
  },
  async run(opts, args, ctx) {
    const [name] = args;
    const flows = (opts.authFlows ?? DEFAULT_FLOWS).map((f) => {
      if (Object.hasOwn(FLOWS, f)) return FLOWS[f];
      if (Object.values(FLOWS).includes(f.toUpperCase())) return f.toUpperCase();
      throw new UsageError(
        `--auth-flows ${f}: give ${Object.keys(FLOWS).join(", ")} (or their ALLOW_* names).`,
      );
    });
    await withTask(ctx, async ({ call, resolver }) => {
      const pool = await resolver.pool(opts.pool);
      if (!opts.allowDuplicateName) {
        const taken = (await resolver.clients(pool)).filter((c) => c.ClientName === name);
        if (taken.length)
          throw new UsageError(
            `${describePool(pool)} has an app client named ${name} already (${taken.map((c) => c.ClientId).join(", ")}). Pick another name, or pass --allow-duplicate-name.`,
          );
      }
      const created = await call("CreateUserPoolClient", {
        UserPoolId: pool.id,
        ClientName: name,
        ExplicitAuthFlows: [...new Set(flows)],
        ...(opts.generateSecret ? { GenerateSecret: true } : {}),
      });
      const client = maskClientSecret(created.UserPoolClient as ServiceOutput);
      if (wantsPrinter(ctx)) {
        ctx.printer.result({ UserPoolClient: client });
        return;
      }
      printFields(ctx.io, [
        { label: "name", value: client.ClientName as string },
        { label: "id", value: client.ClientId as string },
        {
          label: "secret",
          value: client.ClientSecret === undefined ? "none" : (client.ClientSecret as string),
        },
        { label: "auth flows", value: (client.ExplicitAuthFlows as string[] | undefined) ?? [] },
      ]);
      const ref = { id: client.ClientId as string, name };
      ctx.printer.done(
        `Created app client ${describeClient(ref)} in ${describePool(pool)}${client.ClientSecret === undefined ? "" : `; its secret: cogctl clients secret ${name} --pool ${pool.name ?? pool.id}`}`,
      );
    });
  },
});
