// What Cognito answers a sign-in for users who cannot complete one: unknown, disabled, unconfirmed,
// RESET_REQUIRED, or with an expired temporary password. Centralised so every flow words them alike.
import { NotAuthorizedException, UserNotFoundException } from "../errors.js";
import type { ClientData } from "../services/clients.js";
import type { LocalServices } from "../services/index.js";
import { DEFAULT_PASSWORD_POLICY, type Pool } from "../services/pools.js";
import type { User } from "../services/users.js";
import { PasswordResetRequiredException, UserNotConfirmedException } from "./errors.js";

export const INCORRECT = "Incorrect username or password.";

/** True when the client hides whether a user exists (PreventUserExistenceErrors = ENABLED). */
export const hidesUsers = (client: ClientData): boolean => client.PreventUserExistenceErrors === "ENABLED";

/** The user, or the error for an unknown one (NotAuthorized when the client hides user existence). */
export function signInUser(services: LocalServices, pool: Pool, client: ClientData, name: string): User {
  const user = services.users.find(pool, name);
  if (user) return user;
  if (hidesUsers(client)) throw new NotAuthorizedException(INCORRECT);
  throw new UserNotFoundException("User does not exist.");
}

/** Checks made before the password: a disabled user or one whose password must be reset cannot try. */
export function checkBeforePassword(user: User, needsPassword = true): void {
  if (!user.enabled) throw new NotAuthorizedException("User is disabled.");
  if (user.status === "RESET_REQUIRED")
    throw new PasswordResetRequiredException("Password reset required for the user");
  if (needsPassword && !user.password) throw new NotAuthorizedException(INCORRECT);
}

/** Checks made once the password is proven. */
export function checkAfterPassword(services: LocalServices, pool: Pool, user: User): void {
  if (user.status === "UNCONFIRMED") throw new UserNotConfirmedException("User is not confirmed.");
  if (user.status === "FORCE_CHANGE_PASSWORD" && user.password) {
    const days =
      pool.data.Policies?.PasswordPolicy?.TemporaryPasswordValidityDays ??
      DEFAULT_PASSWORD_POLICY.TemporaryPasswordValidityDays;
    if (user.password.setAt + days * 86_400_000 < services.clock().getTime()) {
      throw new NotAuthorizedException(
        "Temporary password has expired and must be reset by an administrator.",
      );
    }
  }
}
