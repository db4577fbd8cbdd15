// AdminUpdateAuthEventFeedback: an administrator's verdict on a user's sign-in event.
import type { AdminUpdateAuthEventFeedbackRequest } from "@aws-sdk/client-cognito-identity-provider";
import { UserPoolAddOnNotEnabledException } from "../auth/errors.js";
import { ResourceNotFoundException } from "../errors.js";
import { advancedSecurityOn } from "../services/auth-events.js";
import { defineTarget } from "./target.js";

export default defineTarget<AdminUpdateAuthEventFeedbackRequest>((input, { services }) => {
  const pool = services.pools.get(input.UserPoolId as string);
  const user = services.users.get(pool, input.Username as string);
  if (!advancedSecurityOn(pool)) {
    throw new UserPoolAddOnNotEnabledException(
      "Advanced security features are not enabled for this user pool.",
    );
  }
  const event = services.authEvents.find(pool, user, input.EventId as string);
  if (!event) throw new ResourceNotFoundException("Auth event not found.");
  services.authEvents.setFeedback(input.EventId as string, event.data, input.FeedbackValue as string);
  return {};
});
