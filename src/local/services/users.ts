// Users of a pool: identity (username, sub, aliases), attributes, status, enabled flag and the SRP
// password verifier. Every multi-row change (user + aliases + memberships) is one transaction.
//
// Extension points for authentication: find() resolves a sign-in name (username, alias or username
// attribute) the way InitiateAuth does; setPassword()/checkPassword() keep only SRP salt + verifier;
// updateData() read-modify-writes the free-form per-user `data` document (MFA settings, etc.).

import type { Statement, Transaction } from "better-sqlite3";
import {
  AliasExistsException,
  InvalidParameterException,
  UserNotFoundException,
  UsernameExistsException,
} from "../errors.js";
import type { Db } from "../store/database.js";
import type { Clock } from "./clock.js";
import { newSub, toEpochSeconds } from "./ids.js";
import { decodePage, encodePage } from "./paging.js";
import type { PasswordsService, StoredPassword } from "./passwords.js";
import { isCaseSensitive, type Pool } from "./pools.js";

export type UserStatus =
  | "UNCONFIRMED"
  | "CONFIRMED"
  | "RESET_REQUIRED"
  | "FORCE_CHANGE_PASSWORD"
  | "EXTERNAL_PROVIDER"
  | "ARCHIVED"
  | "COMPROMISED"
  | "UNKNOWN";

export interface User {
  poolId: string;
  usernameKey: string;
  username: string;
  sub: string;
  status: UserStatus;
  enabled: boolean;
  /** Attribute name → value, sub included, in the order they were set. */
  attributes: Record<string, string>;
  password?: StoredPassword;
  /** Per-user state owned by other features (MFA preferences, ...). */
  data: Record<string, unknown>;
  created: number;
  modified: number;
}

/** What a listing returns: everything but the password verifier and the per-user data document. */
export type ListedUser = Omit<User, "password" | "data">;

interface UserRow {
  pool_id: string;
  username_key: string;
  username: string;
  sub: string;
  status: string;
  enabled: number;
  attributes: string;
  password: string | null;
  data: string;
  created: number;
  modified: number;
}

type ListedRow = Omit<UserRow, "password" | "data">;

/**
 * The columns a listing reads. Not `*`: the password verifier (~1 kB of hex per user) and the data
 * document are never part of UserType, and reading and parsing them was ~40% of a ListUsers page.
 */
const LISTED_COLUMNS = "pool_id, username_key, username, sub, status, enabled, attributes, created, modified";

const rowToListedUser = (r: ListedRow): ListedUser => ({
  poolId: r.pool_id,
  usernameKey: r.username_key,
  username: r.username,
  sub: r.sub,
  status: r.status as UserStatus,
  enabled: r.enabled === 1,
  attributes: JSON.parse(r.attributes),
  created: r.created,
  modified: r.modified,
});

const rowToUser = (r: UserRow): User => ({
  ...rowToListedUser(r),
  password: r.password ? JSON.parse(r.password) : undefined,
  data: JSON.parse(r.data),
});

export type AliasKind = "email" | "phone_number" | "preferred_username";

/** ListUsers Filter attributes (§9) → how they are read from a row. */
// A Map, not an object: the filter's attribute name comes from the request, and `constructor` or
// `toString` must not find something on Object.prototype (it would end up inside the SQL).
const FILTER_COLUMNS = new Map<string, string>([
  ["username", "username"],
  ["sub", "sub"],
  ["cognito:user_status", "status"],
  ["status", "CASE enabled WHEN 1 THEN 'Enabled' ELSE 'Disabled' END"],
]);
const FILTER_ATTRIBUTES = new Set([
  "email",
  "phone_number",
  "name",
  "given_name",
  "family_name",
  "preferred_username",
]);

export interface NewUser {
  username: string;
  attributes: Record<string, string>;
  status: UserStatus;
  enabled?: boolean;
  /** Plain password to turn into a verifier (never stored). */
  password?: string;
  temporaryPassword?: boolean;
  /** Moves verified aliases from another user instead of failing (ForceAliasCreation). */
  forceAliasCreation?: boolean;
  /** Last check on the final attribute set before anything is written. */
  check?: (attributes: Record<string, string>) => void;
}

