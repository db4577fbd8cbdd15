// UpdateAuthEventFeedback: the user's verdict on a sign-in, authorised by the event's feedback token.

import { timingSafeEqual } from "node:crypto";
import type { UpdateAuthEventFeedbackRequest } from "@aws-sdk/client-cognito-identity-provider";
import { UserPoolAddOnNotEnabledException } from "../auth/errors.js";
import { NotAuthorizedException, ResourceNotFoundException } from "../errors.js";
import { advancedSecurityOn } from "../services/auth-events.js";
import { defineTarget } from "./target.js";

export default defineTarget<UpdateAuthEventFeedbackRequest>((input, { services }) => {
  const pool = services.pools.get(input.UserPoolId as string);
  const user = services.users.get(pool, input.Username as string);
  if (!advancedSecurityOn(pool)) {
    throw new UserPoolAddOnNotEnabledException(
      "Advanced security features are not enabled for this user pool.",
    );
  }
  const event = services.authEvents.find(pool, user, input.EventId as string);
  if (!event) throw new ResourceNotFoundException("Auth event not found.");
  const given = Buffer.from(input.FeedbackToken ?? "");
  const want = Buffer.from(event.data.feedbackToken);
  if (given.length !== want.length || !timingSafeEqual(given, want))
    throw new NotAuthorizedException("Invalid feedback token.");
  services.authEvents.setFeedback(input.EventId as string, event.data, input.FeedbackValue as string);
  return {};
});
