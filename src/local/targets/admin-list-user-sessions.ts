// AdminListUserSessions: a user's active sessions as an administrator (IsCurrentSession always false).
import type { AdminListUserSessionsRequest } from "@aws-sdk/client-cognito-identity-provider";
import { InvalidParameterException } from "../errors.js";
import { defineTarget } from "./target.js";

export default defineTarget<AdminListUserSessionsRequest>((input, { services }) => {
  const pool = services.pools.get(input.UserPoolId as string);
  const user = services.users.get(pool, input.Username as string);
  if (input.NextToken !== undefined) throw new InvalidParameterException("Invalid pagination token.");
  return { Sessions: services.userSessions.list(pool, user) };
});
