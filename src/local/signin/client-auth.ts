// Who may use which sign-in flow: the app client (ClientId, and its pool for Admin* calls), the
// client's ExplicitAuthFlows, and SECRET_HASH for clients with a secret (COGNITO-FACTS §2, §5).
import { timingSafeEqual } from "node:crypto";
import { secretHash } from "../../cognito/crypto/index.js";
import { InvalidParameterException, NotAuthorizedException, ResourceNotFoundException } from "../errors.js";
import { type ClientData, ClientsService } from "../services/clients.js";
import type { LocalServices } from "../services/index.js";
import type { Pool } from "../services/pools.js";

export interface ClientAndPool {
  client: ClientData;
  pool: Pool;
}

/** The client by id (and, for Admin* operations, checked to belong to poolId). */
export function clientAndPool(services: LocalServices, clientId: string, poolId?: string): ClientAndPool {
  const client = services.clients.find(clientId);
  if (!client || (poolId !== undefined && client.UserPoolId !== poolId)) {
    if (poolId !== undefined) services.pools.get(poolId); // an unknown pool is reported as such first
    throw new ResourceNotFoundException(`User pool client ${clientId} does not exist.`);
  }
  const pool = services.pools.get(client.UserPoolId as string);
  // A client may have a second secret (AddUserPoolClientSecret): checkSecretHash accepts any of them.
  if (client.ClientSecret) secretsOf.set(client, services.clientSecrets.values(client));
  return { client, pool };
}

/** Every secret of a client returned by clientAndPool (the client's ClientSecret alone otherwise). */
const secretsOf = new WeakMap<ClientData, string[]>();

/** The ALLOW_ flag (and legacy names) that enables each AuthFlow. */
const FLOW_FLAGS: Record<string, string[]> = {
  USER_SRP_AUTH: ["ALLOW_USER_SRP_AUTH"],
  USER_PASSWORD_AUTH: ["ALLOW_USER_PASSWORD_AUTH", "USER_PASSWORD_AUTH"],
  ADMIN_USER_PASSWORD_AUTH: ["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH"],
  ADMIN_NO_SRP_AUTH: ["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH"],
  REFRESH_TOKEN_AUTH: ["ALLOW_REFRESH_TOKEN_AUTH"],
  REFRESH_TOKEN: ["ALLOW_REFRESH_TOKEN_AUTH"],
  CUSTOM_AUTH: ["ALLOW_CUSTOM_AUTH", "CUSTOM_AUTH_FLOW_ONLY"],
  USER_AUTH: ["ALLOW_USER_AUTH"],
};

/** Throws InvalidParameterException when the client does not allow this flow. */
export function checkFlowAllowed(client: ClientData, flow: string): void {
  const flows = ClientsService.authFlows(client);
  const legacy = !flows.some((f) => f.startsWith("ALLOW_"));
  let allowed = (FLOW_FLAGS[flow] ?? []).some((f) => flows.includes(f));
  if (legacy) {
    // Legacy lists allowed SRP and refresh implicitly (SRP unless the client is custom-auth only).
    if (flow === "USER_SRP_AUTH") allowed = !flows.includes("CUSTOM_AUTH_FLOW_ONLY");
    if (flow === "REFRESH_TOKEN_AUTH" || flow === "REFRESH_TOKEN" || flow === "CUSTOM_AUTH") allowed = true;
  }
  if (!allowed) throw new InvalidParameterException(`${flow} flow not enabled for this client`);
}

/** True when `given` is one of the client's secrets (RevokeToken and GetTokensFromRefreshToken send it raw). */
export function clientSecretMatches(
  services: LocalServices,
  client: ClientData,
  given: string | undefined,
): boolean {
  const got = Buffer.from(given ?? "");
  return services.clientSecrets.values(client).some((secret) => {
    const want = Buffer.from(secret);
    return want.length === got.length && timingSafeEqual(want, got);
  });
}

/**
 * SECRET_HASH for clients with a secret. `names` are the user names the hash may have been computed
 * with (what the caller typed, the real username, the sub): clients differ in which they use.
 */
export function checkSecretHash(
  client: ClientData,
  names: (string | undefined)[],
  given: string | undefined,
): void {
  if (!client.ClientSecret) return;
  if (!given) {
    throw new NotAuthorizedException(
      `Client ${client.ClientId} is configured with secret but SECRET_HASH was not received`,
    );
  }
  const got = Buffer.from(given);
  for (const secret of secretsOf.get(client) ?? [client.ClientSecret]) {
    for (const name of new Set(names)) {
      if (!name) continue;
      const want = Buffer.from(secretHash(name, client.ClientId as string, secret));
      if (want.length === got.length && timingSafeEqual(want, got)) return;
    }
  }
  throw new NotAuthorizedException(`Unable to verify secret hash for client ${client.ClientId}`);
}
