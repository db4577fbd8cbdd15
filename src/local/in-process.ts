// `--local`: the AWS SDK client talks to the embedded endpoint without a server. This smithy
// HttpHandler hands each serialised request straight to LocalEndpoint.handle() and wraps the answer
// as an HTTP response (a stream, as node's HTTP handler gives), so signing, serialisation, error parsing and retries are the SDK's own.
import { Readable } from "node:stream";
import type { HttpHandlerOptions, HttpRequest, HttpResponse, RequestHandler } from "@smithy/types";
import { type EndpointOptions, LocalEndpoint } from "./endpoint.js";

/** What CognitoIdentityProviderClient accepts as `requestHandler` (smithy's HttpHandler). */
export type InProcessHttpHandler = RequestHandler<HttpRequest, HttpResponse, HttpHandlerOptions> & {
  updateHttpClientConfig(key: never, value: never): void;
  httpHandlerConfigs(): Record<string, never>;
};

export function createInProcessRequestHandler(endpoint: LocalEndpoint): InProcessHttpHandler {
  return {
    async handle(request: HttpRequest): Promise<{ response: HttpResponse }> {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(request.headers)) headers[k.toLowerCase()] = v;
      const body = await bodyBytes(request.body);
      // A macrotask turn per request, as a socket would give: a client calling in a tight loop
      // (all promises, no I/O) must not starve the import jobs running in this process.
      await new Promise<void>((resolve) => setImmediate(resolve));
      const out = await endpoint.handle({ target: headers["x-amz-target"] ?? "", body, headers });
      if (out.reset) throw connectionReset();
      return {
        response: {
          statusCode: out.status,
          headers: out.headers,
          body: Readable.from([Buffer.from(out.body)]),
        },
      };
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs: () => ({}),
  };
}

/**
 * What node's HTTP client raises when the server drops the connection without answering (`--faults
 * reset=...`): the SDK's retry strategy classifies code ECONNRESET as a transient error and retries,
 * exactly as it does over the wire.
 */
function connectionReset(): Error {
  return Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });
}

/** The body as the SDK gave it; bytes are decoded (strictly) by the endpoint, as for HTTP. */
async function bodyBytes(body: unknown): Promise<string | Uint8Array> {
  if (body === undefined || body === null) return "";
  if (typeof body === "string" || body instanceof Uint8Array) return body;
  if (typeof (body as AsyncIterable<Uint8Array>)[Symbol.asyncIterator] === "function") {
    const chunks: Buffer[] = [];
    for await (const c of body as AsyncIterable<Uint8Array>) chunks.push(Buffer.from(c));
    return Buffer.concat(chunks);
  }
  return String(body);
}

/** The endpoint `--local` uses: persistent in dataDir (the user's XDG data directory by default). */
export function openLocalEndpoint(
  opts: { dataDir: string; region: string } & Partial<EndpointOptions>,
): Promise<LocalEndpoint> {
  return LocalEndpoint.open({ ...opts });
}
