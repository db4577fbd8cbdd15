// Every verb that takes users (users ..., groups add/remove) checked the same way, end to end
// against the embedded endpoint (port 0) and moto_server: `-` reads users from stdin, each is acted
// on, and a partial failure ends in a summary naming the failure and a non-zero exit. The
// destructive ones (users delete, disable, sign-out, groups remove) refuse without a terminal
// unless --yes (exit 252, the plan on stderr, nothing changed), print the plan with --dry-run
// (nothing changed) and ask on a terminal (no: exit 130, nothing changed).

import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  AdminSetUserPasswordCommand,
  type CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  SignUpCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scriptedPrompter } from "./helpers/auth.js";
import { runCli } from "./helpers/cli.js";
import { type Endpoint, endpoints } from "./helpers/endpoints.js";
import { applyEnv, isolatedAwsEnv, testClient } from "./helpers/env.js";

type Probe = (username: string) => Promise<unknown>;

interface Verb {
  /** The command line before the users, and after them. */
  argv: string[];
  after?: string[];
  /** The summary's verb ("Disabled"). */
  done: string;
  /** Takes USER... (several arguments); the others take one USER, or several through `-`. */
  many?: boolean;
  /**
   * Users the verb can act on: signed up (UNCONFIRMED), or with a password of their own
   * (CONFIRMED), rather than just created by an admin (FORCE_CHANGE_PASSWORD).
   */
  state?: "signed-up" | "confirmed";
  /** What the verb changes, read back; undefined when nothing readable changes (sign-out). */
  probe?: (p: Probes) => Probe;
}

interface Probes {
  exists: Probe;
  enabled: Probe;
  status: Probe;
  groups: Probe;
  attribute: (name: string) => Probe;
}

const verbs: Verb[] = [
  { argv: ["users", "delete"], many: true, after: ["--yes"], done: "Deleted", probe: (p) => p.exists },
  { argv: ["users", "disable"], many: true, after: ["--yes"], done: "Disabled", probe: (p) => p.enabled },
  { argv: ["users", "sign-out"], many: true, after: ["--yes"], done: "Signed out" },
  { argv: ["users", "enable"], many: true, done: "Enabled", probe: (p) => p.enabled },
  { argv: ["users", "confirm"], many: true, done: "Confirmed", state: "signed-up", probe: (p) => p.status },
  { argv: ["users", "resend-invite"], done: "Resent the invitation to" },
  {
    argv: ["users", "reset-password"],
    state: "confirmed",
    done: "Reset the password of",
    probe: (p) => p.status,
  },
  {
    argv: ["users", "update"],
    after: ["--attribute", "custom:team=bulk"],
    done: "Updated",
    probe: (p) => p.attribute("custom:team"),
  },
  { argv: ["users", "mfa"], many: true, after: ["--disable-sms"], done: "Changed MFA of" },
  { argv: ["groups", "add", "crew"], many: true, done: "Added to crew", probe: (p) => p.groups },
  {
    argv: ["groups", "remove", "crew"],
    many: true,
    after: ["--yes"],
    done: "Removed from crew",
    probe: (p) => p.groups,
  },
];

const destructive: Verb[] = verbs.filter((v) => v.after?.includes("--yes"));
const withoutYes = (v: Verb) => (v.after ?? []).filter((a) => a !== "--yes");

