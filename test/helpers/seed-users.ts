// A source pool for the export and copy tests, seeded through the SDK: custom attributes, values
// with commas, quotes, backslashes and non-Latin text, disabled users, groups with overlapping
// members, CONFIRMED and FORCE_CHANGE_PASSWORD users, one with SMS MFA.
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminSetUserMFAPreferenceCommand,
  AdminSetUserPasswordCommand,
  type CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolCommand,
} from "@aws-sdk/client-cognito-identity-provider";

export const GROUPS = ["admins", "ops", "beta", "staff", "qa", "sales", "eng", "vip", "trial", "legacy"];

export interface Seeded {
  poolId: string;
  usernames: string[];
}

/** A pool with `n` users: every 7th disabled, every 5th CONFIRMED, groups overlapping by index. */
export async function seedPool(
  client: CognitoIdentityProviderClient,
  name: string,
  n: number,
): Promise<Seeded> {
  const { UserPool } = await client.send(
    new CreateUserPoolCommand({
      PoolName: name,
      AutoVerifiedAttributes: ["email"],
      Schema: [{ Name: "team", AttributeDataType: "String", Mutable: true }],
    }),
  );
  const poolId = UserPool?.Id as string;
  for (const g of GROUPS)
    await client.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: g, Description: `the ${g}` }));
  const usernames: string[] = [];
  for (let i = 0; i < n; i++) {
    const username = `user${String(i).padStart(4, "0")}`;
    usernames.push(username);
    const tricky = [
      'Smith, John "JJ"',
      "Zoë Ångström",
      "山田 太郎",
      "back\\slash, and comma",
      "O'Brien",
      "plain",
    ][i % 6];
    await client.send(
      new AdminCreateUserCommand({
        UserPoolId: poolId,
        Username: username,
        MessageAction: "SUPPRESS",
        UserAttributes: [
          { Name: "email", Value: `${username}@example.com` },
          { Name: "email_verified", Value: "true" },
          { Name: "name", Value: tricky },
          { Name: "birthdate", Value: "1990-04-23" },
          { Name: "custom:team", Value: `team,${i % 3}` },
          ...(i === 1 ? [{ Name: "phone_number", Value: "+12065550101" }] : []),
        ],
      }),
    );
    if (i % 5 === 0)
      await client.send(
        new AdminSetUserPasswordCommand({
          UserPoolId: poolId,
          Username: username,
          Password: "Passw0rd!x",
          Permanent: true,
        }),
      );
    if (i === 1)
      await client.send(
        new AdminSetUserMFAPreferenceCommand({
          UserPoolId: poolId,
          Username: username,
          SMSMfaSettings: { Enabled: true, PreferredMfa: true },
        }),
      );
    if (i % 7 === 0)
      await client.send(new AdminDisableUserCommand({ UserPoolId: poolId, Username: username }));
    for (const [g, group] of GROUPS.entries())
      if (i % (g + 2) === 0)
        await client.send(
          new AdminAddUserToGroupCommand({ UserPoolId: poolId, Username: username, GroupName: group }),
        );
  }
  return { poolId, usernames };
}

/** A user's groups in ListGroups' order (by name). */
export const expectedGroups = (i: number) => GROUPS.filter((_, g) => i % (g + 2) === 0).sort();
