// The MFA_SETUP side of AssociateSoftwareToken / VerifySoftwareToken: the sign-in session they are
// called with, and its replacement (each call answers with a new Session, like the service).
import { NotAuthorizedException } from "../errors.js";
import type { LocalServices } from "../services/index.js";
import type { Pool } from "../services/pools.js";
import type { AuthSession, SessionData } from "../services/sessions.js";
import type { User } from "../services/users.js";
import { sessionMinutes } from "./next-step.js";
import { INVALID_SESSION } from "./respond.js";

export function setupSession(services: LocalServices, id: string) {
  const session = services.sessions.find(id);
  if (session?.data.challenge !== "MFA_SETUP" || !session.data.username) {
    throw new NotAuthorizedException(INVALID_SESSION);
  }
  if (services.sessions.isExpired(session)) {
    services.sessions.delete(session);
    throw new NotAuthorizedException("Invalid session for the user, session is expired.");
  }
  const pool: Pool = services.pools.get(session.poolId);
  const user: User | undefined = services.users.find(pool, session.data.username);
  if (!user) throw new NotAuthorizedException(INVALID_SESSION);
  const client = services.clients.find(session.clientId);
  const renew = (data: SessionData): AuthSession => {
    services.sessions.delete(session);
    return services.sessions.create(
      session.poolId,
      session.clientId,
      data,
      client ? sessionMinutes(client) : 3,
    );
  };
  return { session, pool, user, renew };
}
