// `cogctl local serve`: the endpoint over HTTP. POST / carries the AWS JSON 1.1 protocol; OPTIONS
// answers CORS preflights for browser SDKs; PUT /_upload/... receives import-job CSV files at the
// presigned URL; GET /health is for scripts waiting for start-up. One log line per request, never
// with bodies (they hold passwords and tokens).
//
// The endpoint checks no credentials, so who may reach it is decided here, before a request acts:
// - Host must be a loopback name, the address listened on or the --public-url's host: a web page
//   that rebinds its own DNS name to 127.0.0.1 sends its own name as Host and is refused (421).
// - A request carrying an Origin (only browsers send one; SDKs and curl do not) must come from a
//   local origin or one given with --cors-origin; any other is refused (403), preflight or not,
//   since a "simple" cross-site POST needs no preflight to act.
// - URLs the endpoint hands out (PreSignedUrl, issuer) use the address it serves on, never Host.
// Pool domains (managed login, /oauth2/*) are served under /domain/DOMAIN/ (oauth/router.ts),
// behind the same two checks.
import { createWriteStream } from "node:fs";
import { rm } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { type AddressInfo, isIP } from "node:net";
import { pipeline } from "node:stream/promises";
import type { LocalEndpoint, WireResponse } from "./endpoint.js";
import { matchDomain, serveDomain } from "./oauth/router.js";
import { isAcceptedUpload } from "./services/import-upload.js";
import { wellKnown } from "./signin/well-known.js";

