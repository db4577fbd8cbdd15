import type { DeleteGroupRequest } from "@aws-sdk/client-cognito-identity-provider";
import { defineTarget } from "./target.js";

export default defineTarget<DeleteGroupRequest>((input, { services }) => {
  const pool = services.pools.get(input.UserPoolId as string);
  services.groups.delete(pool, input.GroupName as string);
  return {};
});
