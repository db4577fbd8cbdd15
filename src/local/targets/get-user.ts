// GetUser: the signed-in user's attributes and MFA settings.
import type { GetUserRequest } from "@aws-sdk/client-cognito-identity-provider";
import { mfaUserFields } from "../services/mfa.js";
import { signedInUser } from "../signin/access.js";
import { defineTarget } from "./target.js";

export default defineTarget<GetUserRequest>(async (input, { services }) => {
  const { user } = await signedInUser(services, input.AccessToken);
  return {
    Username: user.username,
    UserAttributes: Object.entries(user.attributes).map(([Name, Value]) => ({ Name, Value })),
    ...mfaUserFields(user),
  };
});
