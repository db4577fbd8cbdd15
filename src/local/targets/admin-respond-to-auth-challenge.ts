// AdminRespondToAuthChallenge: answers to the challenges of an AdminInitiateAuth sign-in.
import type { AdminRespondToAuthChallengeRequest } from "@aws-sdk/client-cognito-identity-provider";
import { respondToAuthChallenge } from "../signin/respond.js";
import { defineTarget } from "./target.js";

export default defineTarget<AdminRespondToAuthChallengeRequest>((input, { services, baseUrl }) =>
  respondToAuthChallenge(services, baseUrl, input, true),
);
