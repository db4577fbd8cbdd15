import type { GetGroupRequest } from "@aws-sdk/client-cognito-identity-provider";
import { defineTarget } from "./target.js";

export default defineTarget<GetGroupRequest>((input, { services }) => {
  const pool = services.pools.get(input.UserPoolId as string);
  return { Group: services.groups.describe(services.groups.get(pool, input.GroupName as string)) };
});
