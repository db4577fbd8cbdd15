// The signed-in user behind an AccessToken, for the operations a user calls on their own account
// (GetUser, ChangePassword, devices, MFA preferences ...). Checks signature, expiry, revocation,
// scope, and that the user still exists and is enabled.
import { NotAuthorizedException } from "../errors.js";
import type { LocalServices } from "../services/index.js";
import type { Pool } from "../services/pools.js";
import { type AccessClaims, TokensService } from "../services/tokens.js";
import type { User } from "../services/users.js";

export const ADMIN_SCOPE = "aws.cognito.signin.user.admin";

export interface SignedIn {
  pool: Pool;
  user: User;
  claims: AccessClaims;
}

export async function signedInUser(
  services: LocalServices,
  accessToken: string | undefined,
): Promise<SignedIn> {
  if (!accessToken) throw new NotAuthorizedException("Invalid Access Token");
  const claims = await services.tokens.verifyAccess(accessToken);
  if (!claims.scope.split(" ").includes(ADMIN_SCOPE)) {
    throw new NotAuthorizedException("Access Token does not have required scopes");
  }
  const pool = services.pools.find(claims.poolId);
  if (!pool) throw new NotAuthorizedException("Invalid Access Token");
  const user = services.users.find(pool, claims.username);
  if (!user || user.sub !== claims.sub || TokensService.revokedByUser(user, claims.signedInAt)) {
    throw new NotAuthorizedException("Access Token has been revoked");
  }
  if (!user.enabled) throw new NotAuthorizedException("User is disabled.");
  return { pool, user, claims };
}
