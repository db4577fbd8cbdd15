// InitiateAuth: the client-side sign-in entry (flows in ../auth/initiate.ts).
import type { InitiateAuthRequest } from "@aws-sdk/client-cognito-identity-provider";
import { initiateAuth } from "../auth/initiate.js";
import { defineTarget } from "./target.js";

export default defineTarget<InitiateAuthRequest>((input, { services, baseUrl }) =>
  initiateAuth(services, baseUrl, input, false),
);
