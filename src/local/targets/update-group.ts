import type { UpdateGroupRequest } from "@aws-sdk/client-cognito-identity-provider";
import { defineTarget } from "./target.js";

export default defineTarget<UpdateGroupRequest>((input, { services }) => {
  const pool = services.pools.get(input.UserPoolId as string);
  const change: Record<string, unknown> = {};
  if (input.Description !== undefined) change.Description = input.Description;
  if (input.RoleArn !== undefined) change.RoleArn = input.RoleArn;
  if (input.Precedence !== undefined) change.Precedence = input.Precedence;
  return { Group: services.groups.describe(services.groups.update(pool, input.GroupName as string, change)) };
});
