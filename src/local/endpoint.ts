// The embedded user-pools endpoint: one object that turns a wire request (X-Amz-Target + JSON body)
// into a wire response. The HTTP server (server.ts) and the in-process SDK handler (in-process.ts)
// are both thin transports over handle(), so `local serve` and `--local` behave identically.
import { randomUUID } from "node:crypto";
import { rmSync, writeFileSync } from "node:fs";
import { loadIndex } from "../cognito/catalog.js";
import {
  CognitoError,
  InternalErrorException,
  notSupported,
  SerializationException,
  TooManyRequestsException,
  UnknownOperationException,
} from "./errors.js";
import type { Fault } from "./limits/faults.js";
import { EndpointLimits, type LimitSettings } from "./limits/index.js";
import { type Clock, systemClock } from "./services/clock.js";
import { ImportRunner } from "./services/import-runner.js";
import {
  type AcceptedUpload,
  checkImportUpload,
  isAcceptedUpload,
  storeImportUpload,
} from "./services/import-upload.js";
import type { LocalServices } from "./services/index.js";
import { UploadFiles } from "./services/upload-files.js";
import { type Db, openDatabase } from "./store/database.js";
import { targets } from "./targets/index.js";
import { LOGS_TARGET_PREFIX, logsTargets } from "./targets/logs/index.js";
import type { Target, TargetContext } from "./targets/target.js";
import type { RequestValidator } from "./validate.js";

export const TARGET_PREFIX = "AWSCognitoIdentityProviderService.";
/** Where presigned URLs point when no server address is known (`local serve`'s default). */
export const DEFAULT_BASE_URL = "http://127.0.0.1:9229";

export interface EndpointOptions {
  /** Directory for the SQLite database (created 0700). */
  dataDir?: string;
  /** Keep everything in memory (tests, `local serve --in-memory`). */
  inMemory?: boolean;
  region: string;
  /**
   * How clients reach this endpoint when the transport does not say (in process: `--local`). The
   * request's Host header is never used: it is the client's to choose, so it could put any address
   * (or markup) into PreSignedUrl, the discovery document and the tokens' `iss`.
   */
  baseUrl?: string;
  clock?: Clock;
  /** Receives internal errors (never request bodies). */
  log?: (level: "error" | "warn" | "info" | "debug", message: string) => void;
  /**
   * How long an import job's lease lasts without a chunk renewing it (default 15 s): after that,
   * another endpoint on the same data directory takes the job over (its process is taken for dead).
   */
  importLeaseMs?: number;
  /**
   * `--quotas` / `--faults` (or COGCTL_LOCAL_QUOTAS / COGCTL_LOCAL_FAULTS) as written: parsed by
   * open(), which throws LimitsSpecError for a bad one before touching the data directory.
   */
  limits?: LimitSettings;
}

export interface WireRequest {
  target: string;
  /** The raw bytes from a transport (decoded here, strictly), or text already decoded. */
  body: string | Uint8Array;
  headers: Record<string, string>;
  /** The address the transport serves on (`local serve`: its URL or --public-url). */
  baseUrl?: string;
}

export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /**
   * An injected dropped connection (`--faults reset=...`): the transport must answer nothing. Over
   * HTTP the socket is destroyed; in process the request rejects with ECONNRESET.
   */
  reset?: boolean;
}

export class LocalEndpoint {
  private readonly loaded = new Map<string, Target>();
  readonly imports: ImportRunner;

  private constructor(
    readonly services: LocalServices,
    private readonly validator: RequestValidator,
    private readonly opts: EndpointOptions,
    private readonly limits: EndpointLimits | undefined,
  ) {
    this.imports = new ImportRunner(services, {
      leaseMs: opts.importLeaseMs,
      // A row of an import file is checked as AdminCreateUser's request would be; its messages go
      // to CloudWatch Logs, so they name members, never values.
      check: (operation, input) => validator.validateWithoutValues(operation, input),
      log: opts.log,
    });
    // Jobs whose process died are taken over now, and checked for every half lease while open.
    this.imports.watch();
  }

  /** Opens (or creates and migrates) the store and returns a ready endpoint. */
  static async open(opts: EndpointOptions): Promise<LocalEndpoint> {
    // First: a bad --quotas or --faults is refused before the data directory is created or migrated.
    const limits = EndpointLimits.from(opts.limits);
    const [{ createServices }, { RequestValidator }, { inputModel }] = await Promise.all([
      import("./services/index.js"),
      import("./validate.js"),
      import("./model/input-model.js"),
    ]);
    const db: Db = await openDatabase({ dataDir: opts.dataDir, inMemory: opts.inMemory });
    const uploads = new UploadFiles(opts.inMemory ? undefined : opts.dataDir);
    const services = createServices(db, opts.clock ?? systemClock, opts.region, uploads);
    return new LocalEndpoint(services, new RequestValidator(inputModel), opts, limits);
  }

