// AdminUserGlobalSignOut: revokes every sign-in of a user.
import type { AdminUserGlobalSignOutRequest } from "@aws-sdk/client-cognito-identity-provider";

import { defineTarget } from "./target.js";

export default defineTarget<AdminUserGlobalSignOutRequest>((input, { services }) => {
  const pool = services.pools.get(input.UserPoolId as string);
  services.tokens.revokeUser(pool, services.users.get(pool, input.Username as string));
  return {};
});
