// What a command receives. Built lazily in src/kernel/create-context.ts so a command pays only for what it
// touches (the SDK client, the prompter, the embedded endpoint are created on first use).
import type { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import type { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import type { IAMClient } from "@aws-sdk/client-iam";
import type { LocalEndpoint } from "../local/endpoint.js";
import type { ColorMode, IO } from "./io/io.js";
import type { Prompter } from "./io/prompter.js";
import type { OutputFormat, Printer } from "./output/types.js";

export interface GlobalOptions {
  profile?: string;
  region?: string;
  endpointUrl?: string;
  output: OutputFormat;
  /** True when --output was given (or set by config/env), false when it is the default. */
  outputExplicit: boolean;
  query?: string;
  paginate: boolean;
  pageSize?: number;
  maxItems?: number;
  startingToken?: string;
  debug: boolean;
  color: ColorMode;
  /** Use the embedded endpoint in process (--local, COGCTL_LOCAL=1, or `local = true` in the profile). */
  local: boolean;
  readTimeoutMs?: number;
  connectTimeoutMs?: number;
}

export interface Paths {
  /** $XDG_CONFIG_HOME/cogctl (tokens, sessions). */
  configDir: string;
  /** $XDG_DATA_HOME/cogctl (embedded endpoint data). */
  dataDir: string;
  /** $XDG_STATE_HOME/cogctl, or COGCTL_STATE_DIR (the journals of `users import` runs). */
  stateDir: string;
}

export interface Context {
  readonly io: IO;
  readonly globals: GlobalOptions;
  readonly printer: Printer;
  readonly prompter: Prompter;
  readonly paths: Paths;
  readonly clock: () => Date;
  /** The Cognito client for real AWS, --endpoint-url or --local; created on first call. */
  cognito(): Promise<CognitoIdentityProviderClient>;
  /** IAM with the same profile, region, endpoint and --debug trace; refused with --local (no IAM there). */
  iam(): Promise<IAMClient>;
  /** CloudWatch Logs, likewise; with --local the embedded endpoint in process serves it. */
  logs(): Promise<CloudWatchLogsClient>;
  /**
   * The embedded endpoint in process (--local), opened once for the whole command and shared by the
   * client and anything else that talks to it (presigned uploads), so one SQLite handle serves all.
   */
  localEndpoint(): Promise<LocalEndpoint>;
  /**
   * Releases what the command used: the client's sockets and the in-process endpoint. The entry calls
   * it once when the command ends (commands never close what the Context owns); calling again is a no-op.
   */
  close(): Promise<void>;
}
