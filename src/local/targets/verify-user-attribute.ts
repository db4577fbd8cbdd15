// VerifyUserAttribute: the code from GetUserAttributeVerificationCode or UpdateUserAttributes (in
// user_codes), or from AdminUpdateUserAttributes (kept in user.data.attributeVerification), marks
// email_verified / phone_number_verified true.
import type { VerifyUserAttributeRequest } from "@aws-sdk/client-cognito-identity-provider";
import { CodeMismatchException, ExpiredCodeException, InvalidParameterException } from "../errors.js";
import { signedInUser } from "../signin/access.js";
import { defineTarget } from "./target.js";

export default defineTarget<VerifyUserAttributeRequest>(async (input, { services }) => {
  const { pool, user } = await signedInUser(services, input.AccessToken);
  const name = input.AttributeName as string;
  if (name !== "email" && name !== "phone_number") {
    throw new InvalidParameterException(`Invalid attribute name: ${name} cannot be verified.`);
  }
  const code = input.Code as string;
  const adminSent = (
    user.data.attributeVerification as Record<string, { code: string; expires: number }> | undefined
  )?.[name];
  try {
    services.codes.check(pool, user, `VERIFY:${name}`, code);
  } catch (err) {
    if (!adminSent) throw err;
    if (adminSent.expires < services.clock().getTime())
      throw new ExpiredCodeException("Invalid code provided, please request a code again.");
    if (adminSent.code !== code)
      throw new CodeMismatchException("Invalid verification code provided, please try again.");
  }
  const updated = services.users.updateAttributes(pool, user, { [`${name}_verified`]: "true" });
  if (adminSent) {
    services.users.modify(pool, updated, (u) => {
      const pending = { ...(u.data.attributeVerification as Record<string, unknown>) };
      delete pending[name];
      u.data.attributeVerification = pending;
    });
  }
  return {};
});
