// Builds the SDK clients (Cognito; IAM and CloudWatch Logs for import jobs) for real AWS, any
// --endpoint-url, or the embedded endpoint (--local).
// Region, credentials and profiles come from the SDK's own providers; cogctl only adds what the
// AWS CLI does on top (AWS_DEFAULT_REGION, --profile, timeouts) and the --debug trace.

import type { CloudWatchLogsClient, CloudWatchLogsClientConfig } from "@aws-sdk/client-cloudwatch-logs";
import type {
  CognitoIdentityProviderClient,
  CognitoIdentityProviderClientConfig,
} from "@aws-sdk/client-cognito-identity-provider";
import type { IAMClient, IAMClientConfig } from "@aws-sdk/client-iam";
import type { HttpHandlerOptions, HttpRequest, HttpResponse } from "@smithy/types";
import type { LocalEndpoint } from "../local/endpoint.js";
import type { GlobalOptions } from "./context.js";
import { UsageError } from "./errors.js";
import type { Printer } from "./output/types.js";
import { pacingRetries } from "./paced-retries.js";
import { redactBody, redactHeaders } from "./redact.js";
import { loadCognitoSdk, loadIamSdk, loadLogsSdk, loadNodeHttpHandler } from "./sdk.js";

export interface RequestHandlerLike {
  handle(request: HttpRequest, options?: HttpHandlerOptions): Promise<{ response: HttpResponse }>;
  destroy?(): void;
  updateHttpClientConfig?(key: never, value: never): void;
  httpHandlerConfigs?(): Record<string, unknown>;
}

/** The services cogctl talks to: Cognito for everything, IAM and CloudWatch Logs for import jobs. */
export type ServiceName = "cognito" | "iam" | "logs";

interface ClientConfig {
  profile?: string;
  region?: string;
  endpoint?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
  requestHandler?: never;
}

/**
 * The configuration every client shares: profile, region (AWS_DEFAULT_REGION too), --endpoint-url,
 * timeouts, the --debug trace and, with --local, the in-process endpoint. One function so IAM and
 * CloudWatch Logs behave exactly as the Cognito client does (retries are the SDK's standard mode for
 * all three). --endpoint-url names one endpoint for all of them, as moto_server and the embedded
 * endpoint serve several services on one port; without it each SDK honours its own
 * AWS_ENDPOINT_URL_<SERVICE> variable.
 */
async function clientConfig(
  service: ServiceName,
  globals: GlobalOptions,
  env: Readonly<Record<string, string | undefined>>,
  printer: Printer,
  localEndpoint: () => Promise<LocalEndpoint>,
): Promise<ClientConfig> {
  // The SDK warns on every run that Node 20 support ends in 2027; that is not the user's concern
  // at each invocation (README documents the Node requirement).
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const config: ClientConfig = {};
  if (globals.profile) config.profile = globals.profile;
  // The AWS CLI also honours AWS_DEFAULT_REGION, which the JS SDK ignores.
  const region = globals.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  if (region) config.region = region;

  let inner: RequestHandlerLike;
  if (globals.local) {
    if (service === "iam") {
      // The embedded endpoint checks no roles and serves no IAM: a call would only fail obscurely.
      throw new UsageError(
        "The embedded endpoint (--local) does not serve IAM. Import jobs there accept any role: pass --role-arn ARN, or --create-role (which uses a fixed local role with --local).",
      );
    }
    const [{ createInProcessRequestHandler }, { DEFAULT_BASE_URL }] = await Promise.all([
      import("../local/in-process.js"),
      import("../local/endpoint.js"),
    ]);
    config.region ??= "us-east-1";
    const endpoint = await localEndpoint();
    // The same handler for Cognito and CloudWatch Logs: the endpoint routes by X-Amz-Target.
    inner = createInProcessRequestHandler(endpoint) as unknown as RequestHandlerLike;
    // No socket is opened; the URL only names the endpoint. It is `local serve`'s default address,
    // so tokens issued with --local carry an issuer whose JWKS a default `local serve` publishes.
    config.endpoint = DEFAULT_BASE_URL;
    // The embedded endpoint does not check signatures; never read the user's real keys for it.
    config.credentials = { accessKeyId: "cogctl-local", secretAccessKey: "cogctl-local" };
  } else {
    const { NodeHttpHandler } = loadNodeHttpHandler();
    inner = new NodeHttpHandler({
      connectionTimeout: globals.connectTimeoutMs || undefined,
      requestTimeout: globals.readTimeoutMs || undefined,
    }) as unknown as RequestHandlerLike;
    if (globals.endpointUrl) config.endpoint = globals.endpointUrl;
  }
  inner = keepingErrorBodies(inner);
  config.requestHandler = (globals.debug ? tracingHandler(inner, printer) : inner) as never;
  return config;
}

