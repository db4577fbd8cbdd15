// GET /<poolId>/.well-known/jwks.json and /<poolId>/.well-known/openid-configuration: what JWT
// libraries (aws-jwt-verify, jose, any OIDC client) fetch from a pool's issuer URL. The issuer is the
// endpoint's own base URL (the address it serves on, or --public-url) plus the pool id, as in tokens.
import type { LocalEndpoint, WireResponse } from "../endpoint.js";
import { domainsOfPool, domainUrl } from "../services/domains.js";

const PATH = /^\/([\w-]+_[0-9a-zA-Z]+)\/\.well-known\/(jwks\.json|openid-configuration)$/;

const json = (status: number, body: unknown): WireResponse => ({
  status,
  headers: { "content-type": "application/json", "cache-control": "max-age=300" },
  body: JSON.stringify(body),
});

/** The response for a well-known path of an existing pool; undefined for any other path. */
export async function wellKnown(
  endpoint: LocalEndpoint,
  path: string,
  baseUrl: string,
): Promise<WireResponse | undefined> {
  const m = PATH.exec(path);
  if (!m) return undefined;
  const [, poolId, doc] = m;
  const { services } = endpoint;
  if (!services.pools.find(poolId)) {
    return json(404, { __type: "ResourceNotFoundException", message: `User pool ${poolId} does not exist.` });
  }
  if (doc === "jwks.json") return json(200, await services.keys.jwks());
  const base = endpoint.baseUrl(baseUrl);
  const issuer = `${base}/${poolId}`;
  // The OAuth endpoints are the pool domain's (COGNITO-FACTS §12): the prefix domain, else the
  // custom one. A pool without a domain has none to name, so the document names none.
  const domains = domainsOfPool(services, poolId);
  const domain = domains.find((d) => !d.CustomDomainConfig) ?? domains[0];
  const at = domain ? domainUrl(base, domain.Domain) : undefined;
  return json(200, {
    issuer,
    jwks_uri: `${issuer}/.well-known/jwks.json`,
    ...(at
      ? {
          authorization_endpoint: `${at}/oauth2/authorize`,
          token_endpoint: `${at}/oauth2/token`,
          userinfo_endpoint: `${at}/oauth2/userInfo`,
          revocation_endpoint: `${at}/oauth2/revoke`,
          end_session_endpoint: `${at}/logout`,
        }
      : {}),
    response_types_supported: ["code", "token"],
    subject_types_supported: ["public"],
    id_token_signing_alg_values_supported: ["RS256"],
    scopes_supported: ["openid", "email", "phone", "profile"],
    token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
  });
}
