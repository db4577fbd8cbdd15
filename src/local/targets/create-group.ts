import type { CreateGroupRequest } from "@aws-sdk/client-cognito-identity-provider";
import { defineTarget } from "./target.js";

export default defineTarget<CreateGroupRequest>((input, { services }) => {
  const pool = services.pools.get(input.UserPoolId as string);
  return { Group: services.groups.describe(services.groups.create(pool, input)) };
});
