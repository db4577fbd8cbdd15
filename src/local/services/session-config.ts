// Session configuration (Get/SetUserPoolSessionConfiguration, Get/SetUserPoolClientSessionConfiguration).
// One row per pool in `pool_session_config` and per app client in `client_session_config`; no row
// means the service's defaults (tracking DISABLED, 20 token sessions per user; SSO reuse 60 minutes).
// Deleting the pool or the client deletes its row. UserSessionTracking gates the user-session
// operations (user-sessions.ts); MaxPerUser and MaxValidityMinutes are stored only (see the docs).
import { FeatureUnavailableInTierException } from "../errors-extras.js";
import type { Db } from "../store/database.js";
import type { ClientData } from "./clients.js";
import type { Clock } from "./clock.js";
import type { Pool } from "./pools.js";

export interface PoolSessionConfig {
  UserSessionTracking: "ENABLED" | "DISABLED";
  TokenSession: { MaxPerUser: number };
}

export interface ClientSessionConfig {
  SSOSession: { MaxValidityMinutes: number };
}

export const DEFAULT_POOL_SESSION_CONFIG: PoolSessionConfig = {
  UserSessionTracking: "DISABLED",
  TokenSession: { MaxPerUser: 20 },
};
export const DEFAULT_CLIENT_SESSION_CONFIG: ClientSessionConfig = { SSOSession: { MaxValidityMinutes: 60 } };

export class SessionConfigService {
  private readonly s;
  constructor(
    db: Db,
    private readonly clock: Clock,
  ) {
    this.s = {
      pool: db.prepare("SELECT data FROM pool_session_config WHERE pool_id = ?").pluck(),
      setPool: db.prepare(
        "INSERT INTO pool_session_config (pool_id, data, modified) VALUES (?, ?, ?) ON CONFLICT(pool_id) DO UPDATE SET data = excluded.data, modified = excluded.modified",
      ),
      client: db.prepare("SELECT data FROM client_session_config WHERE client_id = ?").pluck(),
      setClient: db.prepare(
        "INSERT INTO client_session_config (client_id, pool_id, data, modified) VALUES (?, ?, ?, ?) ON CONFLICT(client_id) DO UPDATE SET data = excluded.data, modified = excluded.modified",
      ),
    };
  }

  forPool(poolId: string): PoolSessionConfig {
    const data = this.s.pool.get(poolId) as string | undefined;
    return data ? (JSON.parse(data) as PoolSessionConfig) : structuredClone(DEFAULT_POOL_SESSION_CONFIG);
  }

  trackingEnabled(poolId: string): boolean {
    return this.forPool(poolId).UserSessionTracking === "ENABLED";
  }

  /** Full replacement of the pool's settings; Essentials and Plus pools only, as the service. */
  setForPool(pool: Pool, config: PoolSessionConfig): PoolSessionConfig {
    requireTier(pool);
    const stored: PoolSessionConfig = {
      UserSessionTracking: config.UserSessionTracking,
      TokenSession: { MaxPerUser: config.TokenSession.MaxPerUser },
    };
    this.s.setPool.run(pool.id, JSON.stringify(stored), this.clock().getTime());
    return stored;
  }

  forClient(clientId: string): ClientSessionConfig {
    const data = this.s.client.get(clientId) as string | undefined;
    return data ? (JSON.parse(data) as ClientSessionConfig) : structuredClone(DEFAULT_CLIENT_SESSION_CONFIG);
  }

  /** Kept while the pool's tracking is off (dormant), as the service keeps it. */
  setForClient(pool: Pool, client: ClientData, config: ClientSessionConfig): ClientSessionConfig {
    requireTier(pool);
    const stored: ClientSessionConfig = {
      SSOSession: { MaxValidityMinutes: config.SSOSession.MaxValidityMinutes },
    };
    this.s.setClient.run(client.ClientId, pool.id, JSON.stringify(stored), this.clock().getTime());
    return stored;
  }
}

function requireTier(pool: Pool): void {
  const tier = pool.data.UserPoolTier ?? "ESSENTIALS";
  if (tier === "LITE") {
    throw new FeatureUnavailableInTierException(
      "Session management is not available in the Lite tier. Use the Essentials or Plus tier.",
    );
  }
}
