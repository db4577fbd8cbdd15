// InitiateAuth: the client-side sign-in entry (flows in ../signin/initiate.ts).
import type { InitiateAuthRequest } from "@aws-sdk/client-cognito-identity-provider";
import { initiateAuth } from "../signin/initiate.js";
import { defineTarget } from "./target.js";

export default defineTarget<InitiateAuthRequest>((input, { services, baseUrl }) =>
  initiateAuth(services, baseUrl, input, false),
);
