// Auth sessions: the server-side state of a multi-step sign-in (SRP's secret b, which challenge is
// expected next, MFA codes sent, the device in use). The client holds only the opaque Session string
// (and, for SRP, the SECRET_BLOCK, which clients such as pycognito send back without a Session), so
// both are keys to the same row. A session lives for the client's AuthSessionValidity (3 minutes by
// default) and is replaced by a fresh one at every step, like the service's.
import { randomBytes } from "node:crypto";
import type { Db } from "../store/database.js";
import type { Clock } from "./clock.js";

export interface AuthSession<T = SessionData> {
  id: string;
  poolId: string;
  clientId: string;
  secretBlock?: string;
  data: T;
  expires: number;
}

/** What a sign-in carries from step to step (JSON in the store). */
export interface SessionData {
  /** The challenge the client must answer next. */
  challenge: string;
  /** Real username (never an alias). Undefined while the user is simulated (PreventUserExistenceErrors). */
  username?: string;
  /** The name the caller signed in with (for SECRET_HASH checks of later steps). */
  signInName: string;
  admin: boolean;
  flow: string;
  /** Steps already passed: PASSWORD, NEW_PASSWORD, MFA, DEVICE, CUSTOM. */
  passed: string[];
  deviceKey?: string;
  /** SRP server state (holds the secret exponent b). */
  srp?: { b: string; B: string; A: string; salt: string; verifier: string };
  /** SHA-256 of the code sent for SMS_MFA / EMAIL_OTP / SMS_OTP. */
  codeHash?: string;
  attempts?: number;
  /** TOTP secret between AssociateSoftwareToken and VerifySoftwareToken during MFA_SETUP. */
  pendingTotpSecret?: string;
  /** CUSTOM_AUTH: the session list the Define Auth Challenge trigger sees, and the private challenge. */
  custom?: {
    history: unknown[];
    privateParameters?: Record<string, string>;
    publicParameters?: Record<string, string>;
  };
  clientMetadata?: Record<string, string>;
  [key: string]: unknown;
}

interface Row {
  id: string;
  secret_block: string | null;
  pool_id: string;
  client_id: string;
  data: string;
  expires: number;
}

const toSession = (r: Row): AuthSession => ({
  id: r.id,
  poolId: r.pool_id,
  clientId: r.client_id,
  secretBlock: r.secret_block ?? undefined,
  data: JSON.parse(r.data),
  expires: r.expires,
});

export class SessionsService {
  private readonly s;
  constructor(
    db: Db,
    private readonly clock: Clock,
  ) {
    this.s = {
      insert: db.prepare(
        "INSERT INTO auth_sessions (id, secret_block, pool_id, client_id, data, expires) VALUES (?, ?, ?, ?, ?, ?)",
      ),
      byId: db.prepare("SELECT * FROM auth_sessions WHERE id = ?"),
      bySecret: db.prepare("SELECT * FROM auth_sessions WHERE secret_block = ?"),
      update: db.prepare("UPDATE auth_sessions SET data = ? WHERE id = ?"),
      delete: db.prepare("DELETE FROM auth_sessions WHERE id = ?"),
      expire: db.prepare("DELETE FROM auth_sessions WHERE expires < ?"),
    };
  }

  /** Stores a new session valid for `minutes`; with `withSecretBlock` also issues an SRP SECRET_BLOCK. */
  create(
    poolId: string,
    clientId: string,
    data: SessionData,
    minutes: number,
    withSecretBlock = false,
  ): AuthSession {
    const now = this.clock().getTime();
    // Sessions are short-lived: clearing the expired ones here keeps the table small without a timer.
    this.s.expire.run(now);
    // The Session must be 20–2048 characters; Cognito's are long opaque strings.
    const id = randomBytes(96).toString("base64url");
    const secretBlock = withSecretBlock ? randomBytes(128).toString("base64") : undefined;
    const expires = now + minutes * 60_000;
    this.s.insert.run(id, secretBlock ?? null, poolId, clientId, JSON.stringify(data), expires);
    return { id, poolId, clientId, secretBlock, data, expires };
  }

  find(id: string): AuthSession | undefined {
    const r = this.s.byId.get(id) as Row | undefined;
    return r ? toSession(r) : undefined;
  }

  findBySecretBlock(secretBlock: string): AuthSession | undefined {
    const r = this.s.bySecret.get(secretBlock) as Row | undefined;
    return r ? toSession(r) : undefined;
  }

  isExpired(session: AuthSession): boolean {
    return session.expires < this.clock().getTime();
  }

  save(session: AuthSession): void {
    this.s.update.run(JSON.stringify(session.data), session.id);
  }

  delete(session: AuthSession): void {
    this.s.delete.run(session.id);
  }
}
