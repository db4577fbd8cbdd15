// Shared by UpdateAuthEventFeedback and AdminUpdateAuthEventFeedback: the same checks and the same
// write; only how the caller is authorised differs (a feedback token, or admin credentials).

import { ResourceNotFoundException } from "../errors.js";
import { type AuthEventData, advancedSecurityOn } from "../services/auth-events.js";
import type { LocalServices } from "../services/index.js";
import { UserPoolAddOnNotEnabledException } from "./errors.js";

interface FeedbackInput {
  UserPoolId?: string;
  Username?: string;
  EventId?: string;
  FeedbackValue?: string;
}

/** Finds the event (advanced security must be on), lets `authorise` check it, then records the verdict. */
export function recordAuthEventFeedback(
  services: LocalServices,
  input: FeedbackInput,
  authorise: (event: AuthEventData) => void = () => {},
): Record<string, never> {
  const pool = services.pools.get(input.UserPoolId as string);
  const user = services.users.get(pool, input.Username as string);
  if (!advancedSecurityOn(pool)) {
    throw new UserPoolAddOnNotEnabledException(
      "Advanced security features are not enabled for this user pool.",
    );
  }
  const event = services.authEvents.find(pool, user, input.EventId as string);
  if (!event) throw new ResourceNotFoundException("Auth event not found.");
  authorise(event.data);
  services.authEvents.setFeedback(input.EventId as string, event.data, input.FeedbackValue as string);
  return {};
}
