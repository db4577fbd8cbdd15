// UpdateAuthEventFeedback: the user's verdict on a sign-in, authorised by the event's feedback token.
import { timingSafeEqual } from "node:crypto";
import type { UpdateAuthEventFeedbackRequest } from "@aws-sdk/client-cognito-identity-provider";
import { NotAuthorizedException } from "../errors.js";
import { recordAuthEventFeedback } from "../signin/event-feedback.js";
import { defineTarget } from "./target.js";

export default defineTarget<UpdateAuthEventFeedbackRequest>((input, { services }) =>
  recordAuthEventFeedback(services, input, (event) => {
    const given = Buffer.from(input.FeedbackToken ?? "");
    const want = Buffer.from(event.feedbackToken);
    if (given.length !== want.length || !timingSafeEqual(given, want)) {
      throw new NotAuthorizedException("Invalid feedback token.");
    }
  }),
);