export const LOG_LEVELS = ["silent", "error", "warn", "info", "debug"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface ServerLog {
  level: LogLevel;
  /** Receives one finished line (no newline); the caller decides where it goes (stderr via IO). */
  write(line: string): void;
}

export interface ServerOptions {
  /** Default 127.0.0.1: loopback only unless asked. */
  host?: string;
  /** Default 9229; 0 picks a free port. */
  port?: number;
  endpoint: LocalEndpoint;
  log?: ServerLog;
  /** How clients reach the endpoint (a proxy, a container name): used in URLs it hands out. */
  publicUrl?: string;
  /** Browser origins allowed besides local ones (exact `scheme://host[:port]`). */
  corsOrigins?: string[];
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

const MAX_API_BODY = 1024 * 1024;
/** A token, revoke or login form is a few hundred bytes. */
const MAX_FORM_BODY = 64 * 1024;

const EXPOSED_HEADERS = "x-amzn-RequestId, x-amzn-ErrorType, x-amzn-ErrorMessage, Date";

/** A host name as compared here: lower case, an IPv6 address without its brackets. */
const bareHost = (name: string) => name.replace(/^\[(.*)\]$/, "$1").toLowerCase();

/** An address meaning "every interface": how one listens, never a name one is reached by. */
export const isWildcardHost = (host: string) => ["0.0.0.0", "::", "[::]", ""].includes(host);

/** localhost, 127/8 and ::1: names that cannot be rebound to another machine. */
export function isLoopbackHost(hostname: string): boolean {
  const h = bareHost(hostname);
  if (h === "localhost" || h.endsWith(".localhost")) return true;
  if (isIP(h) === 4) return h.startsWith("127.");
  return h === "::1";
}

/** The host name of a Host header value (`name:port`, `[v6]:port`); undefined when malformed. */
function hostnameOf(host: string): string | undefined {
  try {
    return bareHost(new URL(`http://${host}`).hostname);
  } catch {
    return undefined;
  }
}

/** An origin string in canonical form (`http://localhost:3000`); undefined when not http(s). */
export function canonicalOrigin(origin: string): string | undefined {
  try {
    const u = new URL(origin);
    if (u.protocol !== "http:" && u.protocol !== "https:") return undefined;
    if (u.username || u.password || u.pathname !== "/" || u.search || u.hash) return undefined;
    return u.origin;
  } catch {
    return undefined;
  }
}

const rank = (l: LogLevel) => LOG_LEVELS.indexOf(l);

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const { endpoint } = opts;
  const host = opts.host ?? "127.0.0.1";
  const corsOrigins = new Set<string>();
  for (const o of opts.corsOrigins ?? []) {
    const c = canonicalOrigin(o);
    if (!c) throw new TypeError(`Not an http(s) origin: ${o}`);
    corsOrigins.add(c);
  }
  const publicUrl = opts.publicUrl === undefined ? undefined : new URL(opts.publicUrl);
  const allowedHosts = new Set<string>();
  if (publicUrl) allowedHosts.add(bareHost(publicUrl.hostname));
  // A specific address listened on (--host 192.168.1.5) is how the LAN reaches it; a wildcard is not a name.
  if (!isWildcardHost(host)) allowedHosts.add(bareHost(host));
  let baseUrl = "";

  const hostAllowed = (value: string | undefined): boolean => {
    // HTTP/1.0 without Host: nothing a browser sends, and nothing to rebind.
    if (value === undefined) return true;
    const name = hostnameOf(value);
    return name !== undefined && (isLoopbackHost(name) || allowedHosts.has(name));
  };
  const originAllowed = (origin: string): boolean => {
    const c = canonicalOrigin(origin);
    return c !== undefined && (isLoopbackHost(new URL(c).hostname) || corsOrigins.has(c));
  };
  const log = (level: Exclude<LogLevel, "silent">, line: string) => {
    if (opts.log && rank(opts.log.level) >= rank(level)) opts.log.write(line);
  };

  const server = createServer((req, res) => {
    const started = process.hrtime.bigint();
    let label = "";
    res.on("finish", () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const level = res.statusCode >= 500 ? "error" : "info";
      // The path only: an upload URL's query string carries its signature.
      log(
        level,
        `${req.method} ${(req.url ?? "").split("?")[0]} ${label}${res.statusCode} ${ms.toFixed(1)}ms`,
      );
    });
    route(req, res, (l) => {
      label = l;
    }).catch((err: unknown) => {
      log("error", `request failed: ${err instanceof Error ? err.message : String(err)}`);
      if (!res.headersSent)
        send(
          res,
          500,
          { "content-type": "application/json" },
          '{"__type":"InternalErrorException","message":"Internal error."}',
        );
      else res.destroy();
    });
  });

  async function route(
    req: IncomingMessage,
    res: ServerResponse,
    setLabel: (l: string) => void,
  ): Promise<void> {
    const path = (req.url ?? "/").split("?")[0];
    if (!hostAllowed(req.headers.host)) {
      refuse(
        res,
        421,
        "MisdirectedRequest",
        "This endpoint answers only to a loopback Host or its --public-url.",
      );
      return;
    }
    const origin = req.headers.origin;
    if (origin !== undefined && !originAllowed(origin)) {
      refuse(
        res,
        403,
        "AccessDeniedException",
        "Requests from this browser origin are not allowed (see --cors-origin).",
      );
      return;
    }
    // Only an allowed Origin is echoed back; without an Origin there is no CORS to speak of.
    const cors: Record<string, string> =
      origin === undefined
        ? {}
        : {
            "access-control-allow-origin": origin,
            "access-control-expose-headers": EXPOSED_HEADERS,
            vary: "Origin",
          };
    const reply = (status: number, headers: Record<string, string | string[]>, body?: string) =>
      send(res, status, { ...cors, ...headers }, body);
    if (req.method === "OPTIONS") {
      reply(204, {
        "access-control-allow-methods": "GET, POST, PUT, OPTIONS",
        "access-control-allow-headers": req.headers["access-control-request-headers"] ?? "*",
        "access-control-max-age": "86400",
      });
      return;
    }
    const domain = matchDomain(path, req.headers.host, endpoint.region);
    if (domain && (req.method === "GET" || req.method === "POST")) {
      setLabel(`${domain.path} `);
      const body = req.method === "POST" ? await readBody(req, MAX_FORM_BODY) : Buffer.alloc(0);
      if (body === undefined) {
        res.setHeader("connection", "close");
        res.once("finish", () => req.destroy());
        reply(413, { "content-type": "application/json" }, '{"error":"invalid_request"}');
        return;
      }
      const url = new URL(req.url ?? "/", "http://local");
      const out = await serveDomain(
        endpoint,
        domain,
        {
          method: req.method,
          query: url.searchParams,
          headers: flatHeaders(req),
          body: body.toString("utf8"),
        },
        baseUrl,
      );
      reply(out.status, out.headers, out.body);
      return;
    }
    if (req.method === "POST") {
      const target = String(req.headers["x-amz-target"] ?? "");
      setLabel(`${target.slice(target.indexOf(".") + 1)} `);
      // A declared length over the limit is refused before reading; an undeclared one is cut off.
      const declared = Number(req.headers["content-length"] ?? 0);
      const body = declared > MAX_API_BODY ? undefined : await readBody(req, MAX_API_BODY);
      if (body === undefined) {
        res.setHeader("connection", "close");
        res.once("finish", () => req.destroy());
        reply(
          413,
          { "content-type": "application/json" },
          '{"__type":"SerializationException","message":"Request body too large."}',
        );
        return;
      }
      const out = await endpoint.handle({ target, body, headers: flatHeaders(req), baseUrl });
      if (out.reset) {
        // An injected dropped connection: no status line, no bytes; the client sees ECONNRESET.
        log("info", `POST ${path} ${target.slice(target.indexOf(".") + 1)} connection reset (--faults)`);
        req.socket.destroy();
        return;
      }
      reply(out.status, out.headers, out.body);
      return;
    }
    if (req.method === "PUT" && path.startsWith("/_upload/")) {
      const out = await receiveUpload(req, res);
      reply(out.status, out.headers, out.body);
      return;
    }
    if (req.method === "GET" && path === "/health") {
      reply(
        200,
        { "content-type": "application/json" },
        JSON.stringify({ status: "ok", region: endpoint.region }),
      );
      return;
    }
    if (req.method === "GET" && path.includes("/.well-known/")) {
      const known = await wellKnown(endpoint, path, baseUrl);
      if (known) return reply(known.status, known.headers, known.body);
    }
    reply(
      404,
      { "content-type": "application/json" },
      '{"__type":"UnknownOperationException","message":"POST / with an X-Amz-Target header."}',
    );
  }

  /**
   * Refuses from the URL and headers alone when it can (the body is then never read: the connection
   * is closed after the answer), else streams the body to a spool file bounded by the declared
   * length and hands the bytes to the endpoint.
   */
  async function receiveUpload(req: IncomingMessage, res: ServerResponse): Promise<WireResponse> {
    const headers = flatHeaders(req);
    const checked = endpoint.checkUpload(`${baseUrl}${req.url ?? ""}`, headers);
    if (!isAcceptedUpload(checked)) {
      res.setHeader("connection", "close");
      res.once("finish", () => req.destroy());
      return checked;
    }
    const spool = endpoint.spoolPath();
    try {
      await pipeline(req, createWriteStream(spool, { mode: 0o600, flags: "wx" }));
      return endpoint.storeUpload(checked, spool);
    } finally {
      await rm(spool, { force: true });
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 9229, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const addr = server.address() as AddressInfo;
  const shownHost = addr.family === "IPv6" ? `[${addr.address}]` : addr.address;
  const url = `http://${shownHost}:${addr.port}`;
  baseUrl = publicUrl ? publicUrl.href.replace(/\/$/, "") : url;
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function send(
  res: ServerResponse,
  status: number,
  headers: Record<string, string | string[]>,
  body?: string,
): void {
  res.writeHead(status, {
    ...headers,
    ...(body !== undefined ? { "content-length": Buffer.byteLength(body) } : {}),
  });
  res.end(body);
}

function flatHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers))
    if (v !== undefined) out[k] = Array.isArray(v) ? v.join(", ") : v;
  return out;
}

/**
 * Reads the body; undefined as soon as it grows past limit. Reading then stops without destroying
 * the request (that would take the socket, and the 413, with it): the caller closes after answering.
 */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      req.off("data", onData);
      req.pause();
      resolve(undefined);
    };
    req.on("data", onData);
    req.once("end", () => resolve(Buffer.concat(chunks)));
    req.once("error", reject);
  });
}

/** A refusal before anything is read: short, and the connection is not kept for another request. */
function refuse(res: ServerResponse, status: number, type: string, message: string): void {
  res.setHeader("connection", "close");
  send(res, status, { "content-type": "application/json" }, JSON.stringify({ __type: type, message }));
}
