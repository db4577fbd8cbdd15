// The one-shot loopback redirect of `auth login --web` (RFC 8252 §7.3): an HTTP listener on
// 127.0.0.1 only, at the port and path of the client's localhost CallbackURL. It waits for the one
// request to that path that carries the authorization response, answers the browser with a short
// page once the caller knows the outcome, and closes. Other requests (a favicon) get 404 and do not
// end the wait.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { CliError, ExitCode, UsageError } from "../../kernel/errors.js";

export interface Redirect {
  /** The authorization response's query parameters (code, state, or error, error_description). */
  params: URLSearchParams;
  /** Answers the browser (an HTML page) and closes the listener. */
  finish(ok: boolean, message: string): void;
}

export interface Loopback {
  /** The port listened on (the redirect_uri's, or a free one when it names 0). */
  port: number;
  /** Resolves with the first request to the callback path; rejects on timeout or close. */
  wait(timeoutMs: number): Promise<Redirect>;
  close(): Promise<void>;
}

export async function listenLoopback(port: number, path: string): Promise<Loopback> {
  let deliver: ((r: Redirect) => void) | undefined;
  let pending: Redirect | undefined;
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (req.method !== "GET" || url.pathname !== path || pending) {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("Not found\n");
      return;
    }
    pending = {
      params: url.searchParams,
      finish(ok, message) {
        res
          .writeHead(ok ? 200 : 400, {
            "content-type": "text/html; charset=utf-8",
            "cache-control": "no-store",
            // The page echoes nothing from the request; it still must not run or load anything.
            "content-security-policy": "default-src 'none'",
            connection: "close",
          })
          .end(page(ok, message));
        server.close();
      },
    };
    deliver?.(pending);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", (err: NodeJS.ErrnoException) =>
      reject(
        err.code === "EADDRINUSE"
          ? new UsageError(
              `Port ${port} on 127.0.0.1 is in use, so the sign-in's redirect cannot be received there. Close what listens on it, or register another http://localhost:PORT/ CallbackURL and pass --redirect-port PORT.`,
            )
          : err.code === "EACCES"
            ? new UsageError(
                `Port ${port} cannot be listened on without privileges. Register a CallbackURL with a port above 1023 (e.g. http://localhost:8400/callback) and pass --redirect-port 8400.`,
              )
            : err,
      ),
    );
    server.listen(port, "127.0.0.1", () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    wait(timeoutMs) {
      return new Promise<Redirect>((resolve, reject) => {
        const timer = setTimeout(() => {
          server.close();
          server.closeAllConnections();
          reject(
            new CliError(
              `No sign-in reached the redirect within ${Math.round(timeoutMs / 1000)} s; nothing was stored. Run the command again (or raise --timeout).`,
              ExitCode.OTHER,
            ),
          );
        }, timeoutMs);
        const done = (r: Redirect) => {
          clearTimeout(timer);
          resolve(r);
        };
        if (pending) done(pending);
        else deliver = done;
      });
    },
    async close() {
      if (!server.listening) return;
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

function page(ok: boolean, message: string): string {
  const text = message.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>cogctl: ${ok ? "signed in" : "sign-in failed"}</title></head><body><h1>${ok ? "Signed in" : "Sign-in failed"}</h1><p>${text}</p><p>You can close this tab and return to the terminal.</p></body></html>`;
}