export class UsersService {
  private readonly s;
  /** ListUsers statements by their SQL (one per filter shape): prepared once, not on every page. */
  private readonly listStatements = new Map<string, Statement>();
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly passwords: PasswordsService,
  ) {
    const cols =
      "pool_id, username_key, username, sub, status, enabled, attributes, password, data, created, modified";
    this.s = {
      insert: db.prepare(
        `INSERT INTO users (${cols}) VALUES (@pool_id, @username_key, @username, @sub, @status, @enabled, @attributes, @password, @data, @created, @modified)`,
      ),
      byKey: db.prepare(`SELECT ${cols} FROM users WHERE pool_id = ? AND username_key = ?`),
      bySub: db.prepare(`SELECT ${cols} FROM users WHERE pool_id = ? AND sub = ?`),
      byAlias: db
        .prepare("SELECT username_key FROM user_aliases WHERE pool_id = ? AND value_key = ? AND kind = ?")
        .pluck(),
      update: db.prepare(
        "UPDATE users SET status = @status, enabled = @enabled, attributes = @attributes, password = @password, data = @data, modified = @modified WHERE pool_id = @pool_id AND username_key = @username_key",
      ),
      delete: db.prepare("DELETE FROM users WHERE pool_id = ? AND username_key = ?"),
      aliasesOf: db.prepare("DELETE FROM user_aliases WHERE pool_id = ? AND username_key = ?"),
      aliasOwner: db
        .prepare("SELECT username_key FROM user_aliases WHERE pool_id = ? AND kind = ? AND value_key = ?")
        .pluck(),
      aliasDelete: db.prepare("DELETE FROM user_aliases WHERE pool_id = ? AND kind = ? AND value_key = ?"),
      aliasInsert: db.prepare(
        "INSERT INTO user_aliases (pool_id, kind, value_key, username_key) VALUES (?, ?, ?, ?)",
      ),
      exists: db.prepare("SELECT 1 FROM users WHERE pool_id = ? AND username_key = ?").pluck(),
    };
  }

  /** The key a username is stored under in this pool (lower-cased when case-insensitive). */
  key(pool: Pool, username: string): string {
    return isCaseSensitive(pool) ? username : username.toLowerCase();
  }

  /**
   * Finds a user by what a caller passes as Username: the username itself, or (in pools with alias or
   * username attributes) an email / phone number / preferred username, or the sub.
   */
  find(pool: Pool, name: string): User | undefined {
    const row = this.s.byKey.get(pool.id, this.key(pool, name)) as UserRow | undefined;
    if (row) return rowToUser(row);
    for (const kind of aliasKinds(pool)) {
      const key = this.s.byAlias.get(pool.id, aliasKey(pool, kind, name), kind) as string | undefined;
      if (key) return rowToUser(this.s.byKey.get(pool.id, key) as UserRow);
    }
    if (pool.data.UsernameAttributes?.length) {
      const bySub = this.s.bySub.get(pool.id, name) as UserRow | undefined;
      if (bySub) return rowToUser(bySub);
    }
    return undefined;
  }

  /** The user stored under this username key (memberships refer to users by key). */
  byKey(pool: Pool, key: string): User | undefined {
    const row = this.s.byKey.get(pool.id, key) as UserRow | undefined;
    return row ? rowToUser(row) : undefined;
  }

  /** The user or UserNotFoundException ("User does not exist."). */
  get(pool: Pool, name: string): User {
    const user = this.find(pool, name);
    if (!user) throw new UserNotFoundException("User does not exist.");
    return user;
  }

  create(pool: Pool, input: NewUser): User {
    const now = this.clock().getTime();
    const sub = newSub();
    let username = input.username;
    const attributes: Record<string, string> = { sub };
    const usernameAttrs = pool.data.UsernameAttributes ?? [];
    if (usernameAttrs.length) {
      // Pools that sign in with email/phone: the given name must be one, and the real username is the sub.
      const kind = looksLikeEmail(username) ? "email" : looksLikePhone(username) ? "phone_number" : undefined;
      if (!kind || !usernameAttrs.includes(kind)) {
        throw new InvalidParameterException(
          `Username should be ${usernameAttrs.map((a) => (a === "email" ? "an email" : "a phone number")).join(" or ")}.`,
        );
      }
      if (input.attributes[kind] === undefined) attributes[kind] = username;
      username = sub;
    } else if (pool.data.AliasAttributes?.includes("email") && looksLikeEmail(username)) {
      throw new InvalidParameterException(
        "Username cannot be of email format, since user pool is configured for email alias.",
      );
    } else if (pool.data.AliasAttributes?.includes("phone_number") && looksLikePhone(username)) {
      throw new InvalidParameterException(
        "Username cannot be of phone number format, since user pool is configured for phone_number alias.",
      );
    }
    for (const [k, v] of Object.entries(input.attributes)) if (k !== "sub") attributes[k] = v;
    input.check?.(attributes);
    const user: User = {
      poolId: pool.id,
      usernameKey: this.key(pool, username),
      username,
      sub,
      status: input.status,
      enabled: input.enabled ?? true,
      attributes,
      password:
        input.password !== undefined
          ? this.passwords.create(pool, username, input.password, input.temporaryPassword ?? false, now)
          : undefined,
      data: {},
      created: now,
      modified: now,
    };
    if (this.db.inTransaction && aliasKinds(pool).length === 0) {
      // Inside a caller's transaction (an import job's chunk) and no alias to keep: the user is one
      // INSERT, atomic by itself, so it needs no savepoint of its own (two statements fewer a row).
      this.insertUserRow(user);
    } else {
      this.insertUser.immediate(pool, user, input.forceAliasCreation ?? false);
    }
    return user;
  }

  private insertUserRow(user: User): void {
    if (this.s.exists.get(user.poolId, user.usernameKey)) {
      throw new UsernameExistsException("User account already exists");
    }
    this.s.insert.run(toRow(user));
  }

  /** Made once, not per user: an import job creates users by the hundred thousand. */
  private get insertUser() {
    this.insertUserTx ??= this.db.transaction((pool: Pool, user: User, force: boolean) => {
      this.insertUserRow(user);
      this.syncAliases(pool, user, force, true);
    });
    return this.insertUserTx;
  }
  private insertUserTx?: Transaction<(pool: Pool, user: User, force: boolean) => void>;

  /** Sets and removes attributes, then re-checks alias uniqueness, in one transaction. */
  updateAttributes(
    pool: Pool,
    user: User,
    set: Record<string, string>,
    remove: string[] = [],
    force = false,
  ): User {
    const tx = this.db.transaction(() => {
      const fresh = this.get(pool, user.username);
      for (const [k, v] of Object.entries(set)) fresh.attributes[k] = v;
      for (const k of remove) delete fresh.attributes[k];
      fresh.modified = this.clock().getTime();
      this.s.update.run(toRow(fresh));
      this.syncAliases(pool, fresh, force);
      return fresh;
    });
    return tx.immediate();
  }

  /** Read-modify-write of status/enabled/password/data (for status transitions and auth features). */
  modify(pool: Pool, user: User, change: (u: User) => void): User {
    const tx = this.db.transaction(() => {
      const fresh = this.get(pool, user.username);
      change(fresh);
      fresh.modified = this.clock().getTime();
      this.s.update.run(toRow(fresh));
      return fresh;
    });
    return tx.immediate();
  }

  /** Stores a new SRP verifier for password (plain text is never stored) and sets the status. */
  setPassword(pool: Pool, user: User, password: string, temporary: boolean, status: UserStatus): User {
    const stored = this.passwords.create(pool, user.username, password, temporary, this.clock().getTime());
    return this.modify(pool, user, (u) => {
      u.password = stored;
      u.status = status;
    });
  }

  checkPassword(pool: Pool, user: User, password: string): boolean {
    return user.password !== undefined && this.passwords.check(pool, user.username, password, user.password);
  }

  delete(pool: Pool, user: User): void {
    this.s.delete.run(pool.id, user.usernameKey);
  }

  /** ListUsers: Filter grammar of §9, keyset pagination on the username key. */
  list(
    pool: Pool,
    opts: { filter?: string; limit: number; token?: string },
  ): { users: ListedUser[]; token?: string } {
    // A seek on the primary key (pool_id, username_key) from the token's key: each page costs the
    // same wherever it is in the pool, so a whole walk stays linear (no OFFSET scan).
    const where = ["pool_id = ?", "username_key > ?"];
    const params: unknown[] = [pool.id, opts.token ? decodePage(opts.token) : ""];
    if (opts.filter?.trim()) {
      const f = parseFilter(opts.filter);
      let expr = FILTER_COLUMNS.get(f.attribute);
      if (expr === undefined) {
        expr = "json_extract(attributes, ?)";
        params.push(`$."${f.attribute}"`);
      }
      let value = f.value;
      if (f.attribute === "cognito:user_status") {
        // Documented as case-insensitive.
        expr = `upper(${expr})`;
        value = value.toUpperCase();
      }
      if (f.op === "=") {
        where.push(`${expr} = ?`);
        params.push(value);
      } else {
        where.push(`substr(${expr}, 1, ?) = ?`);
        // substr counts characters, so pass the prefix length in characters.
        params.push([...value].length, value);
      }
    }
    params.push(opts.limit + 1);
    const sql = `SELECT ${LISTED_COLUMNS} FROM users WHERE ${where.join(" AND ")} ORDER BY username_key LIMIT ?`;
    let statement = this.listStatements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.listStatements.set(sql, statement);
    }
    const rows = statement.all(...params) as ListedRow[];
    const users = rows.slice(0, opts.limit).map(rowToListedUser);
    return {
      users,
      token:
        rows.length > opts.limit && users.length
          ? encodePage(users[users.length - 1].usernameKey)
          : undefined,
    };
  }

  /**
   * Keeps user_aliases in step with the user's attributes; enforces uniqueness. A user just inserted
   * (fresh) has no aliases to clear: those of a deleted user went with it (ON DELETE CASCADE).
   */
  private syncAliases(pool: Pool, user: User, force: boolean, fresh = false): void {
    if (!fresh) this.s.aliasesOf.run(pool.id, user.usernameKey);
    const usernameAttrs: string[] = pool.data.UsernameAttributes ?? [];
    for (const kind of aliasKinds(pool)) {
      const value = user.attributes[kind];
      if (!value) continue;
      const isUsernameAttr = usernameAttrs.includes(kind);
      // An alias signs in only once verified; preferred_username needs no verification.
      const active =
        isUsernameAttr || kind === "preferred_username" || user.attributes[`${kind}_verified`] === "true";
      if (!active) continue;
      const key = aliasKey(pool, kind, value);
      const owner = this.s.aliasOwner.get(pool.id, kind, key) as string | undefined;
      if (owner && owner !== user.usernameKey) {
        const message = `An account with the given ${kind} already exists.`;
        if (isUsernameAttr) throw new UsernameExistsException(message);
        if (!force || kind === "preferred_username") throw new AliasExistsException(message);
        this.s.aliasDelete.run(pool.id, kind, key);
      }
      this.s.aliasInsert.run(pool.id, kind, key, user.usernameKey);
    }
  }

  /** UserType (ListUsers, AdminCreateUser): `Attributes`, optionally only some. */
  toUserType(user: ListedUser, attributesToGet?: string[]): Record<string, unknown> {
    return {
      Username: user.username,
      Attributes: attributeList(user, attributesToGet),
      UserCreateDate: toEpochSeconds(user.created),
      UserLastModifiedDate: toEpochSeconds(user.modified),
      Enabled: user.enabled,
      UserStatus: user.status,
    };
  }

  /** AdminGetUser's shape: `UserAttributes`. */
  toAdminGetUser(user: User): Record<string, unknown> {
    return {
      Username: user.username,
      UserAttributes: attributeList(user),
      UserCreateDate: toEpochSeconds(user.created),
      UserLastModifiedDate: toEpochSeconds(user.modified),
      Enabled: user.enabled,
      UserStatus: user.status,
    };
  }
}

