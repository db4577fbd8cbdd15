// Groups and membership. Members are keyed by the user's username key, so deleting a user or a group
// removes its memberships (foreign keys cascade).
import type { CreateGroupRequest } from "@aws-sdk/client-cognito-identity-provider";
import { GroupExistsException, ResourceNotFoundException } from "../errors.js";
import type { Db } from "../store/database.js";
import type { Clock } from "./clock.js";
import { toEpochSeconds } from "./ids.js";
import { decodePage, encodePage } from "./paging.js";
import type { Pool } from "./pools.js";
import type { User } from "./users.js";

export interface Group {
  GroupName: string;
  UserPoolId: string;
  Description?: string;
  RoleArn?: string;
  Precedence?: number;
  created: number;
  modified: number;
}

interface GroupRow {
  name: string;
  data: string;
  created: number;
  modified: number;
}

export class GroupsService {
  private readonly s;
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {
    this.s = {
      insert: db.prepare(
        "INSERT INTO groups (pool_id, name, data, created, modified) VALUES (?, ?, ?, ?, ?)",
      ),
      get: db.prepare("SELECT name, data, created, modified FROM groups WHERE pool_id = ? AND name = ?"),
      update: db.prepare("UPDATE groups SET data = ?, modified = ? WHERE pool_id = ? AND name = ?"),
      delete: db.prepare("DELETE FROM groups WHERE pool_id = ? AND name = ?"),
      page: db.prepare(
        "SELECT name, data, created, modified FROM groups WHERE pool_id = ? AND name > ? ORDER BY name LIMIT ?",
      ),
      addMember: db.prepare(
        "INSERT OR IGNORE INTO group_members (pool_id, group_name, username_key, added) VALUES (?, ?, ?, ?)",
      ),
      removeMember: db.prepare(
        "DELETE FROM group_members WHERE pool_id = ? AND group_name = ? AND username_key = ?",
      ),
      groupsOf: db.prepare(
        `SELECT g.name, g.data, g.created, g.modified FROM group_members m JOIN groups g ON g.pool_id = m.pool_id AND g.name = m.group_name
         WHERE m.pool_id = ? AND m.username_key = ? AND g.name > ? ORDER BY g.name LIMIT ?`,
      ),
      membersOf: db
        .prepare(
          "SELECT username_key FROM group_members WHERE pool_id = ? AND group_name = ? AND username_key > ? ORDER BY username_key LIMIT ?",
        )
        .pluck(),
    };
  }

  create(pool: Pool, input: CreateGroupRequest): Group {
    const now = this.clock().getTime();
    const g: Group = {
      GroupName: input.GroupName as string,
      UserPoolId: pool.id,
      ...(input.Description !== undefined ? { Description: input.Description } : {}),
      ...(input.RoleArn !== undefined ? { RoleArn: input.RoleArn } : {}),
      ...(input.Precedence !== undefined ? { Precedence: input.Precedence } : {}),
      created: now,
      modified: now,
    };
    try {
      this.s.insert.run(pool.id, g.GroupName, JSON.stringify(strip(g)), now, now);
    } catch (err) {
      if ((err as { code?: string }).code === "SQLITE_CONSTRAINT_PRIMARYKEY") {
        throw new GroupExistsException("A group with the name already exists.");
      }
      throw err;
    }
    return g;
  }

  get(pool: Pool, name: string): Group {
    const row = this.s.get.get(pool.id, name) as GroupRow | undefined;
    if (!row) throw new ResourceNotFoundException("Group not found.");
    return fromRow(row);
  }

  update(
    pool: Pool,
    name: string,
    change: Partial<Pick<Group, "Description" | "RoleArn" | "Precedence">>,
  ): Group {
    const tx = this.db.transaction(() => {
      const g = { ...this.get(pool, name), ...change, modified: this.clock().getTime() };
      this.s.update.run(JSON.stringify(strip(g)), g.modified, pool.id, name);
      return g;
    });
    return tx.immediate();
  }

  delete(pool: Pool, name: string): void {
    this.get(pool, name);
    this.s.delete.run(pool.id, name);
  }

  list(pool: Pool, limit: number, token?: string): { groups: Group[]; token?: string } {
    const rows = this.s.page.all(pool.id, token ? decodePage(token) : "", limit + 1) as GroupRow[];
    const groups = rows.slice(0, limit).map(fromRow);
    return {
      groups,
      token: rows.length > limit ? encodePage(groups[groups.length - 1].GroupName) : undefined,
    };
  }

  addMember(pool: Pool, group: string, user: User): void {
    this.get(pool, group);
    this.s.addMember.run(pool.id, group, user.usernameKey, this.clock().getTime());
  }

  removeMember(pool: Pool, group: string, user: User): void {
    this.get(pool, group);
    this.s.removeMember.run(pool.id, group, user.usernameKey);
  }

  /** The user's groups by name (for AdminListGroupsForUser and the cognito:groups claim). */
  groupsOf(pool: Pool, user: User, limit = 10_000, token?: string): { groups: Group[]; token?: string } {
    const rows = this.s.groupsOf.all(
      pool.id,
      user.usernameKey,
      token ? decodePage(token) : "",
      limit + 1,
    ) as GroupRow[];
    const groups = rows.slice(0, limit).map(fromRow);
    return {
      groups,
      token: rows.length > limit ? encodePage(groups[groups.length - 1].GroupName) : undefined,
    };
  }

  /** Username keys of the group's members, in order. */
  membersOf(pool: Pool, group: string, limit: number, token?: string): { keys: string[]; token?: string } {
    this.get(pool, group);
    const keys = this.s.membersOf.all(pool.id, group, token ? decodePage(token) : "", limit + 1) as string[];
    const page = keys.slice(0, limit);
    return { keys: page, token: keys.length > limit ? encodePage(page[page.length - 1]) : undefined };
  }

  /** GroupType on the wire. */
  describe(g: Group): Record<string, unknown> {
    const { created, modified, ...rest } = g;
    return { ...rest, LastModifiedDate: toEpochSeconds(modified), CreationDate: toEpochSeconds(created) };
  }
}

function strip(g: Group): Omit<Group, "created" | "modified"> {
  const { created: _c, modified: _m, ...rest } = g;
  return rest;
}

function fromRow(r: GroupRow): Group {
  return { ...(JSON.parse(r.data) as Group), created: r.created, modified: r.modified };
}
