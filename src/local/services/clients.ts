// App clients: secrets, auth flows, OAuth settings and token validity, checked as the service does.
import type {
  CreateUserPoolClientRequest,
  UserPoolClientType,
} from "@aws-sdk/client-cognito-identity-provider";
import {
  InvalidParameterException,
  ResourceNotFoundException,
  ScopeDoesNotExistException,
} from "../errors.js";
import type { Db } from "../store/database.js";
import type { Clock } from "./clock.js";
import { newClientId, newClientSecret, toEpochSeconds } from "./ids.js";
import { decodePage, encodePage } from "./paging.js";
import type { Pool } from "./pools.js";

/** Stored client document: UserPoolClientType with dates as epoch ms. */
export type ClientData = Omit<UserPoolClientType, "CreationDate" | "LastModifiedDate"> & {
  Created: number;
  LastModified: number;
};

/** Settable members (CreateUserPoolClient minus GenerateSecret/UserPoolId, UpdateUserPoolClient minus ids). */
export type ClientSettings = Omit<CreateUserPoolClientRequest, "GenerateSecret" | "UserPoolId">;

const LEGACY_FLOWS = new Set(["ADMIN_NO_SRP_AUTH", "CUSTOM_AUTH_FLOW_ONLY", "USER_PASSWORD_AUTH"]);
/** What the service allows when ExplicitAuthFlows is not given. */
export const DEFAULT_AUTH_FLOWS = ["ALLOW_CUSTOM_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"];
const STANDARD_SCOPES = new Set(["phone", "email", "openid", "profile", "aws.cognito.signin.user.admin"]);

const UNIT_SECONDS: Record<string, number> = { seconds: 1, minutes: 60, hours: 3600, days: 86400 };

export class ClientsService {
  private readonly stmts;
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {
    this.stmts = {
      insert: db.prepare(
        "INSERT INTO user_pool_clients (client_id, pool_id, name, data, created) VALUES (?, ?, ?, ?, ?)",
      ),
      get: db.prepare("SELECT data FROM user_pool_clients WHERE client_id = ?").pluck(),
      update: db.prepare("UPDATE user_pool_clients SET name = ?, data = ? WHERE client_id = ?"),
      delete: db.prepare("DELETE FROM user_pool_clients WHERE client_id = ?"),
      page: db.prepare(
        "SELECT client_id, data FROM user_pool_clients WHERE pool_id = ? AND client_id > ? ORDER BY client_id LIMIT ?",
      ),
      scopes: db
        .prepare("SELECT data FROM pool_resources WHERE pool_id = ? AND kind = 'resource-server'")
        .pluck(),
      providers: db
        .prepare("SELECT key FROM pool_resources WHERE pool_id = ? AND kind = 'identity-provider'")
        .pluck(),
    };
  }

  create(pool: Pool, input: CreateUserPoolClientRequest): ClientData {
    const now = this.clock().getTime();
    const { GenerateSecret, UserPoolId: _ignored, ...settings } = input;
    const data: ClientData = {
      UserPoolId: pool.id,
      ClientId: newClientId(),
      ...(GenerateSecret ? { ClientSecret: newClientSecret() } : {}),
      ...this.normalise(pool, settings),
      Created: now,
      LastModified: now,
    };
    this.stmts.insert.run(data.ClientId, pool.id, data.ClientName, JSON.stringify(data), now);
    return data;
  }

  /** The client by id alone (auth operations know only the ClientId). */
  find(clientId: string): ClientData | undefined {
    const raw = this.stmts.get.get(clientId) as string | undefined;
    return raw ? JSON.parse(raw) : undefined;
  }

  /** The client of this pool, or ResourceNotFoundException as the service words it. */
  get(poolId: string, clientId: string): ClientData {
    const client = this.find(clientId);
    if (!client || client.UserPoolId !== poolId) {
      throw new ResourceNotFoundException(`User pool client ${clientId} does not exist.`);
    }
    return client;
  }

  /** UpdateUserPoolClient replaces every settable member: omitted ones go back to their defaults. */
  update(pool: Pool, clientId: string, settings: ClientSettings): ClientData {
    const tx = this.db.transaction(() => {
      const old = this.get(pool.id, clientId);
      const data: ClientData = {
        UserPoolId: pool.id,
        ClientId: old.ClientId,
        ...(old.ClientSecret ? { ClientSecret: old.ClientSecret } : {}),
        ...this.normalise(pool, settings),
        Created: old.Created,
        LastModified: this.clock().getTime(),
      };
      this.stmts.update.run(data.ClientName, JSON.stringify(data), clientId);
      return data;
    });
    return tx.immediate();
  }

