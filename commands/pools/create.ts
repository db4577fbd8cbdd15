// cogctl pools create NAME: a user pool with a few sensible choices as flags. Cognito allows two
// pools with one name (then names stop resolving), so a taken name is refused unless asked for.
import { defineCommand } from "../../src/cli/command.js";
import type { ServiceOutput } from "../../src/kernel/cognito-call.js";
import { UsageError } from "../../src/kernel/errors.js";
import { describePool } from "../../src/kernel/resolve.js";
import { printFields } from "../../src/kernel/table-printer.js";
import { wantsPrinter, withTask } from "../../src/kernel/task.js";

interface Opts {
  usernameAttributes?: string[];
  verify?: string[];
  mfa?: string;
  deletionProtection?: boolean;
  allowDuplicateName?: boolean;
}

const USERNAME_ATTRIBUTES: Record<string, string> = {
  email: "email",
  phone: "phone_number",
  phone_number: "phone_number",
};
const MFA: Record<string, string> = { off: "OFF", optional: "OPTIONAL", on: "ON" };

/** email / phone as given to a flag → the attribute names Cognito uses. */
function contactAttributes(flag: string, given: string[] | undefined): string[] {
  return (given ?? []).map((a) => {
    const attr = Object.hasOwn(USERNAME_ATTRIBUTES, a) ? USERNAME_ATTRIBUTES[a] : undefined;
    if (!attr) throw new UsageError(`${flag} ${a}: give email, phone, or both.`);
    return attr;
  });
}

export default defineCommand<Opts>({
  name: "pools create",
  summary: "Create a user pool (sign-in by username, email or phone; MFA off, optional or on)",
  description: [
    "Create a user pool. Users sign in with a username unless --username-attributes makes email",
    "and/or phone the sign-in name instead (fixed once the pool exists); email is then verified",
    "automatically. --verify email|phone says which attributes Cognito verifies by code (an import",
    "job needs one). --mfa optional|on turns on authenticator-app (TOTP) MFA, which needs no SMS",
    "set-up. A name another pool already has is refused (Cognito would create a second pool with",
    "it, and names would no longer resolve) unless --allow-duplicate-name.",
  ].join("\n"),
  examples: [
    { summary: "A pool whose users sign in with a username", args: ["pools", "create", "demo"] },
    {
      summary: "Users sign in with their email, TOTP MFA optional, protected from deletion",
      args: [
        "pools",
        "create",
        "customers",
        "--username-attributes",
        "email",
        "--mfa",
        "optional",
        "--deletion-protection",
      ],
    },
    {
      summary: "A pool that verifies email automatically, ready for users import --via job",
      args: ["pools", "create", "people", "--verify", "email"],
    },
    {
      summary: "Email or phone as the sign-in name, printing only the new id",
      args: [
        "pools",
        "create",
        "staff",
        "--username-attributes",
        "email",
        "phone",
        "--output",
        "json",
        "--query",
        "UserPool.Id",
      ],
    },
  ],
  configure(cmd) {
    cmd
      .argument("<name>", "the pool's name")
      .option("--username-attributes <attr...>", "sign in with email and/or phone instead of a username")
      .option(
        "--verify <attr...>",
        "verify email and/or phone automatically (AutoVerifiedAttributes: sign-up codes, import jobs)",
      )
      .option("--mfa <mode>", "off (default), optional or on: authenticator-app (TOTP) MFA")
      .option("--deletion-protection", "Cognito refuses to delete the pool until this is turned off")
      .option("--allow-duplicate-name", "create it even if another pool has this name");
  },
  async run(opts, args, ctx) {
    const [name] = args;
    const usernameAttributes = contactAttributes("--username-attributes", opts.usernameAttributes);
    const verified = contactAttributes("--verify", opts.verify);
    // Email as the sign-in name is verified automatically unless --verify says otherwise.
    const autoVerified = [
      ...new Set(opts.verify ? verified : usernameAttributes.includes("email") ? ["email"] : []),
    ];
    const mfa = opts.mfa === undefined ? "OFF" : Object.hasOwn(MFA, opts.mfa) ? MFA[opts.mfa] : undefined;
    if (!mfa) throw new UsageError(`--mfa ${opts.mfa}: give off, optional or on.`);

    await withTask(ctx, async ({ call, resolver }) => {
      if (!opts.allowDuplicateName) {
        const taken = await resolver.poolsNamed(name);
        if (taken.length)
          throw new UsageError(
            `A user pool named ${name} exists already (${taken.map((p) => p.Id).join(", ")}). Pick another name, or pass --allow-duplicate-name to create a second one.`,
          );
      }
      const created = await call("CreateUserPool", {
        PoolName: name,
        ...(usernameAttributes.length ? { UsernameAttributes: [...new Set(usernameAttributes)] } : {}),
        ...(autoVerified.length ? { AutoVerifiedAttributes: autoVerified } : {}),
        ...(opts.deletionProtection ? { DeletionProtection: "ACTIVE" } : {}),
      });
      let pool = created.UserPool as ServiceOutput;
      if (mfa !== "OFF") {
        // CreateUserPool accepts MFA only with an SMS configuration; TOTP is set on the new pool.
        await call("SetUserPoolMfaConfig", {
          UserPoolId: pool.Id,
          SoftwareTokenMfaConfiguration: { Enabled: true },
          MfaConfiguration: mfa,
        });
        pool = { ...pool, MfaConfiguration: mfa };
      }
      if (wantsPrinter(ctx)) {
        ctx.printer.result({ UserPool: pool });
        return;
      }
      printFields(
        ctx.io,
        [
          { label: "name", value: pool.Name as string },
          { label: "id", value: pool.Id as string },
          { label: "sign-in", value: usernameAttributes.length ? usernameAttributes : ["username"] },
          { label: "verified automatically", value: autoVerified.length ? autoVerified : ["none"] },
          { label: "mfa", value: mfa === "OFF" ? "OFF" : `${mfa} (authenticator app)` },
          { label: "deletion protection", value: opts.deletionProtection ? "ACTIVE" : "INACTIVE" },
        ],
        { now: ctx.clock() },
      );
      ctx.printer.done(`Created ${describePool({ id: pool.Id as string, name })}`);
    });
  },
});
