// RespondToAuthChallenge: answers to the challenges of a client-side sign-in (../signin/respond.ts).
import type { RespondToAuthChallengeRequest } from "@aws-sdk/client-cognito-identity-provider";
import { respondToAuthChallenge } from "../signin/respond.js";
import { defineTarget } from "./target.js";

export default defineTarget<RespondToAuthChallengeRequest>((input, { services, baseUrl }) =>
  respondToAuthChallenge(services, baseUrl, input, false),
);
