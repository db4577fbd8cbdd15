// ResendConfirmationCode: a new sign-up code for a user who is still UNCONFIRMED.
import type { ResendConfirmationCodeRequest } from "@aws-sdk/client-cognito-identity-provider";
import { InvalidParameterException } from "../errors.js";
import { checkSecretHash, clientAndPool } from "../signin/client-auth.js";
import { signUpDelivery } from "../signin/deliveries.js";
import { defineTarget } from "./target.js";

export default defineTarget<ResendConfirmationCodeRequest>((input, { services }) => {
  const { client, pool } = clientAndPool(services, input.ClientId as string);
  const user = services.users.get(pool, input.Username as string);
  checkSecretHash(client, [input.Username, user.username], input.SecretHash);
  if (user.status !== "UNCONFIRMED") throw new InvalidParameterException("User is already confirmed.");
  const delivery = signUpDelivery(pool, user);
  if (!delivery) {
    throw new InvalidParameterException("Auto verification not turned on.");
  }
  return { CodeDeliveryDetails: services.codes.send(pool, user, "SIGN_UP", delivery) };
});
