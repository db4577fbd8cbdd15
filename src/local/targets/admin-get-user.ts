import type { AdminGetUserRequest } from "@aws-sdk/client-cognito-identity-provider";
import { mfaUserFields } from "../services/mfa.js";
import { defineTarget } from "./target.js";

export default defineTarget<AdminGetUserRequest>((input, { services }) => {
  const pool = services.pools.get(input.UserPoolId as string);
  const user = services.users.get(pool, input.Username as string);
  // MFAOptions / PreferredMfaSetting / UserMFASettingList come from the auth side (issue 4).
  return { ...services.users.toAdminGetUser(user), ...mfaUserFields(user) };
});