  delete(poolId: string, clientId: string): void {
    this.get(poolId, clientId);
    this.stmts.delete.run(clientId);
  }

  list(poolId: string, max: number, nextToken?: string): { clients: ClientData[]; nextToken?: string } {
    const after = nextToken ? decodePage(nextToken) : "";
    const rows = this.stmts.page.all(poolId, after, max + 1) as { client_id: string; data: string }[];
    const clients = rows.slice(0, max).map((r) => JSON.parse(r.data) as ClientData);
    return {
      clients,
      nextToken: rows.length > max ? encodePage(clients[clients.length - 1].ClientId as string) : undefined,
    };
  }

  /** UserPoolClientType on the wire (dates as epoch seconds). */
  describe(c: ClientData): Record<string, unknown> {
    const { Created, LastModified, ...rest } = c;
    return { ...rest, LastModifiedDate: toEpochSeconds(LastModified), CreationDate: toEpochSeconds(Created) };
  }

  /** The auth flows this client allows, with the service's default when none were set. */
  static authFlows(c: ClientData): string[] {
    return c.ExplicitAuthFlows?.length ? c.ExplicitAuthFlows : DEFAULT_AUTH_FLOWS;
  }

  private normalise(
    pool: Pool,
    s: ClientSettings,
  ): Omit<ClientData, "Created" | "LastModified" | "ClientId"> {
    const flows = s.ExplicitAuthFlows;
    if (flows?.some((f) => LEGACY_FLOWS.has(f)) && flows.some((f) => f.startsWith("ALLOW_"))) {
      throw new InvalidParameterException(
        "ExplicitAuthFlows cannot mix legacy values (ADMIN_NO_SRP_AUTH, CUSTOM_AUTH_FLOW_ONLY, USER_PASSWORD_AUTH) with ALLOW_ values.",
      );
    }
    const units = {
      AccessToken: s.TokenValidityUnits?.AccessToken ?? "hours",
      IdToken: s.TokenValidityUnits?.IdToken ?? "hours",
      RefreshToken: s.TokenValidityUnits?.RefreshToken ?? "days",
    };
    checkValidity("AccessToken", s.AccessTokenValidity, units.AccessToken, 300, 86400);
    checkValidity("IdToken", s.IdTokenValidity, units.IdToken, 300, 86400);
    checkValidity("RefreshToken", s.RefreshTokenValidity, units.RefreshToken, 3600, 315360000);
    if (s.AccessTokenValidity !== undefined && s.RefreshTokenValidity !== undefined) {
      const access = s.AccessTokenValidity * UNIT_SECONDS[units.AccessToken];
      const refresh = s.RefreshTokenValidity * UNIT_SECONDS[units.RefreshToken];
      if (refresh <= access) {
        throw new InvalidParameterException(
          "Refresh token validity must be greater than access token validity.",
        );
      }
    }
    this.checkAttributes(pool, s.ReadAttributes, "read");
    this.checkAttributes(pool, s.WriteAttributes, "write");
    this.checkOAuth(pool, s);
    const providers = new Set(["COGNITO", ...(this.stmts.providers.all(pool.id) as string[])]);
    for (const p of s.SupportedIdentityProviders ?? []) {
      if (!providers.has(p)) {
        throw new InvalidParameterException(`The provider ${p} does not exist for User Pool ${pool.id}`);
      }
    }
    const out: Omit<ClientData, "Created" | "LastModified" | "ClientId"> = {
      UserPoolId: pool.id,
      ClientName: s.ClientName,
      RefreshTokenValidity: s.RefreshTokenValidity ?? 30,
      ...(s.AccessTokenValidity !== undefined ? { AccessTokenValidity: s.AccessTokenValidity } : {}),
      ...(s.IdTokenValidity !== undefined ? { IdTokenValidity: s.IdTokenValidity } : {}),
      TokenValidityUnits: units,
      ...(s.ReadAttributes ? { ReadAttributes: s.ReadAttributes } : {}),
      ...(s.WriteAttributes ? { WriteAttributes: s.WriteAttributes } : {}),
      ...(flows ? { ExplicitAuthFlows: flows } : {}),
      ...(s.SupportedIdentityProviders ? { SupportedIdentityProviders: s.SupportedIdentityProviders } : {}),
      ...(s.CallbackURLs ? { CallbackURLs: s.CallbackURLs } : {}),
      ...(s.LogoutURLs ? { LogoutURLs: s.LogoutURLs } : {}),
      ...(s.DefaultRedirectURI ? { DefaultRedirectURI: s.DefaultRedirectURI } : {}),
      ...(s.AllowedOAuthFlows ? { AllowedOAuthFlows: s.AllowedOAuthFlows } : {}),
      ...(s.AllowedOAuthScopes ? { AllowedOAuthScopes: s.AllowedOAuthScopes } : {}),
      AllowedOAuthFlowsUserPoolClient: s.AllowedOAuthFlowsUserPoolClient ?? false,
      ...(s.AnalyticsConfiguration ? { AnalyticsConfiguration: s.AnalyticsConfiguration } : {}),
      PreventUserExistenceErrors: s.PreventUserExistenceErrors ?? "LEGACY",
      EnableTokenRevocation: s.EnableTokenRevocation ?? true,
      EnablePropagateAdditionalUserContextData: s.EnablePropagateAdditionalUserContextData ?? false,
      AuthSessionValidity: s.AuthSessionValidity ?? 3,
      ...(s.RefreshTokenRotation ? { RefreshTokenRotation: s.RefreshTokenRotation } : {}),
    };
    return out;
  }

