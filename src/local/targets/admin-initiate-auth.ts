// AdminInitiateAuth: the server-side sign-in entry (adds ADMIN_USER_PASSWORD_AUTH / ADMIN_NO_SRP_AUTH).
import type { AdminInitiateAuthRequest } from "@aws-sdk/client-cognito-identity-provider";
import { initiateAuth } from "../signin/initiate.js";
import { defineTarget } from "./target.js";

export default defineTarget<AdminInitiateAuthRequest>((input, { services, baseUrl }) =>
  initiateAuth(services, baseUrl, input, true),
);