describe.each(endpoints)("verbs taking users, against the %s", (_name, start) => {
  let endpoint: Endpoint;
  let client: CognitoIdentityProviderClient;
  let restoreEnv: () => void;
  let poolId: string;
  let clientId: string;
  const poolName = "bulk";
  let serial = 0;

  const cog = (argv: string[], opts: Parameters<typeof runCli>[1] = {}) =>
    runCli(["--endpoint-url", endpoint.url, ...argv], opts);
  const getUser = (username: string) =>
    client.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: username }));
  const probes: Probes = {
    exists: (u) =>
      getUser(u).then(
        () => true,
        (err: Error) => (err.name === "UserNotFoundException" ? false : Promise.reject(err)),
      ),
    enabled: async (u) => (await getUser(u)).Enabled,
    status: async (u) => (await getUser(u)).UserStatus,
    groups: async (u) =>
      (await client.send(new AdminListGroupsForUserCommand({ UserPoolId: poolId, Username: u }))).Groups!.map(
        (g) => g.GroupName,
      ),
    attribute: (name) => async (u) => (await getUser(u)).UserAttributes?.find((a) => a.Name === name)?.Value,
  };

  /** A fresh user for a verb: in the crew group, with a verified email and phone. */
  async function freshUser(verb: Verb): Promise<string> {
    const username = `u${++serial}`;
    const email = `${username}@example.com`;
    if (verb.state === "signed-up") {
      await client.send(
        new SignUpCommand({
          ClientId: clientId,
          Username: username,
          Password: "Bulk-Pass-123!",
          UserAttributes: [{ Name: "email", Value: email }],
        }),
      );
    } else {
      await client.send(
        new AdminCreateUserCommand({
          UserPoolId: poolId,
          Username: username,
          MessageAction: "SUPPRESS",
          UserAttributes: [
            { Name: "email", Value: email },
            { Name: "email_verified", Value: "true" },
          ],
        }),
      );
    }
    if (verb.state === "confirmed") {
      await client.send(
        new AdminSetUserPasswordCommand({
          UserPoolId: poolId,
          Username: username,
          Password: "Bulk-Pass-123!",
          Permanent: true,
        }),
      );
    }
    const command = verb.argv.slice(0, 2).join(" ");
    if (command === "users enable") {
      await cog(["users", "disable", username, "--pool", poolName, "--yes"]);
    }
    if (command !== "groups add") {
      await client.send(
        new AdminAddUserToGroupCommand({ UserPoolId: poolId, Username: username, GroupName: "crew" }),
      );
    }
    return username;
  }

  beforeAll(async () => {
    restoreEnv = applyEnv(isolatedAwsEnv());
    endpoint = await start();
    client = testClient(endpoint.url);
    const pool = await client.send(
      new CreateUserPoolCommand({
        PoolName: poolName,
        Schema: [{ Name: "team", AttributeDataType: "String", Mutable: true }],
      }),
    );
    poolId = pool.UserPool!.Id!;
    clientId = (await client.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: "app" })))
      .UserPoolClient!.ClientId!;
    await client.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: "crew" }));
  });
  afterAll(async () => {
    client?.destroy();
    await endpoint?.close();
    restoreEnv?.();
  });

  it.each(verbs.map((v) => [v.argv.join(" "), v] as const))(
    "%s - reads users from stdin, acts on each, and a partial failure is a summary and exit 252",
    async (_label, verb) => {
      const a = await freshUser(verb);
      const b = await freshUser(verb);
      const probe = verb.probe?.(probes);
      const before = await probe?.(a);
      const r = await cog([...verb.argv, "-", "--pool", poolName, ...(verb.after ?? [])], {
        stdin: `${a}@example.com\nnobody-${a}\n${b}\n`,
      });
      expect(r.code, r.stderr).toBe(252);
      expect(r.stderr).toContain(
        `${verb.done} 2 of 3 users; 1 failed:\n  nobody-${a}: No user 'nobody-${a}' in ${poolName} (${poolId})`,
      );
      if (probe) {
        expect(await probe(a)).not.toEqual(before);
        expect(await probe(b)).toEqual(await probe(a));
      }
      const all = await cog([...verb.argv, a, b, "--pool", poolName, ...(verb.after ?? [])], {
        stderrTTY: true,
      });
      if (!verb.many) {
        // One USER: several arguments are refused; several users come through `-` only.
        expect(all.code).toBe(252);
        expect(all.stderr).toContain(`Unknown options: ${b}`);
        return;
      }
      // Acting again on what was acted on: either it still works (a summary), or the service says why.
      if (all.code === 0) expect(all.stderr).toContain(`${verb.done} 2 users`);
      else expect(all.stderr).toMatch(/An error occurred|failed/);
    },
  );

  it.each(destructive.map((v) => [v.argv.join(" "), v] as const))(
    "%s refuses without --yes, prints the plan with --dry-run and asks on a terminal; each time nothing changes",
    async (_label, verb) => {
      const a = await freshUser(verb);
      const b = await freshUser(verb);
      const probe = verb.probe?.(probes);
      const before = [await probe?.(a), await probe?.(b)];
      const base = [...verb.argv, a, b, "--pool", poolName, ...withoutYes(verb)];
      const unchanged = async () => expect([await probe?.(a), await probe?.(b)]).toEqual(before);

      const refused = await cog(base);
      expect(refused.code).toBe(252);
      expect(refused.stderr).toMatch(
        new RegExp(`^Would .*2 users.* in pool ${poolName} \\(${poolId}\\):\\n  ${a}\\n  ${b}\\n`),
      );
      expect(refused.stderr).toMatch(/Pass --yes to proceed, or --dry-run/);
      await unchanged();

      const fromStdin = await cog([...verb.argv, "-", "--pool", poolName, ...withoutYes(verb)], {
        stdin: `${a}\n`,
      });
      expect(fromStdin.code).toBe(252);
      await unchanged();

      const dry = await cog([...base, "--dry-run"]);
      expect(dry.code, dry.stderr).toBe(0);
      expect(dry.stdout).toMatch(new RegExp(`^Would .*2 users.*:\\n  ${a}\\n  ${b}\\n$`));
      await unchanged();

      // Several users deleted at once: type the pool's name; everything else: yes/no.
      const typed = verb.argv.join(" ") === "users delete";
      const declining = scriptedPrompter([typed ? [/Type bulk to confirm/, "no"] : [/Proceed/, false]]);
      const declined = await cog(base, { stdinTTY: true, stderrTTY: true, prompter: declining });
      expect(declined.code).toBe(130);
      expect(declining.asked).toHaveLength(1);
      await unchanged();

      const accepting = scriptedPrompter([typed ? [/Type bulk to confirm/, poolName] : [/Proceed/, true]]);
      const accepted = await cog(base, { stdinTTY: true, stderrTTY: true, prompter: accepting });
      expect(accepted.code, accepted.stderr).toBe(0);
      expect(accepted.stderr).toContain(`${verb.done} 2 users`);
      if (probe) expect(await probe(a)).not.toEqual(before[0]);
    },
  );

  it("- cannot read users when --password-stdin reads stdin (252, nothing sent)", async () => {
    const r = await cog(["users", "set-password", "-", "--pool", poolName, "--password-stdin"], {
      stdin: "Bulk-Pass-123!\n",
    });
    expect(r.code).toBe(252);
    expect(r.stderr).toMatch(/--password-stdin reads stdin already; name the USERs as arguments/);
  });
});
