// GetUserAuthFactors: the signed-in user's MFA settings and configured sign-in factors.
import type { GetUserAuthFactorsRequest } from "@aws-sdk/client-cognito-identity-provider";
import { signedInUser } from "../signin/access.js";
import { authFactors } from "../signin/auth-factors.js";
import { defineTarget } from "./target.js";

export default defineTarget<GetUserAuthFactorsRequest>(async (input, { services }) =>
  authFactors((await signedInUser(services, input.AccessToken)).user),
);
