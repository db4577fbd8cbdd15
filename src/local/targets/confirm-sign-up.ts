// ConfirmSignUp: the code from SignUp makes the user CONFIRMED and verifies the attribute it went to.
import type { ConfirmSignUpRequest } from "@aws-sdk/client-cognito-identity-provider";
import { NotAuthorizedException } from "../errors.js";
import { checkSecretHash, clientAndPool } from "../signin/client-auth.js";
import { signUpDelivery } from "../signin/deliveries.js";
import { defineTarget } from "./target.js";

export default defineTarget<ConfirmSignUpRequest>((input, { services }) => {
  const { client, pool } = clientAndPool(services, input.ClientId as string);
  const user = services.users.get(pool, input.Username as string);
  checkSecretHash(client, [input.Username, user.username], input.SecretHash);
  if (user.status !== "UNCONFIRMED") {
    throw new NotAuthorizedException(`User cannot be confirmed. Current status is ${user.status}`);
  }
  services.codes.check(pool, user, "SIGN_UP", input.ConfirmationCode as string);
  const delivery = signUpDelivery(pool, user);
  const verified = delivery
    ? { [delivery.channel === "EMAIL" ? "email_verified" : "phone_number_verified"]: "true" }
    : {};
  const updated = services.users.updateAttributes(
    pool,
    user,
    verified,
    [],
    input.ForceAliasCreation ?? false,
  );
  services.users.modify(pool, updated, (u) => {
    u.status = "CONFIRMED";
  });
  return {};
});
