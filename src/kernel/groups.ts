// Groups as task commands show them (groups show, groups create): one group's fields, and its
// member count, counted over ListUsersInGroup pages (the UserList pace) since no API returns it.
import type { CognitoCall, ServiceOutput } from "./cognito-call.js";
import { describePool, type PoolRef } from "./resolve.js";
import type { Field } from "./table-printer.js";
import { userPages } from "./users.js";

export async function countMembers(call: CognitoCall, poolId: string, group: string): Promise<number> {
  let members = 0;
  for await (const page of userPages(call, poolId, { group })) members += page.length;
  return members;
}

/** The fields of a group as GetGroup or CreateGroup return it. */
export function groupFields(pool: PoolRef, group: ServiceOutput, members: number | undefined): Field[] {
  return [
    { label: "name", value: group.GroupName as string },
    { label: "pool", value: describePool(pool) },
    { label: "description", value: group.Description as string | undefined, kind: "text" },
    { label: "precedence", value: group.Precedence as number | undefined },
    { label: "role arn", value: group.RoleArn as string | undefined },
    { label: "members", value: members },
    { label: "created", value: group.CreationDate as Date, kind: "time" },
    { label: "last modified", value: group.LastModifiedDate as Date, kind: "time" },
  ];
}

/** Fails once, with the service's ResourceNotFoundException, when the group does not exist. */
export async function requireGroup(call: CognitoCall, poolId: string, group: string): Promise<void> {
  await call("GetGroup", { UserPoolId: poolId, GroupName: group });
}
