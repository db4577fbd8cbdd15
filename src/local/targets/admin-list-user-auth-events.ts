// AdminListUserAuthEvents: a user's sign-in history; needs advanced security (threat protection).
import type { AdminListUserAuthEventsRequest } from "@aws-sdk/client-cognito-identity-provider";
import { advancedSecurityOn } from "../services/auth-events.js";
import { UserPoolAddOnNotEnabledException } from "../signin/errors.js";
import { defineTarget } from "./target.js";

export default defineTarget<AdminListUserAuthEventsRequest>((input, { services }) => {
  const pool = services.pools.get(input.UserPoolId as string);
  const user = services.users.get(pool, input.Username as string);
  if (!advancedSecurityOn(pool)) {
    throw new UserPoolAddOnNotEnabledException(
      "Advanced security features are not enabled for this user pool.",
    );
  }
  return services.authEvents.list(pool, user, input.MaxResults || 60, input.NextToken);
});
