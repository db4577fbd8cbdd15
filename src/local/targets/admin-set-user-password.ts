// AdminSetUserPassword: Permanent → CONFIRMED; otherwise a temporary password and
// FORCE_CHANGE_PASSWORD (the next sign-in answers NEW_PASSWORD_REQUIRED). No message is sent.
import type { AdminSetUserPasswordRequest } from "@aws-sdk/client-cognito-identity-provider";
import { defineTarget } from "./target.js";

export default defineTarget<AdminSetUserPasswordRequest>((input, { services }) => {
  const pool = services.pools.get(input.UserPoolId as string);
  const user = services.users.get(pool, input.Username as string);
  const password = input.Password as string;
  services.passwords.checkPolicy(pool, password);
  const permanent = input.Permanent === true;
  services.users.setPassword(
    pool,
    user,
    password,
    !permanent,
    permanent ? "CONFIRMED" : "FORCE_CHANGE_PASSWORD",
  );
  return {};
});
