// ConfirmForgotPassword: the reset code (from ForgotPassword, or AdminResetUserPassword's) and a new
// password; the user becomes CONFIRMED and every earlier sign-in is revoked.
import type { ConfirmForgotPasswordRequest } from "@aws-sdk/client-cognito-identity-provider";
import { CodeMismatchException, ExpiredCodeException } from "../errors.js";
import type { LocalServices } from "../services/index.js";
import type { Pool } from "../services/pools.js";
import type { User } from "../services/users.js";
import { checkSecretHash, clientAndPool } from "../signin/client-auth.js";
import { defineTarget } from "./target.js";

export default defineTarget<ConfirmForgotPasswordRequest>((input, { services }) => {
  const { client, pool } = clientAndPool(services, input.ClientId as string);
  const user = services.users.get(pool, input.Username as string);
  checkSecretHash(client, [input.Username, user.username], input.SecretHash);
  const password = input.Password as string;
  services.passwords.checkPolicy(pool, password);
  checkResetCode(services, pool, user, input.ConfirmationCode as string);
  // An unconfirmed user stays unconfirmed: proving the mailbox is not confirming the sign-up.
  const status = user.status === "UNCONFIRMED" ? "UNCONFIRMED" : "CONFIRMED";
  const updated = services.users.setPassword(pool, user, password, false, status);
  services.users.modify(pool, updated, (u) => {
    delete u.data.passwordReset;
  });
  services.tokens.revokeUser(pool, user);
  return {};
});

/** ForgotPassword's code (user_codes), else the one AdminResetUserPassword keeps in user.data.passwordReset. */
function checkResetCode(services: LocalServices, pool: Pool, user: User, code: string): void {
  const adminReset = user.data.passwordReset as { code: string; expires: number } | undefined;
  try {
    services.codes.check(pool, user, "FORGOT_PASSWORD", code);
    return;
  } catch (err) {
    if (!adminReset) throw err;
  }
  if (adminReset.expires < services.clock().getTime()) {
    throw new ExpiredCodeException("Invalid code provided, please request a code again.");
  }
  if (adminReset.code !== code)
    throw new CodeMismatchException("Invalid verification code provided, please try again.");
}
