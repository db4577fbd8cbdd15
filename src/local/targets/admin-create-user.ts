// AdminCreateUser: attribute validation against the pool schema, password policy for a given
// temporary password, a generated one otherwise, the invitation to the outbox (unless SUPPRESS), and
// RESEND for an existing FORCE_CHANGE_PASSWORD user.
import type { AdminCreateUserRequest } from "@aws-sdk/client-cognito-identity-provider";
import { InvalidParameterException, UnsupportedUserStateException } from "../errors.js";
import { newTemporaryPassword } from "../services/ids.js";
import { type Channel, sendInvitation } from "../services/messages.js";
import { checkRequired, validateAttributes } from "../services/schema.js";
import { defineTarget } from "./target.js";

export default defineTarget<AdminCreateUserRequest>((input, { services }) => {
  const pool = services.pools.get(input.UserPoolId as string);
  const username = input.Username as string;
  const wanted = (input.DesiredDeliveryMediums ?? ["SMS"]) as Channel[];
  const policy = pool.data.Policies?.PasswordPolicy;
  if (input.TemporaryPassword !== undefined) services.passwords.checkPolicy(pool, input.TemporaryPassword);
  const temporary = input.TemporaryPassword ?? newTemporaryPassword(policy?.MinimumLength);

  if (input.MessageAction === "RESEND") {
    const user = services.users.get(pool, username);
    if (user.status !== "FORCE_CHANGE_PASSWORD") {
      throw new UnsupportedUserStateException(
        `Resend not possible. ${username} status is not FORCE_CHANGE_PASSWORD.`,
      );
    }
    const updated = services.users.setPassword(pool, user, temporary, true, "FORCE_CHANGE_PASSWORD");
    sendInvitation(services.messages, pool, updated, temporary, wanted);
    return { User: services.users.toUserType(updated) };
  }

  const attrs = input.UserAttributes ?? [];
  const attributes = validateAttributes(pool.data.SchemaAttributes ?? [], attrs, "create");
  if (
    wanted.includes("EMAIL") &&
    input.MessageAction !== "SUPPRESS" &&
    !attributes.email &&
    !pool.data.UsernameAttributes?.includes("email")
  ) {
    throw new InvalidParameterException("User has no attribute matching desired delivery mediums");
  }
  // With SUPPRESS and no TemporaryPassword nobody can ever learn the generated password (it is sent
  // nowhere), so no verifier is stored: sign-in fails until AdminSetUserPassword or RESEND, as in
  // Cognito — and the ~0.6 ms SRP verifier computation is saved.
  const unknowable = input.MessageAction === "SUPPRESS" && input.TemporaryPassword === undefined;
  const user = services.users.create(pool, {
    username,
    attributes,
    status: "FORCE_CHANGE_PASSWORD",
    password: unknowable ? undefined : temporary,
    temporaryPassword: true,
    forceAliasCreation: input.ForceAliasCreation,
    // Required attributes are checked on the final set (a username attribute fills email/phone).
    check: (final) => checkRequired(pool.data.SchemaAttributes ?? [], final),
  });
  if (input.MessageAction !== "SUPPRESS") sendInvitation(services.messages, pool, user, temporary, wanted);
  return { User: services.users.toUserType(user) };
});
