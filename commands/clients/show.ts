// cogctl clients show CLIENT: an app client by name or id: flows, OAuth, token validity, whether it
// has a secret (masked: `cogctl clients secret` prints it).
import { defineCommand } from "../../src/cli/command.js";
import type { ServiceOutput } from "../../src/kernel/cognito-call.js";
import { maskClientSecret } from "../../src/kernel/redact.js";
import { describePool } from "../../src/kernel/resolve.js";
import { type Field, printFields } from "../../src/kernel/table-printer.js";
import { addPoolOption, wantsPrinter, withTask } from "../../src/kernel/task.js";

const validity = (c: ServiceOutput, member: string, unitKey: string, defaultUnit: string) => {
  const value = c[member] as number | undefined;
  if (value === undefined) return undefined;
  const unit =
    ((c.TokenValidityUnits as ServiceOutput | undefined)?.[unitKey] as string | undefined) ?? defaultUnit;
  return `${value} ${unit}`;
};

export default defineCommand<{ pool?: string }>({
  name: "clients show",
  summary: "Show an app client (by name or id); its secret stays masked",
  examples: [
    { summary: "Show the app client named web", args: ["clients", "show", "web", "--pool", "demo"] },
    {
      summary: "Its auth flows, as JSON",
      args: [
        "clients",
        "show",
        "web",
        "--pool",
        "demo",
        "--output",
        "json",
        "--query",
        "UserPoolClient.ExplicitAuthFlows",
      ],
    },
  ],
  configure(cmd) {
    addPoolOption(cmd).argument("<client>", "the app client's name or id");
  },
  async run(opts, args, ctx) {
    await withTask(ctx, async ({ call, resolver }) => {
      const pool = await resolver.pool(opts.pool);
      const ref = await resolver.client(pool, args[0]);
      const described = await call("DescribeUserPoolClient", { UserPoolId: pool.id, ClientId: ref.id });
      const client = maskClientSecret(described.UserPoolClient as ServiceOutput);
      if (wantsPrinter(ctx)) {
        ctx.printer.result({ UserPoolClient: client });
        return;
      }
      const list = (member: string) => (client[member] as string[] | undefined) ?? [];
      const fields: Field[] = [
        { label: "name", value: client.ClientName as string },
        { label: "id", value: client.ClientId as string },
        { label: "pool", value: describePool(pool) },
        {
          label: "secret",
          value:
            client.ClientSecret === undefined
              ? "none"
              : `${client.ClientSecret} (cogctl clients secret ${ref.name} --pool ${pool.name ?? pool.id})`,
        },
        { label: "auth flows", value: list("ExplicitAuthFlows") },
        { label: "oauth flows", value: list("AllowedOAuthFlows") },
        { label: "oauth scopes", value: list("AllowedOAuthScopes") },
        { label: "callback urls", value: list("CallbackURLs") },
        { label: "logout urls", value: list("LogoutURLs") },
        { label: "identity providers", value: list("SupportedIdentityProviders") },
        {
          label: "access tokens last",
          value: validity(client, "AccessTokenValidity", "AccessToken", "hours"),
        },
        { label: "id tokens last", value: validity(client, "IdTokenValidity", "IdToken", "hours") },
        {
          label: "refresh tokens last",
          value: validity(client, "RefreshTokenValidity", "RefreshToken", "days"),
        },
        { label: "user existence errors", value: client.PreventUserExistenceErrors as string | undefined },
        {
          label: "token revocation",
          value:
            client.EnableTokenRevocation === undefined
              ? undefined
              : client.EnableTokenRevocation
                ? "on"
                : "off",
        },
        { label: "created", value: client.CreationDate as Date, kind: "time" },
        { label: "last modified", value: client.LastModifiedDate as Date, kind: "time" },
      ];
      printFields(ctx.io, fields, { now: ctx.clock() });
    });
  },
});
