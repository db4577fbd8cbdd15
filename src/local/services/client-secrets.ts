// App client secrets for rotation (AddUserPoolClientSecret / ListUserPoolClientSecrets /
// DeleteUserPoolClientSecret): a confidential client has one or two secrets, each with an id
// `<client-id>--<epoch-create-time>`, and sign-in accepts any of them. Rows live in `client_secrets`;
// the client document's `ClientSecret` (what DescribeUserPoolClient shows) stays the oldest one.
// A client created by CreateUserPoolClient has no rows yet: its secret is recorded on first use here.
import { InvalidParameterException, LimitExceededException, ResourceNotFoundException } from "../errors.js";
import type { Db } from "../store/database.js";
import type { ClientData } from "./clients.js";
import type { Clock } from "./clock.js";
import { newClientSecret } from "./ids.js";

/** Cognito keeps at most two active secrets per app client. */
export const MAX_CLIENT_SECRETS = 2;

export interface ClientSecretRecord {
  id: string;
  secret: string;
  /** Epoch ms. */
  created: number;
}

export class ClientSecretsService {
  private readonly s;
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {
    this.s = {
      list: db.prepare(
        "SELECT secret_id AS id, secret, created FROM client_secrets WHERE client_id = ? ORDER BY created, secret_id",
      ),
      insert: db.prepare(
        "INSERT OR IGNORE INTO client_secrets (client_id, secret_id, secret, created) VALUES (?, ?, ?, ?)",
      ),
      delete: db.prepare("DELETE FROM client_secrets WHERE client_id = ? AND secret_id = ?"),
      clientData: db.prepare("SELECT data FROM user_pool_clients WHERE client_id = ?").pluck(),
      setPrimary: db.prepare(
        "UPDATE user_pool_clients SET data = json_set(data, '$.ClientSecret', ?) WHERE client_id = ?",
      ),
    };
  }

  /** Every secret value sign-in should accept for this client (none for a public client). */
  values(client: ClientData): string[] {
    if (!client.ClientSecret) return [];
    const rows = this.rows(client.ClientId as string);
    const values = rows.map((r) => r.secret);
    return values.includes(client.ClientSecret) ? values : [client.ClientSecret, ...values];
  }

  /** The client's secrets, oldest first (recording the original secret if it has no row yet). */
  list(client: ClientData): ClientSecretRecord[] {
    if (!client.ClientSecret) return [];
    return this.db.transaction(() => this.seeded(client.ClientId as string)).immediate();
  }

  /** Adds a secret (generated unless given); LimitExceededException beyond two. */
  add(client: ClientData, given?: string): { record: ClientSecretRecord; generated: boolean } {
    const clientId = client.ClientId as string;
    if (!client.ClientSecret) {
      throw new InvalidParameterException(
        `Client ${clientId} does not have a client secret; only a confidential app client can have more.`,
      );
    }
    return this.db
      .transaction(() => {
        const rows = this.seeded(clientId);
        if (rows.length >= MAX_CLIENT_SECRETS) {
          throw new LimitExceededException(
            `Client ${clientId} already has the maximum of ${MAX_CLIENT_SECRETS} client secrets. Delete one before adding another.`,
          );
        }
        if (given !== undefined && rows.some((r) => r.secret === given)) {
          throw new InvalidParameterException("The client secret is already in use by this app client.");
        }
        let created = this.clock().getTime();
        // Ids carry the creation time: two secrets in the same millisecond get distinct ones.
        while (rows.some((r) => r.id === secretId(clientId, created))) created += 1;
        const record = { id: secretId(clientId, created), secret: given ?? newClientSecret(), created };
        this.s.insert.run(clientId, record.id, record.secret, record.created);
        return { record, generated: given === undefined };
      })
      .immediate();
  }

  /** Deletes one secret; the last one cannot go. Keeps the client document's ClientSecret current. */
  delete(client: ClientData, id: string): void {
    const clientId = client.ClientId as string;
    this.db
      .transaction(() => {
        const rows = client.ClientSecret ? this.seeded(clientId) : [];
        const victim = rows.find((r) => r.id === id);
        if (!victim) throw new ResourceNotFoundException(`Client secret ${id} does not exist.`);
        if (rows.length <= 1) {
          throw new InvalidParameterException("You can't delete the last remaining secret of an app client.");
        }
        this.s.delete.run(clientId, id);
        const current = this.currentPrimary(clientId);
        if (current === victim.secret) {
          const next = rows.find((r) => r.id !== id) as ClientSecretRecord;
          this.s.setPrimary.run(next.secret, clientId);
        }
      })
      .immediate();
  }

  private rows(clientId: string): ClientSecretRecord[] {
    return this.s.list.all(clientId) as ClientSecretRecord[];
  }

  /** Rows of the client, with the document's secret recorded first if missing (inside a transaction). */
  private seeded(clientId: string): ClientSecretRecord[] {
    const primary = this.currentPrimary(clientId);
    const rows = this.rows(clientId);
    if (!primary || rows.some((r) => r.secret === primary)) return rows;
    const raw = this.s.clientData.get(clientId) as string;
    const created = (JSON.parse(raw) as ClientData).Created;
    this.s.insert.run(clientId, secretId(clientId, created), primary, created);
    return this.rows(clientId);
  }

  private currentPrimary(clientId: string): string | undefined {
    const raw = this.s.clientData.get(clientId) as string | undefined;
    return raw ? (JSON.parse(raw) as ClientData).ClientSecret : undefined;
  }
}

const secretId = (clientId: string, createdMs: number): string => `${clientId}--${createdMs}`;

/** The service for this endpoint's database (statements prepared once per handle). */
