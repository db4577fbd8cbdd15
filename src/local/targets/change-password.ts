// ChangePassword: the signed-in user proves the old password and sets a new one (policy checked).
import type { ChangePasswordRequest } from "@aws-sdk/client-cognito-identity-provider";
import { NotAuthorizedException } from "../errors.js";
import { signedInUser } from "../signin/access.js";
import { INCORRECT } from "../signin/user-checks.js";
import { defineTarget } from "./target.js";

export default defineTarget<ChangePasswordRequest>(async (input, { services }) => {
  const { pool, user } = await signedInUser(services, input.AccessToken);
  if (
    input.PreviousPassword === undefined ||
    !services.users.checkPassword(pool, user, input.PreviousPassword)
  ) {
    throw new NotAuthorizedException(INCORRECT);
  }
  services.passwords.checkPolicy(pool, input.ProposedPassword as string);
  services.users.setPassword(pool, user, input.ProposedPassword as string, false, user.status);
  return {};
});