function attributeList(user: ListedUser, only?: string[]): { Name: string; Value: string }[] {
  const names = only ? only.filter((n) => user.attributes[n] !== undefined) : Object.keys(user.attributes);
  return names.map((n) => ({ Name: n, Value: user.attributes[n] }));
}

function toRow(u: User) {
  return {
    pool_id: u.poolId,
    username_key: u.usernameKey,
    username: u.username,
    sub: u.sub,
    status: u.status,
    enabled: u.enabled ? 1 : 0,
    attributes: JSON.stringify(u.attributes),
    password: u.password ? JSON.stringify(u.password) : null,
    data: JSON.stringify(u.data),
    created: u.created,
    modified: u.modified,
  };
}

export function aliasKinds(pool: Pool): AliasKind[] {
  return (pool.data.UsernameAttributes ?? pool.data.AliasAttributes ?? []) as AliasKind[];
}

function aliasKey(pool: Pool, kind: AliasKind, value: string): string {
  return kind === "email" || !isCaseSensitive(pool) ? value.toLowerCase() : value;
}

const looksLikeEmail = (s: string) => /^[^\s@]+@[^\s@]+$/.test(s);
const looksLikePhone = (s: string) => /^\+[0-9]{4,15}$/.test(s);

export interface ParsedFilter {
  attribute: string;
  op: "=" | "^=";
  value: string;
}

/** `attribute op "value"`: one attribute, `=` or `^=`, double-quoted value with `\"` escapes. */
export function parseFilter(filter: string): ParsedFilter {
  const m = /^\s*([A-Za-z_:]+)\s*(\^?=)\s*"((?:[^"\\]|\\.)*)"\s*$/.exec(filter);
  if (!m) throw new InvalidParameterException("Error while parsing filter.");
  const attribute = m[1];
  if (!FILTER_COLUMNS.has(attribute) && !FILTER_ATTRIBUTES.has(attribute)) {
    throw new InvalidParameterException(`Invalid search attribute: ${attribute}`);
  }
  return { attribute, op: m[2] as "=" | "^=", value: m[3].replace(/\\(.)/g, "$1") };
}
