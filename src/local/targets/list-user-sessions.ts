// ListUserSessions: the signed-in user's active sessions (one per sign-in), the caller's own marked
// IsCurrentSession. All of them fit one page (the service's is up to 125), so no NextToken is issued.
import type { ListUserSessionsRequest } from "@aws-sdk/client-cognito-identity-provider";
import { InvalidParameterException } from "../errors.js";
import { signedInUser } from "../signin/access.js";
import { defineTarget } from "./target.js";

export default defineTarget<ListUserSessionsRequest>(async (input, { services }) => {
  const { pool, user, claims } = await signedInUser(services, input.AccessToken);
  if (input.NextToken !== undefined) throw new InvalidParameterException("Invalid pagination token.");
  return { Sessions: services.userSessions.list(pool, user, claims.originJti) };
});