  private checkAttributes(pool: Pool, names: string[] | undefined, kind: "read" | "write"): void {
    if (!names) return;
    const known = new Set(
      (pool.data.SchemaAttributes ?? []).map((a) => (a.Name as string).replace(/^dev:/, "")),
    );
    for (const n of names) {
      if (!known.has(n) || (kind === "write" && n === "sub")) {
        throw new InvalidParameterException(`Invalid ${kind} attributes specified while creating a client`);
      }
    }
  }

  private checkOAuth(pool: Pool, s: ClientSettings): void {
    const flows = s.AllowedOAuthFlows ?? [];
    if (flows.includes("client_credentials") && (flows.includes("code") || flows.includes("implicit"))) {
      throw new InvalidParameterException(
        "client_credentials flow can not be selected along with code flow or implicit flow.",
      );
    }
    if (s.AllowedOAuthFlowsUserPoolClient && flows.length === 0) {
      throw new InvalidParameterException(
        "AllowedOAuthFlows are required when AllowedOAuthFlowsUserPoolClient is true.",
      );
    }
    if (
      s.AllowedOAuthFlowsUserPoolClient &&
      (flows.includes("code") || flows.includes("implicit")) &&
      !s.CallbackURLs?.length
    ) {
      throw new InvalidParameterException(
        "CallbackURLs are required when the code or implicit flow is allowed.",
      );
    }
    for (const url of [...(s.CallbackURLs ?? []), ...(s.LogoutURLs ?? [])]) checkRedirectUrl(url);
    if (s.DefaultRedirectURI && !(s.CallbackURLs ?? []).includes(s.DefaultRedirectURI)) {
      throw new InvalidParameterException("DefaultRedirectURI must be one of the CallbackURLs.");
    }
    const custom = new Set<string>();
    for (const raw of this.stmts.scopes.all(pool.id) as string[]) {
      const rs = JSON.parse(raw) as { Identifier: string; Scopes?: { ScopeName: string }[] };
      for (const sc of rs.Scopes ?? []) custom.add(`${rs.Identifier}/${sc.ScopeName}`);
    }
    for (const scope of s.AllowedOAuthScopes ?? []) {
      if (!STANDARD_SCOPES.has(scope) && !custom.has(scope)) {
        throw new ScopeDoesNotExistException(`Invalid scope requested: ${scope}`);
      }
    }
    if (
      flows.includes("client_credentials") &&
      (s.AllowedOAuthScopes ?? []).some((sc) => STANDARD_SCOPES.has(sc))
    ) {
      throw new InvalidParameterException("client_credentials flow can only be used with custom scopes.");
    }
  }
}

function checkValidity(
  name: string,
  value: number | undefined,
  unit: string,
  minSec: number,
  maxSec: number,
): void {
  if (value === undefined) return;
  const seconds = value * UNIT_SECONDS[unit];
  if (seconds < minSec || seconds > maxSec) {
    throw new InvalidParameterException(
      `Invalid range for token validity: ${name} validity ${value} ${unit} is out of range.`,
    );
  }
}

/** The service requires https, except for http://localhost during development. */
function checkRedirectUrl(url: string): void {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new InvalidParameterException(`Invalid URL: ${url}`);
  }
  if (u.hash) throw new InvalidParameterException(`The URL ${url} must not contain a fragment.`);
  if (u.protocol === "http:" && u.hostname !== "localhost") {
    throw new InvalidParameterException(`Invalid http URL ${url}: http is allowed only for localhost.`);
  }
}
