// AdminRevokeUserSession: revokes one of a user's sessions as an administrator; the session must
// belong to that user (ResourceNotFoundException otherwise).
import type { AdminRevokeUserSessionRequest } from "@aws-sdk/client-cognito-identity-provider";
import { defineTarget } from "./target.js";

export default defineTarget<AdminRevokeUserSessionRequest>((input, { services }) => {
  const pool = services.pools.get(input.UserPoolId as string);
  const user = services.users.get(pool, input.Username as string);
  services.userSessions.revoke(pool, user, input.SessionId as string);
  return {};
});
