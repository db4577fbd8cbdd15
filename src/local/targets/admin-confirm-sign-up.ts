import type { AdminConfirmSignUpRequest } from "@aws-sdk/client-cognito-identity-provider";
import { NotAuthorizedException } from "../errors.js";
import { defineTarget } from "./target.js";

export default defineTarget<AdminConfirmSignUpRequest>((input, { services }) => {
  const pool = services.pools.get(input.UserPoolId as string);
  const user = services.users.get(pool, input.Username as string);
  if (user.status !== "UNCONFIRMED") {
    throw new NotAuthorizedException(`User cannot be confirmed. Current status is ${user.status}`);
  }
  services.users.modify(pool, user, (u) => {
    u.status = "CONFIRMED";
  });
  return {};
});
