// A tiny stand-in for a pool domain's OAuth endpoints (/oauth2/authorize, /oauth2/token,
// /oauth2/revoke), for the client-side UNIT tests of `auth login --web` and `auth
// client-credentials` only: it signs nobody in through a page (the authorize endpoint redirects at
// once), and its tokens are HS256 JWTs that only need to decode. The end-to-end tests run against
// the embedded endpoint's real domain. It counts and logs every request so a test can prove that a
// cached call made none.
import { createHash, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { SignJWT } from "jose";

export interface FakeClient {
  secret?: string;
  scopes: string[];
  callbackUrls?: string[];
}

export interface FakeDomain {
  url: string;
  clients: Map<string, FakeClient>;
  /** Every request, as "METHOD /path grant_type?". */
  log: string[];
  count(prefix: string): number;
  /** What the authorize endpoint does: sign in as alice, answer an error, or send a wrong state. */
  mode: "ok" | "error" | "bad-state";
  revoked: Set<string>;
  close(): Promise<void>;
}

const KEY = new TextEncoder().encode("fake-domain-key-for-unit-tests-only");

export async function startFakeDomain(): Promise<FakeDomain> {
  const codes = new Map<
    string,
    { clientId: string; redirectUri: string; challenge: string; nonce?: string }
  >();
  const log: string[] = [];
  const fake: FakeDomain = {
    url: "",
    clients: new Map(),
    log,
    count: (prefix) => log.filter((l) => l.startsWith(prefix)).length,
    mode: "ok",
    revoked: new Set(),
    close: async () => {},
  };
  const jwt = (claims: Record<string, unknown>, seconds: number) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: "HS256" })
      .setIssuedAt()
      .setExpirationTime(`${seconds}s`)
      .setJti(randomBytes(8).toString("hex"))
      .sign(KEY);
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const send = (status: number, body: unknown) =>
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    if (req.method === "GET" && url.pathname === "/oauth2/authorize") {
      log.push("GET /oauth2/authorize");
      const q = url.searchParams;
      const client = fake.clients.get(q.get("client_id") ?? "");
      const redirect = q.get("redirect_uri") ?? "";
      if (!client || !(client.callbackUrls ?? []).includes(redirect))
        return send(400, { error: "redirect_mismatch" });
      const to = new URL(redirect);
      if (fake.mode === "error") {
        to.searchParams.set("error", "access_denied");
        to.searchParams.set("error_description", "the user said no");
      } else {
        const code = randomBytes(12).toString("hex");
        codes.set(code, {
          clientId: q.get("client_id") as string,
          redirectUri: redirect,
          challenge: q.get("code_challenge") ?? "",
          nonce: q.get("nonce") ?? undefined,
        });
        to.searchParams.set("code", code);
        to.searchParams.set("state", fake.mode === "bad-state" ? "forged" : (q.get("state") ?? ""));
      }
      return res.writeHead(302, { location: to.toString() }).end();
    }
    if (req.method !== "POST") return send(404, { error: "not_found" });
    const form = new URLSearchParams(await body(req));
    log.push(`POST ${url.pathname} ${form.get("grant_type") ?? ""}`.trim());
    // Client authentication: Basic, or client_id (+ client_secret) in the body.
    let clientId = form.get("client_id") ?? "";
    let secret = form.get("client_secret") ?? undefined;
    const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? "");
    if (basic) {
      const [id, s] = Buffer.from(basic[1], "base64").toString().split(":").map(decodeURIComponent);
      clientId = id;
      secret = s;
    }
    const client = fake.clients.get(clientId);
    if (!client || (client.secret !== undefined && client.secret !== secret))
      return send(400, { error: "invalid_client" });
    if (url.pathname === "/oauth2/revoke") {
      fake.revoked.add(form.get("token") ?? "");
      return res.writeHead(200).end();
    }
    if (url.pathname !== "/oauth2/token") return send(404, { error: "not_found" });
    const grant = form.get("grant_type");
    if (grant === "client_credentials") {
      if (client.secret === undefined) return send(400, { error: "invalid_client" });
      const asked = (form.get("scope") ?? "").split(" ").filter(Boolean);
      if (asked.some((s) => !client.scopes.includes(s))) return send(400, { error: "invalid_scope" });
      const scope = (asked.length ? asked : client.scopes).join(" ");
      return send(200, {
        access_token: await jwt({ sub: clientId, client_id: clientId, token_use: "access", scope }, 3600),
        expires_in: 3600,
        token_type: "Bearer",
      });
    }
    if (grant === "authorization_code") {
      const c = codes.get(form.get("code") ?? "");
      codes.delete(form.get("code") ?? "");
      const verifier = form.get("code_verifier") ?? "";
      if (
        !c ||
        c.clientId !== clientId ||
        c.redirectUri !== form.get("redirect_uri") ||
        createHash("sha256").update(verifier).digest("base64url") !== c.challenge
      )
        return send(400, { error: "invalid_grant" });
      return send(200, await userTokens(clientId, c.nonce, true));
    }
    if (grant === "refresh_token") {
      if (fake.revoked.has(form.get("refresh_token") ?? "")) return send(400, { error: "invalid_grant" });
      return send(200, await userTokens(clientId, undefined, false));
    }
    return send(400, { error: "unsupported_grant_type" });
  });
  async function userTokens(clientId: string, nonce: string | undefined, withRefresh: boolean) {
    const user = { sub: "11111111-2222-3333-4444-555555555555" };
    return {
      access_token: await jwt(
        { ...user, client_id: clientId, token_use: "access", scope: "openid email", username: "alice" },
        3600,
      ),
      id_token: await jwt(
        {
          ...user,
          aud: clientId,
          token_use: "id",
          "cognito:username": "alice",
          email: "alice@example.com",
          ...(nonce ? { nonce } : {}),
        },
        3600,
      ),
      ...(withRefresh ? { refresh_token: randomBytes(24).toString("base64url") } : {}),
      expires_in: 3600,
      token_type: "Bearer",
    };
  }
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return fake;
}

function body(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = "";
    req.on("data", (c) => (text += c));
    req.on("end", () => resolve(text));
    req.on("error", reject);
  });
}

/** A port free at this moment, for a CallbackURL the test registers before cogctl listens on it. */
export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}
