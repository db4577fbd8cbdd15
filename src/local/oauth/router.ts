// Where a pool domain lives on the embedded endpoint, and which handler serves each of its paths.
//
// The URL scheme (docs/ARCHITECTURE.md, README): every domain created with CreateUserPoolDomain,
// prefix or custom, is served on the endpoint's own port under a path prefix,
//   http://127.0.0.1:PORT/domain/DOMAIN/oauth2/authorize   (…/oauth2/token, /oauth2/userInfo,
//   /oauth2/revoke, /login, /logout)
// which browsers, curl and Node's fetch reach without DNS; DescribeUserPoolDomain states it in
// CloudFrontDistribution. The same handlers also answer a Host of `PREFIX.auth.REGION.localhost`
// (browsers resolve *.localhost to loopback), mounted at "/". Host only picks which domain's pages
// to show, never who may do what: the server has already refused non-loopback Hosts and foreign
// browser Origins, and every URL the endpoint hands out is built from its own base URL.
import type { LocalEndpoint } from "../endpoint.js";
import { domainUrl, getDomain } from "../services/domains.js";
import { type DomainContext, escapeHtml, type OAuthRequest, type OAuthResponse } from "./http.js";

export const DOMAIN_MOUNT = "/domain/";

export { domainUrl };

type Handler = (ctx: DomainContext, req: OAuthRequest) => Promise<OAuthResponse> | OAuthResponse;

/** One module per endpoint (loaded on first use, like the operations' targets). */
const HANDLERS: Record<string, () => Promise<Handler>> = {
  "/oauth2/authorize": async () => (await import("./authorize.js")).authorize,
  "/login": async () => (await import("./login.js")).login,
  "/oauth2/token": async () => (await import("./token.js")).token,
  "/oauth2/userInfo": async () => (await import("./userinfo.js")).userInfo,
  "/oauth2/revoke": async () => (await import("./revoke.js")).revoke,
  "/logout": async () => (await import("./logout.js")).logout,
};

export interface DomainMatch {
  domain: string;
  mount: string;
  path: string;
}

/** The domain a request is for (by path prefix, or by a `PREFIX.auth.REGION.localhost` Host), if any. */
export function matchDomain(path: string, host: string | undefined, region: string): DomainMatch | undefined {
  if (path.startsWith(DOMAIN_MOUNT)) {
    const rest = path.slice(DOMAIN_MOUNT.length);
    const slash = rest.indexOf("/");
    const raw = slash < 0 ? rest : rest.slice(0, slash);
    let domain: string;
    try {
      domain = decodeURIComponent(raw);
    } catch {
      return undefined;
    }
    return { domain, mount: `${DOMAIN_MOUNT}${raw}`, path: slash < 0 ? "/" : rest.slice(slash) };
  }
  const name = (host ?? "").replace(/:\d+$/, "").toLowerCase();
  const suffix = `.auth.${region}.localhost`;
  if (name.endsWith(suffix) && name.length > suffix.length)
    return { domain: name.slice(0, -suffix.length), mount: "", path };
  return undefined;
}

/** Serves a request for a pool domain: the handler of its path, or a 404 page. */
export async function serveDomain(
  endpoint: LocalEndpoint,
  match: DomainMatch,
  req: Omit<OAuthRequest, "path">,
  baseUrl: string,
): Promise<OAuthResponse> {
  const services = endpoint.services;
  const domain = getDomain(services, match.domain);
  const pool = domain ? services.pools.find(domain.UserPoolId) : undefined;
  if (!domain || !pool) return page(404, `No user pool domain ${match.domain} on this endpoint.`);
  const load = Object.hasOwn(HANDLERS, match.path) ? HANDLERS[match.path] : undefined;
  if (!load) return page(404, `${match.path} is not an endpoint of a user pool domain.`);
  const handler = await load();
  return handler(
    { services, pool, domain, mount: match.mount, baseUrl: endpoint.baseUrl(baseUrl) },
    { ...req, path: match.path },
  );
}

/** A plain error page (what the domain shows when it cannot redirect). */
export function page(status: number, message: string): OAuthResponse {
  return {
    status,
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" },
    body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Error</title></head><body><main><h1>An error was encountered with the requested page.</h1><p role="alert">${escapeHtml(message)}</p></main></body></html>`,
  };
}
