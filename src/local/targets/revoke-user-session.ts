// RevokeUserSession: the signed-in user revokes another of their sessions (not the caller's own);
// its refresh token and access tokens are then refused as after RevokeToken.
import type { RevokeUserSessionRequest } from "@aws-sdk/client-cognito-identity-provider";
import { signedInUser } from "../signin/access.js";
import { defineTarget } from "./target.js";

export default defineTarget<RevokeUserSessionRequest>(async (input, { services }) => {
  const { pool, user, claims } = await signedInUser(services, input.AccessToken);
  services.userSessions.revoke(pool, user, input.SessionId as string, claims.originJti);
  return {};
});
