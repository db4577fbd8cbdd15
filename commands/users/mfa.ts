// cogctl users mfa USER...: shows a user's MFA methods and preference, or changes them
// (AdminSetUserMFAPreference): --disable-totp/-sms/-email turn methods off, --prefer turns one on
// and makes it the one Cognito asks for.
import { defineCommand } from "../../src/cli/command.js";
import { UsageError } from "../../src/kernel/errors.js";
import { describePool } from "../../src/kernel/resolve.js";
import { printFields } from "../../src/kernel/table-printer.js";
import { actOnUsers, addPoolOption, wantsPrinter, withTask } from "../../src/kernel/task.js";

interface Opts {
  pool?: string;
  disableTotp?: boolean;
  disableSms?: boolean;
  disableEmail?: boolean;
  prefer?: string;
}

/** The methods as people name them → the request member and the name AdminGetUser lists. */
const METHODS = {
  totp: { member: "SoftwareTokenMfaSettings", listed: "SOFTWARE_TOKEN_MFA" },
  sms: { member: "SMSMfaSettings", listed: "SMS_MFA" },
  email: { member: "EmailMfaSettings", listed: "EMAIL_OTP" },
} as const;
type Method = keyof typeof METHODS;
const isMethod = (m: string): m is Method => Object.hasOwn(METHODS, m);

/** The AdminSetUserMFAPreference members the flags ask for; none when only showing. */
function requestedSettings(opts: Opts): Record<string, { Enabled: boolean; PreferredMfa: boolean }> {
  const disabled: Method[] = [
    ...(opts.disableTotp ? (["totp"] as const) : []),
    ...(opts.disableSms ? (["sms"] as const) : []),
    ...(opts.disableEmail ? (["email"] as const) : []),
  ];
  const settings: Record<string, { Enabled: boolean; PreferredMfa: boolean }> = {};
  if (opts.prefer !== undefined) {
    if (!isMethod(opts.prefer)) throw new UsageError(`--prefer ${opts.prefer}: give totp, sms or email.`);
    if (disabled.includes(opts.prefer))
      throw new UsageError(`--prefer ${opts.prefer} and --disable-${opts.prefer} exclude each other.`);
    settings[METHODS[opts.prefer].member] = { Enabled: true, PreferredMfa: true };
  }
  for (const m of disabled) settings[METHODS[m].member] = { Enabled: false, PreferredMfa: false };
  return settings;
}

export default defineCommand<Opts>({
  name: "users mfa",
  summary: "Show a user's MFA settings, or turn methods off and pick the preferred one",
  examples: [
    {
      summary: "Show a user's MFA methods and preference",
      args: ["users", "mfa", "alice@example.com", "--pool", "demo"],
    },
    {
      summary: "Turn TOTP off (a lost phone) and make SMS the preferred method",
      args: ["users", "mfa", "alice@example.com", "--pool", "demo", "--disable-totp", "--prefer", "sms"],
    },
    {
      summary: "Turn SMS MFA off for two users",
      args: ["users", "mfa", "alice", "bob", "--pool", "demo", "--disable-sms"],
    },
    {
      summary: "Turn SMS MFA off for the users listed on stdin",
      args: ["users", "mfa", "-", "--pool", "demo", "--disable-sms"],
    },
  ],
  configure(cmd) {
    addPoolOption(cmd)
      .argument("<user...>", "usernames, emails, phones or subs (one to show); - reads stdin")
      .option("--disable-totp", "turn authenticator-app (TOTP) MFA off")
      .option("--disable-sms", "turn SMS MFA off")
      .option("--disable-email", "turn email MFA off")
      .option("--prefer <method>", "totp, sms or email: turn it on and make it the preferred method");
  },
  async run(opts, args, ctx) {
    const settings = requestedSettings(opts);
    if (Object.keys(settings).length > 0) {
      await actOnUsers(ctx, args, opts, {
        verb: "Change MFA of",
        done: "Changed MFA of",
        act: (call, pool, user) =>
          call("AdminSetUserMFAPreference", {
            UserPoolId: pool.id,
            Username: user.username,
            ...settings,
          }).then(() => {}),
      });
      return;
    }
    if (args.length !== 1 || args[0] === "-")
      throw new UsageError("users mfa without flags shows one USER's settings; name one user.");
    await withTask(ctx, async ({ call, resolver }) => {
      const pool = await resolver.pool(opts.pool);
      const { username } = await resolver.user(pool, args[0]);
      // ListUsers (used to resolve emails) does not return MFA settings: read the user itself.
      const user = await call("AdminGetUser", { UserPoolId: pool.id, Username: username });
      const enabled = (user.UserMFASettingList as string[] | undefined) ?? [];
      // moto answers "" for no preference.
      const preferred = (user.PreferredMfaSetting as string | undefined) || undefined;
      if (wantsPrinter(ctx)) {
        ctx.printer.result({
          Username: username,
          UserMFASettingList: enabled,
          ...(preferred ? { PreferredMfaSetting: preferred } : {}),
        });
        return;
      }
      const nameOf = (listed: string | undefined) =>
        (Object.keys(METHODS) as Method[]).find((m) => METHODS[m].listed === listed) ?? listed;
      printFields(
        ctx.io,
        [
          { label: "username", value: username },
          { label: "pool", value: describePool(pool) },
          ...(Object.keys(METHODS) as Method[]).map((m) => ({
            label: m,
            value: enabled.includes(METHODS[m].listed) ? "on" : "off",
          })),
          { label: "preferred", value: nameOf(preferred) ?? "none" },
        ],
        { now: ctx.clock() },
      );
    });
  },
});
