// Who is in which group, for `users export --groups` and jsonl: ListGroups, then each group's members
// with ListUsersInGroup (one call per 60 members, COGNITO-FACTS §8b), never AdminListGroupsForUser per
// user. Held in memory as compactly as a JavaScript Map allows: one entry per member whose value is a
// bit per group (a small integer, stored inline: no allocation however many groups a user is in), an
// array only for members of the 31st group on. About 80 bytes a member (the key and the Map's entry),
// 30 a membership in the benchmark's pool; the user rows themselves stream.
import type { CognitoCall, ServiceOutput } from "../cognito-call.js";
import { UsageError } from "../errors.js";
import { operationPages } from "../paginate.js";

/** Above this many memberships the map would pass ~30-80 MB: the export stops and says what to do. */
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

/** Groups 0..29 are bits of a small integer (V8's inline integers have 31 bits, sign included). */
const BITS = 30;

export class GroupMap {
  /** A member's groups: the bits of groups 0..29, or [those bits, ...indexes of later groups]. */
  private readonly members = new Map<string, number | number[]>();
  memberships = 0;

  constructor(readonly groupNames: string[]) {}

  add(username: string, group: number): void {
    const had = this.members.get(username);
    if (group < BITS) {
      const bit = 1 << group;
      if (had === undefined) this.members.set(username, bit);
      else if (typeof had === "number") {
        if (had & bit) return;
        this.members.set(username, had | bit);
      } else {
        if (had[0] & bit) return;
        had[0] |= bit;
      }
    } else if (had === undefined) this.members.set(username, [0, group]);
    else if (typeof had === "number") this.members.set(username, [had, group]);
    else if (had.includes(group, 1)) return;
    else had.push(group);
    this.memberships++;
  }

  /** The user's groups in ListGroups order. */
  groupsOf(username: string): string[] {
    const had = this.members.get(username);
    if (had === undefined) return [];
    const bits = typeof had === "number" ? had : had[0];
    const names: string[] = [];
    for (let i = 0; i < BITS && bits >>> i !== 0; i++) if (bits & (1 << i)) names.push(this.groupNames[i]);
    if (typeof had !== "number")
      for (const i of had.slice(1).sort((a, b) => a - b)) names.push(this.groupNames[i]);
    return names;
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
          `The pool's groups have more than ${max.toLocaleString("en-US")} memberships, more than users export keeps in memory. Export without --groups, and each group's members with cogctl groups members GROUP (or raise COGCTL_EXPORT_MAX_MEMBERSHIPS: up to about 80 bytes each).`,
        );
    }
  }
  return map;
}
