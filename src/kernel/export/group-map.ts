// Who is in which group, for `users export --groups` and jsonl: ListGroups, then each group's members
// with ListUsersInGroup (one call per 60 members, COGNITO-FACTS §8b), never AdminListGroupsForUser per
// user. Held in memory as compactly as a JavaScript Map allows: one entry per member (a group index,
// an array only for members of several groups), about 100 bytes each; the user rows themselves stream.
import type { CognitoCall, ServiceOutput } from "../cognito-call.js";
import { UsageError } from "../errors.js";
import { operationPages } from "../paginate.js";

/** Above this many memberships the map would pass ~100 MB: the export stops and says what to do. */
export const DEFAULT_MAX_MEMBERSHIPS = 1_000_000;

export interface GroupInfo {
  GroupName: string;
  Description?: string;
  Precedence?: number;
  RoleArn?: string;
}

export async function listGroups(call: CognitoCall, poolId: string): Promise<GroupInfo[]> {
  const groups: GroupInfo[] = [];
  for await (const page of operationPages(call, "list-groups", { UserPoolId: poolId }, { pageSize: 60 }))
    for (const g of (page.Groups as ServiceOutput[] | undefined) ?? [])
      groups.push({
        GroupName: g.GroupName as string,
        ...(g.Description !== undefined ? { Description: g.Description as string } : {}),
        ...(g.Precedence !== undefined ? { Precedence: g.Precedence as number } : {}),
        ...(g.RoleArn !== undefined ? { RoleArn: g.RoleArn as string } : {}),
      });
  return groups;
}

export class GroupMap {
  private readonly members = new Map<string, number | number[]>();
  memberships = 0;

  constructor(readonly groupNames: string[]) {}

  add(username: string, group: number): void {
    const had = this.members.get(username);
    if (had === undefined) this.members.set(username, group);
    else if (typeof had === "number") {
      if (had === group) return;
      this.members.set(username, [had, group]);
    } else if (!had.includes(group)) had.push(group);
    else return;
    this.memberships++;
  }

  /** The user's groups in ListGroups order. */
  groupsOf(username: string): string[] {
    const had = this.members.get(username);
    if (had === undefined) return [];
    if (typeof had === "number") return [this.groupNames[had]];
    return [...had].sort((a, b) => a - b).map((i) => this.groupNames[i]);
  }
}

export async function loadGroupMap(
  call: CognitoCall,
  poolId: string,
  opts: { maxMemberships?: number; onPage?: () => void } = {},
): Promise<GroupMap> {
  const groups = await listGroups(call, poolId);
  const map = new GroupMap(groups.map((g) => g.GroupName));
  const max = opts.maxMemberships ?? DEFAULT_MAX_MEMBERSHIPS;
  for (const [i, group] of groups.entries()) {
    const pages = operationPages(
      call,
      "list-users-in-group",
      { UserPoolId: poolId, GroupName: group.GroupName },
      { pageSize: 60 },
    );
    for await (const page of pages) {
      for (const u of (page.Users as ServiceOutput[] | undefined) ?? []) map.add(u.Username as string, i);
      opts.onPage?.();
      if (map.memberships > max)
        throw new UsageError(
          `The pool's groups have more than ${max.toLocaleString("en-US")} memberships, more than users export keeps in memory. Export without --groups, and each group's members with cogctl groups members GROUP (or raise COGCTL_EXPORT_MAX_MEMBERSHIPS, at about 100 bytes each).`,
        );
    }
  }
  return map;
}
