// `cogctl local serve`: the endpoint over HTTP. POST / carries the AWS JSON 1.1 protocol; OPTIONS
// answers CORS preflights for browser SDKs; PUT /_upload/... receives import-job CSV files at the
// presigned URL; GET /health is for scripts waiting for start-up. One log line per request, never
// with bodies (they hold passwords and tokens).
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { wellKnown } from "./auth/well-known.js";
import type { LocalEndpoint } from "./endpoint.js";

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
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

const MAX_API_BODY = 1024 * 1024;
/** §8: CSV files up to 100 MB. */
export const MAX_UPLOAD_BODY = 100 * 1024 * 1024;

const CORS = {
  "access-control-allow-origin": "*",
  "access-control-expose-headers": "x-amzn-RequestId, x-amzn-ErrorType, x-amzn-ErrorMessage, Date",
};

const rank = (l: LogLevel) => LOG_LEVELS.indexOf(l);

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const { endpoint } = opts;
  const host = opts.host ?? "127.0.0.1";
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
    if (req.method === "OPTIONS") {
      send(res, 204, {
        "access-control-allow-methods": "GET, POST, PUT, OPTIONS",
        "access-control-allow-headers": req.headers["access-control-request-headers"] ?? "*",
        "access-control-max-age": "86400",
      });
      return;
    }
    if (req.method === "POST") {
      const target = String(req.headers["x-amz-target"] ?? "");
      setLabel(`${target.slice(target.indexOf(".") + 1)} `);
      const body = await readBody(req, MAX_API_BODY);
      if (body === undefined) {
        send(
          res,
          413,
          { "content-type": "application/json" },
          '{"__type":"SerializationException","message":"Request body too large."}',
        );
        return;
      }
      const out = await endpoint.handle({ target, body: body.toString("utf8"), headers: flatHeaders(req) });
      send(res, out.status, out.headers, out.body);
      return;
    }
    if (req.method === "PUT" && path.startsWith("/_upload/")) {
      const body = await readBody(req, MAX_UPLOAD_BODY);
      const url = `http://${req.headers.host ?? "localhost"}${req.url}`;
      const out =
        body === undefined
          ? {
              status: 400,
              headers: { "content-type": "application/xml" },
              body: s3Error("EntityTooLarge", "Your proposed upload exceeds the maximum allowed size"),
            }
          : endpoint.acceptUpload(url, body, flatHeaders(req));
      send(res, out.status, out.headers, out.body);
      return;
    }
    if (req.method === "GET" && path === "/health") {
      send(
        res,
        200,
        { "content-type": "application/json" },
        JSON.stringify({ status: "ok", region: endpoint.region }),
      );
      return;
    }
    if (req.method === "GET" && path.includes("/.well-known/")) {
      const known = await wellKnown(endpoint, path, flatHeaders(req));
      if (known) return send(res, known.status, known.headers, known.body);
    }
    send(
      res,
      404,
      { "content-type": "application/json" },
      '{"__type":"UnknownOperationException","message":"POST / with an X-Amz-Target header."}',
    );
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
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function send(res: ServerResponse, status: number, headers: Record<string, string>, body?: string): void {
  res.writeHead(status, {
    ...CORS,
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

/** Reads the body; undefined when it is larger than limit (the rest is drained). */
async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  let tooBig = false;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) tooBig = true;
    else chunks.push(chunk as Buffer);
  }
  return tooBig ? undefined : Buffer.concat(chunks);
}

export function s3Error(code: string, message: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`;
}
