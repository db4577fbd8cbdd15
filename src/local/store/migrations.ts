// Ordered schema migrations of the local endpoint's SQLite database. Never edit a released entry:
// append a new one (version = last + 1). Each runs once, inside the transaction that records it in
// schema_migrations, so a crash mid-migration leaves the old schema intact.

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: Migration[] = [
  {
    version: 1,
    name: "management surface: pools, clients, users, groups, resources, domains, outbox, import jobs",
    sql: `
CREATE TABLE user_pools (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  data TEXT NOT NULL,              -- UserPoolType as JSON (minus computed members)
  created INTEGER NOT NULL         -- epoch ms
);
CREATE TABLE user_pool_clients (
  client_id TEXT PRIMARY KEY,
  pool_id TEXT NOT NULL REFERENCES user_pools(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  data TEXT NOT NULL,              -- UserPoolClientType as JSON, ClientSecret included
  created INTEGER NOT NULL
);
CREATE INDEX user_pool_clients_pool ON user_pool_clients(pool_id, created);
CREATE TABLE users (
  pool_id TEXT NOT NULL REFERENCES user_pools(id) ON DELETE CASCADE,
  username_key TEXT NOT NULL,      -- username, lower-cased when the pool is case-insensitive
  username TEXT NOT NULL,
  sub TEXT NOT NULL,
  status TEXT NOT NULL,
  enabled INTEGER NOT NULL,
  attributes TEXT NOT NULL,        -- {"name": "value"} in creation order, sub included
  password TEXT,                   -- {"salt","verifier","temporary","setAt"}: SRP verifier, never plain text
  data TEXT NOT NULL DEFAULT '{}', -- extension point for per-user state (MFA settings ...)
  created INTEGER NOT NULL,
  modified INTEGER NOT NULL,
  PRIMARY KEY (pool_id, username_key)
);
CREATE UNIQUE INDEX users_sub ON users(pool_id, sub);
CREATE TABLE user_aliases (        -- unique sign-in values: email / phone_number / preferred_username
  pool_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  value_key TEXT NOT NULL,
  username_key TEXT NOT NULL,
  PRIMARY KEY (pool_id, kind, value_key),
  FOREIGN KEY (pool_id, username_key) REFERENCES users(pool_id, username_key) ON DELETE CASCADE
);
CREATE INDEX user_aliases_user ON user_aliases(pool_id, username_key);
CREATE TABLE groups (
  pool_id TEXT NOT NULL REFERENCES user_pools(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  data TEXT NOT NULL,
  created INTEGER NOT NULL,
  modified INTEGER NOT NULL,
  PRIMARY KEY (pool_id, name)
);
CREATE TABLE group_members (
  pool_id TEXT NOT NULL,
  group_name TEXT NOT NULL,
  username_key TEXT NOT NULL,
  added INTEGER NOT NULL,
  PRIMARY KEY (pool_id, group_name, username_key),
  FOREIGN KEY (pool_id, group_name) REFERENCES groups(pool_id, name) ON DELETE CASCADE,
  FOREIGN KEY (pool_id, username_key) REFERENCES users(pool_id, username_key) ON DELETE CASCADE
);
CREATE INDEX group_members_user ON group_members(pool_id, username_key);
CREATE TABLE pool_resources (      -- small per-pool documents: identity providers, resource servers, UI, risk ...
  pool_id TEXT NOT NULL REFERENCES user_pools(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  key TEXT NOT NULL,
  data TEXT NOT NULL,
  created INTEGER NOT NULL,
  PRIMARY KEY (pool_id, kind, key)
);
CREATE TABLE domains (
  domain TEXT PRIMARY KEY,
  pool_id TEXT NOT NULL REFERENCES user_pools(id) ON DELETE CASCADE,
  data TEXT NOT NULL
);
CREATE TABLE outbox (              -- every email/SMS Cognito would have sent
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  pool_id TEXT NOT NULL,
  username TEXT NOT NULL,
  channel TEXT NOT NULL,           -- EMAIL | SMS
  destination TEXT NOT NULL,
  kind TEXT NOT NULL,              -- INVITATION | VERIFICATION | MFA | FORGOT_PASSWORD ...
  subject TEXT,
  message TEXT NOT NULL,
  code TEXT,
  created INTEGER NOT NULL
);
CREATE INDEX outbox_user ON outbox(pool_id, username, id);
CREATE TABLE import_jobs (
  job_id TEXT PRIMARY KEY,
  pool_id TEXT NOT NULL REFERENCES user_pools(id) ON DELETE CASCADE,
  upload_token TEXT NOT NULL UNIQUE,
  data TEXT NOT NULL,              -- UserImportJobType as JSON
  csv BLOB,                        -- the uploaded file
  created INTEGER NOT NULL
);
CREATE INDEX import_jobs_pool ON import_jobs(pool_id, created);
`,
  },
  {
    version: 2,
    name: "authentication: signing keys, auth sessions, refresh tokens, devices, codes, auth events",
    sql: `
CREATE TABLE signing_keys (        -- one RSA key per token use, generated once per data directory
  use TEXT PRIMARY KEY,            -- id | access
  kid TEXT NOT NULL UNIQUE,
  private_pkcs8 TEXT NOT NULL,
  public_jwk TEXT NOT NULL,
  created INTEGER NOT NULL
);
CREATE TABLE auth_sessions (       -- state between InitiateAuth and RespondToAuthChallenge (holds SRP b)
  id TEXT PRIMARY KEY,             -- the Session handed to the client
  secret_block TEXT UNIQUE,        -- SRP SECRET_BLOCK issued with PASSWORD_VERIFIER / DEVICE_PASSWORD_VERIFIER
  pool_id TEXT NOT NULL REFERENCES user_pools(id) ON DELETE CASCADE,
  client_id TEXT NOT NULL,
  data TEXT NOT NULL,
  expires INTEGER NOT NULL         -- epoch ms
);
CREATE INDEX auth_sessions_expires ON auth_sessions(expires);
CREATE TABLE refresh_tokens (      -- one row per sign-in (origin_jti): revoking it revokes its access tokens
  token_hash TEXT PRIMARY KEY,     -- SHA-256 of the opaque token; the token itself is never stored
  origin_jti TEXT NOT NULL UNIQUE,
  pool_id TEXT NOT NULL,
  username_key TEXT NOT NULL,
  sub TEXT NOT NULL,
  client_id TEXT NOT NULL,
  device_key TEXT,
  auth_time INTEGER NOT NULL,      -- epoch seconds
  expires INTEGER NOT NULL,        -- epoch ms
  revoked INTEGER NOT NULL DEFAULT 0,
  created INTEGER NOT NULL,
  FOREIGN KEY (pool_id, username_key) REFERENCES users(pool_id, username_key) ON DELETE CASCADE
);
CREATE INDEX refresh_tokens_user ON refresh_tokens(pool_id, username_key);
CREATE TABLE devices (
  device_key TEXT PRIMARY KEY,
  pool_id TEXT NOT NULL,
  username_key TEXT NOT NULL,
  group_key TEXT NOT NULL,
  data TEXT NOT NULL,              -- name, status, salt + verifier (from ConfirmDevice), dates
  created INTEGER NOT NULL,
  FOREIGN KEY (pool_id, username_key) REFERENCES users(pool_id, username_key) ON DELETE CASCADE
);
CREATE INDEX devices_user ON devices(pool_id, username_key, device_key);
CREATE TABLE user_codes (          -- confirmation / reset / verification codes (hashes; the outbox has the text)
  pool_id TEXT NOT NULL,
  username_key TEXT NOT NULL,
  purpose TEXT NOT NULL,           -- SIGN_UP | FORGOT_PASSWORD | VERIFY:<attribute>
  code_hash TEXT NOT NULL,
  expires INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (pool_id, username_key, purpose),
  FOREIGN KEY (pool_id, username_key) REFERENCES users(pool_id, username_key) ON DELETE CASCADE
);
CREATE TABLE auth_events (         -- AdminListUserAuthEvents (kept only with advanced security on)
  event_id TEXT PRIMARY KEY,
  pool_id TEXT NOT NULL,
  username_key TEXT NOT NULL,
  data TEXT NOT NULL,
  created INTEGER NOT NULL,
  FOREIGN KEY (pool_id, username_key) REFERENCES users(pool_id, username_key) ON DELETE CASCADE
);
CREATE INDEX auth_events_user ON auth_events(pool_id, username_key, created);
`,
  },
  {
    version: 3,
    name: "app client secrets: up to two per confidential client (AddUserPoolClientSecret)",
    sql: `
CREATE TABLE client_secrets (      -- every secret of a client; the client document's ClientSecret is the oldest
  client_id TEXT NOT NULL REFERENCES user_pool_clients(client_id) ON DELETE CASCADE,
  secret_id TEXT NOT NULL,         -- <client-id>--<epoch-create-time in ms>
  secret TEXT NOT NULL,
  created INTEGER NOT NULL,        -- epoch ms
  PRIMARY KEY (client_id, secret_id)
);
`,
  },
  {
    version: 4,
    name: "terms documents of app clients (CreateTerms)",
    sql: `
CREATE TABLE terms (               -- one terms-of-use and one privacy-policy per app client
  terms_id TEXT PRIMARY KEY,
  pool_id TEXT NOT NULL REFERENCES user_pools(id) ON DELETE CASCADE,
  client_id TEXT NOT NULL REFERENCES user_pool_clients(client_id) ON DELETE CASCADE,
  name TEXT NOT NULL,              -- terms-of-use | privacy-policy
  data TEXT NOT NULL,              -- TermsSource, Enforcement, Links
  created INTEGER NOT NULL,        -- epoch ms
  modified INTEGER NOT NULL,
  UNIQUE (client_id, name)
);
CREATE INDEX terms_pool ON terms(pool_id, created);
`,
  },
  {
    version: 5,
    name: "managed login branding styles of app clients (CreateManagedLoginBranding)",
    sql: `
CREATE TABLE managed_login_branding ( -- one style per app client
  branding_id TEXT PRIMARY KEY,
  pool_id TEXT NOT NULL REFERENCES user_pools(id) ON DELETE CASCADE,
  client_id TEXT NOT NULL UNIQUE REFERENCES user_pool_clients(client_id) ON DELETE CASCADE,
  data TEXT NOT NULL,              -- UseCognitoProvidedValues, Settings (the JSON document given), Assets (base64 bytes)
  created INTEGER NOT NULL,        -- epoch ms
  modified INTEGER NOT NULL
);
CREATE INDEX managed_login_branding_pool ON managed_login_branding(pool_id);
`,
  },
  {
    version: 6,
    name: "user sessions (last activity of a sign-in), session configurations, provisioned limits",
    sql: `
ALTER TABLE refresh_tokens ADD COLUMN last_active INTEGER; -- epoch ms of the last refresh; NULL = never refreshed
CREATE TABLE pool_session_config ( -- SetUserPoolSessionConfiguration; no row = the defaults (DISABLED, 20)
  pool_id TEXT PRIMARY KEY REFERENCES user_pools(id) ON DELETE CASCADE,
  data TEXT NOT NULL,              -- {UserSessionTracking, TokenSession: {MaxPerUser}}
  modified INTEGER NOT NULL        -- epoch ms
);
CREATE TABLE client_session_config ( -- SetUserPoolClientSessionConfiguration; no row = the default (60)
  client_id TEXT PRIMARY KEY REFERENCES user_pool_clients(client_id) ON DELETE CASCADE,
  pool_id TEXT NOT NULL REFERENCES user_pools(id) ON DELETE CASCADE,
  data TEXT NOT NULL,              -- {SSOSession: {MaxValidityMinutes}}
  modified INTEGER NOT NULL
);
CREATE TABLE provisioned_limits (  -- UpdateProvisionedLimit overrides (account-wide); no row = the default quota
  limit_class TEXT NOT NULL,       -- API_CATEGORY
  category TEXT NOT NULL,          -- UserAuthentication, UserCreation ...
  value INTEGER NOT NULL,          -- requests per second
  modified INTEGER NOT NULL,
  PRIMARY KEY (limit_class, category)
);
`,
  },
  {
    version: 7,
    name: "WebAuthn passkeys: registered credentials and pending registration challenges",
    sql: `
CREATE TABLE webauthn_credentials ( -- CompleteWebAuthnRegistration; used by the WEB_AUTHN sign-in
  pool_id TEXT NOT NULL,
  credential_id TEXT NOT NULL,     -- base64url, as the authenticator made it
  username_key TEXT NOT NULL,
  data TEXT NOT NULL,              -- publicKey (COSE, base64url), counter, name, rpId, attachment, transports
  created INTEGER NOT NULL,        -- epoch ms
  PRIMARY KEY (pool_id, credential_id),
  FOREIGN KEY (pool_id, username_key) REFERENCES users(pool_id, username_key) ON DELETE CASCADE
);
CREATE INDEX webauthn_credentials_user ON webauthn_credentials(pool_id, username_key, created);
CREATE TABLE webauthn_registrations ( -- the challenge of the user's last StartWebAuthnRegistration
  pool_id TEXT NOT NULL,
  username_key TEXT NOT NULL,
  client_id TEXT NOT NULL,         -- the app client of the access token that started it
  challenge TEXT NOT NULL,         -- base64url
  expires INTEGER NOT NULL,        -- epoch ms
  PRIMARY KEY (pool_id, username_key),
  FOREIGN KEY (pool_id, username_key) REFERENCES users(pool_id, username_key) ON DELETE CASCADE
);
`,
  },
  {
    version: 8,
    name: "user pool replicas (CreateUserPoolReplica): secondary Regions of a pool",
    sql: `
CREATE TABLE user_pool_replicas (  -- the secondary Regions; the pool's own Region is the primary, not stored
  pool_id TEXT NOT NULL REFERENCES user_pools(id) ON DELETE CASCADE,
  region TEXT NOT NULL,
  status TEXT NOT NULL,            -- INACTIVE | ACTIVE (CREATING and DELETING are only answered)
  tags TEXT NOT NULL,              -- UserPoolTags of the replica, as JSON
  created INTEGER NOT NULL,        -- epoch ms
  modified INTEGER NOT NULL,
  PRIMARY KEY (pool_id, region)
);
`,
  },
  {
    version: 9,
    name: "background import jobs (lease, heartbeat, row cursor) and their CloudWatch Logs events",
    sql: `
ALTER TABLE import_jobs ADD COLUMN lease_owner TEXT;   -- the endpoint (process) running the job
ALTER TABLE import_jobs ADD COLUMN lease_expires INTEGER; -- epoch ms; renewed with every chunk committed
ALTER TABLE import_jobs ADD COLUMN cursor_byte INTEGER NOT NULL DEFAULT 0; -- file offset of the next row
ALTER TABLE import_jobs ADD COLUMN cursor_line INTEGER NOT NULL DEFAULT 0; -- lines read before that offset
CREATE TABLE log_groups (          -- CloudWatch Logs groups (/aws/cognito/userpools/POOL_ID/POOL_NAME)
  name TEXT PRIMARY KEY,
  created INTEGER NOT NULL         -- epoch ms
);
CREATE TABLE log_streams (         -- one per import job: JOB_ID/JOB_NAME
  id INTEGER PRIMARY KEY,
  group_name TEXT NOT NULL REFERENCES log_groups(name) ON DELETE CASCADE,
  name TEXT NOT NULL,
  created INTEGER NOT NULL,
  first_event INTEGER,
  last_event INTEGER,
  UNIQUE (group_name, name)
);
CREATE TABLE log_events (          -- one per imported row: "[FAILED] Line Number 7 - ..." (no user data)
  id INTEGER PRIMARY KEY,          -- ingestion order: the order of a stream and of a group
  stream_id INTEGER NOT NULL REFERENCES log_streams(id) ON DELETE CASCADE,
  timestamp INTEGER NOT NULL,      -- epoch ms (also the ingestion time)
  message TEXT NOT NULL
);
CREATE INDEX log_events_stream ON log_events(stream_id, id);
`,
  },
];