  /** What --quotas and --faults are doing, one line each (empty when neither is on). */
  limitsNotice(): string[] {
    return this.limits?.describe() ?? [];
  }

  /** True when faults are on with a seed drawn at random (a rerun needs the reported seed). */
  faultSeedDrawn(): boolean {
    return this.limits?.seedDrawn ?? false;
  }

  get region(): string {
    return this.opts.region;
  }

  /** Every operation name of the service model (implemented or not). */
  operationNames(): string[] {
    return this.validator.operationNames();
  }

  /** True when this endpoint implements the operation (others answer UnsupportedOperationException). */
  implements(operation: string): boolean {
    return Object.hasOwn(targets, operation);
  }

  /** Where presigned URLs and issuers point: the transport's address, else the configured one. */
  baseUrl(transportUrl?: string): string {
    return transportUrl ?? this.opts.baseUrl ?? DEFAULT_BASE_URL;
  }

  async handle(req: WireRequest): Promise<WireResponse> {
    if (req.target.startsWith(LOGS_TARGET_PREFIX)) return this.handleLogs(req);
    const requestId = randomUUID();
    const operation = req.target.startsWith(TARGET_PREFIX) ? req.target.slice(TARGET_PREFIX.length) : "";
    try {
      if (!operation || !isKnownOperation(operation, this.validator)) {
        throw new UnknownOperationException(`Unknown operation ${req.target || "(no X-Amz-Target header)"}`);
      }
    } catch (err) {
      return errorResponse(this.asCognitoError(err, operation), requestId);
    }
    // At the door an injected throttle, then the quotas; then an error or reset, before or after the
    // operation.
    const verdict = this.limits?.admit(operation);
    if (verdict?.throttledBy) {
      const out = errorResponse(new TooManyRequestsException(RATE_EXCEEDED), requestId);
      out.headers["x-cogctl-quota"] = verdict.throttledBy;
      return out;
    }
    const fault = verdict?.fault;
    if (fault?.when === "before") return faultResponse(fault, requestId);
    const out = await this.run(req, operation, requestId);
    return fault ? faultResponse(fault, requestId) : out;
  }

  private async run(req: WireRequest, operation: string, requestId: string): Promise<WireResponse> {
    try {
      const text = typeof req.body === "string" ? req.body : decodeUtf8(req.body);
      let input: unknown;
      try {
        input = text.trim() === "" ? {} : JSON.parse(text);
      } catch {
        throw new SerializationException("Could not parse the request body as JSON.");
      }
      // An operation not built yet says so before anything else: more useful than a validation error.
      if (!Object.hasOwn(targets, operation)) throw notSupported(operation);
      // The request model (model/input-model.ts) has every operation of the pinned SDK.
      if (this.validator.hasOperation(operation)) input = this.validator.validate(operation, input);
      const target = await this.load(operation);
      const ctx: TargetContext = {
        services: this.services,
        baseUrl: this.baseUrl(req.baseUrl),
        headers: req.headers,
        imports: this.imports,
      };
      const output = (await target(input, ctx)) ?? {};
      return {
        status: 200,
        headers: { "content-type": "application/x-amz-json-1.1", "x-amzn-requestid": requestId },
        body: JSON.stringify(output),
      };
    } catch (err) {
      return errorResponse(this.asCognitoError(err, operation), requestId);
    }
  }

  /**
   * The presigned import-job upload (PUT of the CSV), in two steps so that the HTTP server can refuse
   * a bad URL, an expired one or an over-long declared length before reading the body:
   * checkUpload() from the URL and headers, then storeUpload() with the bytes.
   */
  checkUpload(url: string, headers: Record<string, string>): AcceptedUpload | WireResponse {
    return checkImportUpload(this.services, url, headers);
  }

  /** Puts a complete spool file (from spoolPath()) into place for the job. */
  storeUpload(upload: AcceptedUpload, spool: string): WireResponse {
    return storeImportUpload(this.services, upload, spool);
  }

  /** Where an upload in progress is written: beside the job files, so it can be renamed into place. */
  spoolPath(): string {
    return this.services.uploads.spoolPath();
  }

  /** Both steps at once, for `--local` (the CLI calls it with the PreSignedUrl and the file). */
  acceptUpload(url: string, body: Buffer | string, headers: Record<string, string> = {}): WireResponse {
    const bytes = typeof body === "string" ? Buffer.from(body) : body;
    const checked = this.checkUpload(url, { ...headers, "content-length": String(bytes.length) });
    if (!isAcceptedUpload(checked)) return checked;
    const spool = this.spoolPath();
    try {
      writeFileSync(spool, bytes, { mode: 0o600, flag: "wx" });
      return this.storeUpload(checked, spool);
    } finally {
      rmSync(spool, { force: true });
    }
  }

