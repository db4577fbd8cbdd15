// GetUserAttributeVerificationCode: a code to prove the signed-in user's email or phone number.
import type { GetUserAttributeVerificationCodeRequest } from "@aws-sdk/client-cognito-identity-provider";
import { InvalidParameterException } from "../errors.js";
import { signedInUser } from "../signin/access.js";
import { defineTarget } from "./target.js";

export default defineTarget<GetUserAttributeVerificationCodeRequest>(async (input, { services }) => {
  const { pool, user } = await signedInUser(services, input.AccessToken);
  const name = input.AttributeName as string;
  if (name !== "email" && name !== "phone_number") {
    throw new InvalidParameterException(`Invalid attribute name: ${name} cannot be verified.`);
  }
  const value = user.attributes[name];
  if (!value) throw new InvalidParameterException(`User does not have the attribute ${name}.`);
  const delivery = { channel: name === "email" ? ("EMAIL" as const) : ("SMS" as const), destination: value };
  return { CodeDeliveryDetails: services.codes.send(pool, user, `VERIFY:${name}`, delivery) };
});
