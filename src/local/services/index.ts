// Everything a target can reach, built once per endpoint over one database handle. A target receives
// this as ctx.services; add a new service here (constructed from db/clock) and it is available to all.
import type { Db } from "../store/database.js";
import { AuthEventsService } from "./auth-events.js";
import { BrandingService } from "./branding.js";
import { ClientSecretsService } from "./client-secrets.js";
import { ClientsService } from "./clients.js";
import type { Clock } from "./clock.js";
import { LogsService } from "./cloudwatch-logs.js";
import { CodesService } from "./codes.js";
import { DevicesService } from "./devices.js";
import { GroupsService } from "./groups.js";
import { KeysService } from "./keys.js";
import { MessagesService } from "./messages.js";
import { OAuthGrants } from "./oauth-grants.js";
import { PasswordsService } from "./passwords.js";
import { PoolsService } from "./pools.js";
import { ProvisionedLimitsService } from "./provisioned-limits.js";
import { ReplicasService } from "./replicas.js";
import { ResourcesService } from "./resources.js";
import { SessionConfigService } from "./session-config.js";
import { SessionsService } from "./sessions.js";
import { TermsService } from "./terms.js";
import { TokensService } from "./tokens.js";
import { UploadFiles } from "./upload-files.js";
import { UserSessionsService } from "./user-sessions.js";
import { UsersService } from "./users.js";
import { WebAuthnService } from "./webauthn.js";

export interface LocalServices {
  readonly db: Db;
  readonly clock: Clock;
  readonly region: string;
  readonly pools: PoolsService;
  readonly clients: ClientsService;
  readonly users: UsersService;
  readonly passwords: PasswordsService;
  readonly messages: MessagesService;
  readonly groups: GroupsService;
  readonly resources: ResourcesService;
  // authentication (issue 4)
  readonly keys: KeysService;
  readonly tokens: TokensService;
  /** The pool domain's OAuth 2.0 codes, managed-login sessions and granted scopes. */
  readonly oauth: OAuthGrants;
  readonly sessions: SessionsService;
  readonly devices: DevicesService;
  readonly codes: CodesService;
  readonly authEvents: AuthEventsService;
  // app client secrets, terms documents, managed login branding
  readonly clientSecrets: ClientSecretsService;
  readonly terms: TermsService;
  readonly branding: BrandingService;
  // session management, provisioned limits
  readonly sessionConfig: SessionConfigService;
  readonly userSessions: UserSessionsService;
  readonly provisionedLimits: ProvisionedLimitsService;
  // WebAuthn passkeys
  readonly webauthn: WebAuthnService;
  // user pool replicas
  readonly replicas: ReplicasService;
  // import job files (uploads)
  readonly uploads: UploadFiles;
  // CloudWatch Logs: the import jobs' row outcomes
  readonly logs: LogsService;
}

export function createServices(
  db: Db,
  clock: Clock,
  region: string,
  uploads: UploadFiles = new UploadFiles(undefined),
): LocalServices {
  const passwords = new PasswordsService();
  const messages = new MessagesService(db, clock);
  const keys = new KeysService(db, clock);
  const tokens = new TokensService(db, clock, keys);
  const sessionConfig = new SessionConfigService(db, clock);
  const resources = new ResourcesService(db, clock);
  return {
    db,
    clock,
    region,
    pools: new PoolsService(db, clock, region),
    clients: new ClientsService(db, clock),
    users: new UsersService(db, clock, passwords),
    passwords,
    messages,
    groups: new GroupsService(db, clock),
    resources,
    keys,
    tokens,
    oauth: new OAuthGrants(db, clock, resources),
    sessions: new SessionsService(db, clock),
    devices: new DevicesService(db, clock, region),
    codes: new CodesService(db, clock, messages),
    authEvents: new AuthEventsService(db, clock),
    clientSecrets: new ClientSecretsService(db, clock),
    terms: new TermsService(db, clock),
    branding: new BrandingService(db, clock),
    sessionConfig,
    userSessions: new UserSessionsService(tokens, sessionConfig),
    provisionedLimits: new ProvisionedLimitsService(db, clock),
    webauthn: new WebAuthnService(db, clock, resources),
    replicas: new ReplicasService(db, clock, region),
    uploads,
    logs: new LogsService(db, region),
  };
}
