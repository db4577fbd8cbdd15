// SignUp: a new UNCONFIRMED user with a password, validated against the schema and password policy,
// and a confirmation code to the auto-verified email or phone (outbox).
import type { SignUpRequest } from "@aws-sdk/client-cognito-identity-provider";
import { InvalidParameterException, NotAuthorizedException } from "../errors.js";
import { checkRequired, validateAttributes } from "../services/schema.js";
import { checkSecretHash, clientAndPool } from "../signin/client-auth.js";
import { signUpDelivery } from "../signin/deliveries.js";
import { defineTarget } from "./target.js";

export default defineTarget<SignUpRequest>((input, { services }) => {
  const { client, pool } = clientAndPool(services, input.ClientId as string);
  const username = input.Username as string;
  checkSecretHash(client, [username], input.SecretHash);
  if (pool.data.AdminCreateUserConfig?.AllowAdminCreateUserOnly) {
    throw new NotAuthorizedException("SignUp is not permitted for this user pool");
  }
  if (input.Password === undefined)
    throw new InvalidParameterException("Password is required for sign-up in this user pool.");
  services.passwords.checkPolicy(pool, input.Password);
  const list = input.UserAttributes ?? [];
  const attributes = validateAttributes(pool.data.SchemaAttributes ?? [], list, "create");
  const user = services.users.create(pool, {
    username,
    attributes,
    status: "UNCONFIRMED",
    password: input.Password,
    check: (final) => checkRequired(pool.data.SchemaAttributes ?? [], final),
  });
  const delivery = signUpDelivery(pool, user);
  return {
    UserConfirmed: false,
    UserSub: user.sub,
    ...(delivery ? { CodeDeliveryDetails: services.codes.send(pool, user, "SIGN_UP", delivery) } : {}),
  };
});
