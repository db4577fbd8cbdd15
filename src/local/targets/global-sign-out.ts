// GlobalSignOut: revokes every sign-in of the signed-in user (refresh and access tokens).
import type { GlobalSignOutRequest } from "@aws-sdk/client-cognito-identity-provider";
import { signedInUser } from "../signin/access.js";
import { defineTarget } from "./target.js";

export default defineTarget<GlobalSignOutRequest>(async (input, { services }) => {
  const { pool, user } = await signedInUser(services, input.AccessToken);
  services.tokens.revokeUser(pool, user);
  return {};
});
