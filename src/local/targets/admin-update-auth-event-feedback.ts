// AdminUpdateAuthEventFeedback: an administrator's verdict on a user's sign-in event.
import type { AdminUpdateAuthEventFeedbackRequest } from "@aws-sdk/client-cognito-identity-provider";
import { recordAuthEventFeedback } from "../signin/event-feedback.js";
import { defineTarget } from "./target.js";

export default defineTarget<AdminUpdateAuthEventFeedbackRequest>((input, { services }) =>
  recordAuthEventFeedback(services, input),
);
