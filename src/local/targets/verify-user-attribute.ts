// VerifyUserAttribute: the code from GetUserAttributeVerificationCode (or an attribute update)
// marks email_verified / phone_number_verified true.
import type { VerifyUserAttributeRequest } from "@aws-sdk/client-cognito-identity-provider";
import { signedInUser } from "../auth/access.js";
import { InvalidParameterException } from "../errors.js";
import { defineTarget } from "./target.js";

export default defineTarget<VerifyUserAttributeRequest>(async (input, { services }) => {
  const { pool, user } = await signedInUser(services, input.AccessToken);
  const name = input.AttributeName as string;
  if (name !== "email" && name !== "phone_number") {
    throw new InvalidParameterException(`Invalid attribute name: ${name} cannot be verified.`);
  }
  services.codes.check(pool, user, `VERIFY:${name}`, input.Code as string);
  services.users.updateAttributes(pool, user, { [`${name}_verified`]: "true" });
  return {};
});
