// AdminDisableUser: the status stays; sign-in is refused while disabled. Token revocation belongs to
// the auth side (it checks `enabled` and may record a revocation time in user.data).
import type { AdminDisableUserRequest } from "@aws-sdk/client-cognito-identity-provider";
import { defineTarget } from "./target.js";

export default defineTarget<AdminDisableUserRequest>((input, { services }) => {
  const pool = services.pools.get(input.UserPoolId as string);
  services.users.modify(pool, services.users.get(pool, input.Username as string), (u) => {
    u.enabled = false;
    u.data.tokensRevokedAt = services.clock().getTime();
  });
  return {};
});