  /**
   * The CloudWatch Logs read API (X-Amz-Target `Logs_20140328.<Operation>`), on the same transport:
   * its own registry (targets/logs/), so no Logs name is ever taken for a Cognito operation.
   */
  private async handleLogs(req: WireRequest): Promise<WireResponse> {
    const requestId = randomUUID();
    const operation = req.target.slice(LOGS_TARGET_PREFIX.length);
    try {
      const loader = Object.hasOwn(logsTargets, operation) ? logsTargets[operation] : undefined;
      if (!loader) {
        throw new UnknownOperationException(
          `${operation} is not a CloudWatch Logs operation the cogctl local endpoint serves (it serves ${Object.keys(logsTargets).join(", ")}).`,
        );
      }
      const text = typeof req.body === "string" ? req.body : decodeUtf8(req.body);
      let input: unknown;
      try {
        input = text.trim() === "" ? {} : JSON.parse(text);
      } catch {
        throw new SerializationException("Could not parse the request body as JSON.");
      }
      if (input === null || typeof input !== "object" || Array.isArray(input))
        throw new SerializationException("Expected map or null");
      const target = (await loader()).default;
      const output = await target(input, {
        services: this.services,
        baseUrl: this.baseUrl(req.baseUrl),
        headers: req.headers,
        imports: this.imports,
      });
      return {
        status: 200,
        headers: { "content-type": "application/x-amz-json-1.1", "x-amzn-requestid": requestId },
        body: JSON.stringify(output ?? {}),
      };
    } catch (err) {
      return errorResponse(this.asCognitoError(err, operation), requestId, LOGS_ERROR_NAMESPACE);
    }
  }

  /** Resolves when the import jobs this endpoint runs have ended (a --local command waits for them). */
  drain(): Promise<void> {
    return this.imports.drain();
  }

  /** Hands running import jobs back (another endpoint on the data directory resumes them), then closes. */
  close(): void {
    this.imports.close();
    this.services.db.close();
    this.services.uploads.close();
  }

  private async load(operation: string): Promise<Target> {
    const cached = this.loaded.get(operation);
    if (cached) return cached;
    const loader = targets[operation];
    if (!loader) throw notSupported(operation);
    const target = (await loader()).default;
    this.loaded.set(operation, target);
    return target;
  }

  private asCognitoError(err: unknown, operation: string): CognitoError {
    if (err instanceof CognitoError) return err;
    this.opts.log?.(
      "error",
      `${operation}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
    );
    return new InternalErrorException("Internal error in the cogctl local endpoint.");
  }
}

/**
 * An operation Cognito has: one the request model knows, one implemented here, or one the pinned
 * SDK sends (the catalog). Anything else is UnknownOperationException; a known operation not built
 * yet gets the not-supported answer instead.
 */
function isKnownOperation(operation: string, validator: RequestValidator): boolean {
  if (validator.hasOperation(operation) || Object.hasOwn(targets, operation)) return true;
  sdkOperations ??= new Set(loadIndex().operations.map((o) => o.name));
  return sdkOperations.has(operation);
}
let sdkOperations: Set<string> | undefined;

// fatal: invalid UTF-8 is refused instead of being stored as U+FFFD without anyone noticing.
const utf8 = new TextDecoder("utf-8", { fatal: true });

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new SerializationException("The request body is not valid UTF-8.");
  }
}

/** Cognito's wording for a throttled request (as seen by boto3, amplify-js and aws-sdk users). */
const RATE_EXCEEDED = "Rate exceeded";

/**
 * The answer for an injected fault. `x-cogctl-fault` says which (throttle, error-before, error-after)
 * for tests and --debug; clients key on the error type as they would with Cognito.
 */
function faultResponse(fault: Fault, requestId: string): WireResponse {
  if (fault.kind === "reset") return { status: 0, headers: {}, body: "", reset: true };
  const out =
    fault.kind === "throttle"
      ? errorResponse(new TooManyRequestsException(RATE_EXCEEDED), requestId)
      : errorResponse(new InternalErrorException("Internal server error."), requestId);
  out.headers["x-cogctl-fault"] = fault.kind === "throttle" ? "throttle" : `error-${fault.when}`;
  return out;
}

const COGNITO_ERROR_NAMESPACE = "http://internal.amazon.com/coral/com.amazonaws.cognito.identity.idp.model/";
const LOGS_ERROR_NAMESPACE = "http://internal.amazon.com/coral/com.amazonaws.logs/";

export function errorResponse(
  err: CognitoError,
  requestId: string = randomUUID(),
  namespace = COGNITO_ERROR_NAMESPACE,
): WireResponse {
  return {
    status: err.status,
    headers: {
      "content-type": "application/x-amz-json-1.1",
      "x-amzn-requestid": requestId,
      "x-amzn-errortype": `${err.type}:${namespace}`,
    },
    body: err.toBody(),
  };
}