export async function createCognitoClient(
  globals: GlobalOptions,
  env: Readonly<Record<string, string | undefined>>,
  printer: Printer,
  localEndpoint: () => Promise<LocalEndpoint>,
): Promise<CognitoIdentityProviderClient> {
  const config = await clientConfig("cognito", globals, env, printer, localEndpoint);
  const { CognitoIdentityProviderClient } = loadCognitoSdk();
  const client = new CognitoIdentityProviderClient(config as CognitoIdentityProviderClientConfig);
  // Bulk runs pace every request they send, the SDK's own retries included.
  pacingRetries(client.middlewareStack as never);
  return client;
}

/** IAM (the CloudWatch Logs role of import jobs). Not available with --local (a UsageError). */
export async function createIamClient(
  globals: GlobalOptions,
  env: Readonly<Record<string, string | undefined>>,
  printer: Printer,
  localEndpoint: () => Promise<LocalEndpoint>,
): Promise<IAMClient> {
  const config = await clientConfig("iam", globals, env, printer, localEndpoint);
  const { IAMClient } = loadIamSdk();
  return new IAMClient(config as IAMClientConfig);
}

/** CloudWatch Logs (an import job's row outcomes); with --local, the embedded endpoint in process. */
export async function createLogsClient(
  globals: GlobalOptions,
  env: Readonly<Record<string, string | undefined>>,
  printer: Printer,
  localEndpoint: () => Promise<LocalEndpoint>,
): Promise<CloudWatchLogsClient> {
  const config = await clientConfig("logs", globals, env, printer, localEndpoint);
  const { CloudWatchLogsClient } = loadLogsSdk();
  return new CloudWatchLogsClient(config as CloudWatchLogsClientConfig);
}

/**
 * Reads an error response's body into bytes before the SDK parses it. When the body is not JSON
 * (a proxy's or moto's HTML 500), the SDK's error keeps $response but its stream is spent; with
 * bytes there, error-mapping can print the body as the AWS CLI does. Successful bodies stay streams.
 */
function keepingErrorBodies(inner: RequestHandlerLike): RequestHandlerLike {
  return {
    async handle(request, options) {
      const result = await inner.handle(request, options);
      if (result.response.statusCode >= 300) result.response.body = await readBody(result.response.body);
      return result;
    },
    destroy: () => inner.destroy?.(),
    updateHttpClientConfig: (k, v) => inner.updateHttpClientConfig?.(k, v),
    httpHandlerConfigs: () => inner.httpHandlerConfigs?.() ?? {},
  };
}

/** Wraps a request handler to print each request and response on stderr, secrets redacted. */
function tracingHandler(inner: RequestHandlerLike, printer: Printer): RequestHandlerLike {
  return {
    async handle(request, options) {
      const target = String(request.headers["x-amz-target"] ?? "");
      printer.debug(
        `request: ${request.method} ${request.protocol}//${request.hostname}${request.port ? `:${request.port}` : ""}${request.path} ${target}`,
      );
      const sent = requestBodyText(request.body);
      // A body that is not text (a stream) is not shown; its digest headers are hidden with it.
      const sentShown = sent === undefined ? undefined : redactBody(sent);
      printer.debug(
        `request headers: ${JSON.stringify(redactHeaders(request.headers, sentShown?.heldSecret ?? true))}`,
      );
      if (sentShown !== undefined) printer.debug(`request body: ${sentShown.text}`);
      const started = Date.now();
      const result = await inner.handle(request, options);
      const body = await readBody(result.response.body);
      result.response.body = body;
      printer.debug(`response: ${result.response.statusCode} in ${Date.now() - started} ms`);
      const received = redactBody(Buffer.from(body).toString("utf8"));
      printer.debug(
        `response headers: ${JSON.stringify(redactHeaders(result.response.headers, received.heldSecret))}`,
      );
      printer.debug(`response body: ${received.text}`);
      return result;
    },
    destroy: () => inner.destroy?.(),
    updateHttpClientConfig: (k, v) => inner.updateHttpClientConfig?.(k, v),
    httpHandlerConfigs: () => inner.httpHandlerConfigs?.() ?? {},
  };
}

function requestBodyText(body: unknown): string | undefined {
  if (typeof body === "string") return body;
  // A view on the same bytes: Buffer.from(body) would call the SDK body's valueOf(), which warns.
  if (body instanceof Uint8Array)
    return Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString("utf8");
  return undefined;
}

async function readBody(body: unknown): Promise<Uint8Array> {
  if (body === undefined || body === null) return new Uint8Array();
  if (body instanceof Uint8Array) return body;
  if (typeof body === "string") return Buffer.from(body);
  const chunks: Buffer[] = [];
  for await (const chunk of body as AsyncIterable<Buffer | string>) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}
