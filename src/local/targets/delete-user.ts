// DeleteUser: the signed-in user deletes their own account (tokens, devices and codes go with it).
import type { DeleteUserRequest } from "@aws-sdk/client-cognito-identity-provider";
import { signedInUser } from "../signin/access.js";
import { defineTarget } from "./target.js";

export default defineTarget<DeleteUserRequest>(async (input, { services }) => {
  const { pool, user } = await signedInUser(services, input.AccessToken);
  services.users.delete(pool, user);
  return {};
});
