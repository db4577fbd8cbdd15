// Small per-pool documents with no relations of their own — identity providers, resource servers,
// UI customisations, risk configurations, log delivery, MFA configuration, signing certificate —
// kept in one table keyed by (pool, kind, key).
import type { Db } from "../store/database.js";
import type { Clock } from "./clock.js";
import { decodePage, encodePage } from "./paging.js";

export type ResourceKind =
  | "identity-provider"
  | "resource-server"
  | "ui-customization"
  | "risk-configuration"
  | "log-delivery"
  | "mfa-config"
  | "signing-certificate"
  // The pool domain's OAuth 2.0 state (oauth-grants.ts): authorization codes, managed-login
  // sessions and the scopes of each code-flow refresh token, all keyed by a SHA-256 of the secret.
  | "oauth-code"
  | "oauth-login"
  | "oauth-grant";

export interface Stored<T> {
  key: string;
  data: T;
  created: number;
}

export class ResourcesService {
  private readonly s;
  constructor(
    db: Db,
    private readonly clock: Clock,
  ) {
    this.s = {
      get: db.prepare(
        "SELECT key, data, created FROM pool_resources WHERE pool_id = ? AND kind = ? AND key = ?",
      ),
      insert: db.prepare(
        "INSERT INTO pool_resources (pool_id, kind, key, data, created) VALUES (?, ?, ?, ?, ?)",
      ),
      upsert: db.prepare(
        "INSERT INTO pool_resources (pool_id, kind, key, data, created) VALUES (?, ?, ?, ?, ?) ON CONFLICT (pool_id, kind, key) DO UPDATE SET data = excluded.data",
      ),
      delete: db.prepare("DELETE FROM pool_resources WHERE pool_id = ? AND kind = ? AND key = ?"),
      page: db.prepare(
        "SELECT key, data, created FROM pool_resources WHERE pool_id = ? AND kind = ? AND key > ? ORDER BY key LIMIT ?",
      ),
      all: db.prepare(
        "SELECT key, data, created FROM pool_resources WHERE pool_id = ? AND kind = ? ORDER BY key",
      ),
    };
  }

  get<T>(poolId: string, kind: ResourceKind, key: string): Stored<T> | undefined {
    const row = this.s.get.get(poolId, kind, key) as
      | { key: string; data: string; created: number }
      | undefined;
    return row ? { key: row.key, data: JSON.parse(row.data), created: row.created } : undefined;
  }

  /** Inserts; returns false when the key is taken. */
  insert<T>(poolId: string, kind: ResourceKind, key: string, data: T): boolean {
    try {
      this.s.insert.run(poolId, kind, key, JSON.stringify(data), this.clock().getTime());
      return true;
    } catch (err) {
      if ((err as { code?: string }).code === "SQLITE_CONSTRAINT_PRIMARYKEY") return false;
      throw err;
    }
  }

  put<T>(poolId: string, kind: ResourceKind, key: string, data: T): void {
    this.s.upsert.run(poolId, kind, key, JSON.stringify(data), this.clock().getTime());
  }

  delete(poolId: string, kind: ResourceKind, key: string): boolean {
    return this.s.delete.run(poolId, kind, key).changes > 0;
  }

  list<T>(
    poolId: string,
    kind: ResourceKind,
    limit: number,
    token?: string,
  ): { items: Stored<T>[]; token?: string } {
    const rows = this.s.page.all(poolId, kind, token ? decodePage(token) : "", limit + 1) as {
      key: string;
      data: string;
      created: number;
    }[];
    const items = rows
      .slice(0, limit)
      .map((r) => ({ key: r.key, data: JSON.parse(r.data) as T, created: r.created }));
    return { items, token: rows.length > limit ? encodePage(items[items.length - 1].key) : undefined };
  }

  all<T>(poolId: string, kind: ResourceKind): Stored<T>[] {
    return (this.s.all.all(poolId, kind) as { key: string; data: string; created: number }[]).map((r) => ({
      key: r.key,
      data: JSON.parse(r.data) as T,
      created: r.created,
    }));
  }
}
