// Where a pool's OAuth 2.0 endpoints live (COGNITO-FACTS §12). Against AWS: the pool's custom domain
// (https://auth.example.com) or its prefix domain (https://PREFIX.auth.REGION.amazoncognito.com),
// both named by DescribeUserPool. Against another endpoint (cogctl local serve, --endpoint-url) the
// prefix is not a name this machine resolves, so the endpoint's DescribeUserPoolDomain must state a
// URL it serves the domain at (an http(s) URL in CloudFrontDistribution). --domain-url (or
// COGCTL_OAUTH_DOMAIN) names it outright, with no request: for callers without admin credentials.
import type { CognitoCall } from "../../kernel/cognito-call.js";
import type { Context } from "../../kernel/context.js";
import { UsageError } from "../../kernel/errors.js";

export interface DomainChoice {
  domainUrl?: string;
}

/** --domain-url or COGCTL_OAUTH_DOMAIN, checked; undefined when neither is set. */
export function givenDomainUrl(opts: DomainChoice, env: Readonly<Record<string, string | undefined>>) {
  const raw = opts.domainUrl ?? env.COGCTL_OAUTH_DOMAIN;
  if (raw === undefined || raw === "") return undefined;
  const flag = opts.domainUrl !== undefined ? "--domain-url" : "COGCTL_OAUTH_DOMAIN";
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(
      `${flag}: '${raw}' is not a URL; give the pool domain's base URL, e.g. https://example.auth.us-east-1.amazoncognito.com.`,
    );
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    throw new UsageError(`${flag}: '${raw}' must be an http:// or https:// URL.`);
  if (url.search || url.hash)
    throw new UsageError(`${flag}: '${raw}' must be the domain's base URL, without a query or fragment.`);
  return trimSlash(url.toString());
}

const trimSlash = (u: string) => u.replace(/\/+$/, "");

/** The base URL of the pool's domain: given, or read from the pool. */
export async function oauthDomainUrl(
  ctx: Pick<Context, "globals" | "io">,
  call: CognitoCall,
  userPoolId: string | undefined,
  opts: DomainChoice,
): Promise<string> {
  const given = givenDomainUrl(opts, ctx.io.env);
  if (given) return given;
  if (!userPoolId)
    throw new UsageError(
      "The pool's domain is needed: pass --pool (cogctl reads its domain with DescribeUserPool) or --domain-url.",
    );
  if (ctx.globals.local)
    throw new UsageError(
      "The pool domain's OAuth endpoints are served over HTTP, which --local (in process) has none of: start 'cogctl local serve' and pass --endpoint-url with its URL (or --domain-url).",
    );
  const pool = (await call("DescribeUserPool", { UserPoolId: userPoolId })).UserPool ?? {};
  const custom = typeof pool.CustomDomain === "string" && pool.CustomDomain ? pool.CustomDomain : undefined;
  const prefix = typeof pool.Domain === "string" && pool.Domain ? pool.Domain : undefined;
  const domain = custom ?? prefix;
  if (!domain)
    throw new UsageError(
      `User pool ${userPoolId} has no domain, so it has no OAuth 2.0 endpoints. Create one with 'cogctl create-user-pool-domain --user-pool-id ${userPoolId} --domain PREFIX', or pass --domain-url.`,
    );
  if (!ctx.globals.endpointUrl) {
    if (custom) return `https://${custom}`;
    // A pool id starts with its region (us-east-1_AbC123): the domain's region, whatever --region says.
    const region = userPoolId.split("_")[0] || ctx.globals.region;
    return `https://${prefix}.auth.${region}.amazoncognito.com`;
  }
  const description = (await call("DescribeUserPoolDomain", { Domain: domain })).DomainDescription ?? {};
  const stated =
    typeof description.CloudFrontDistribution === "string" &&
    /^https?:\/\//.test(description.CloudFrontDistribution)
      ? description.CloudFrontDistribution
      : undefined;
  if (stated) return trimSlash(stated);
  throw new UsageError(
    `The endpoint at ${ctx.globals.endpointUrl} states no URL for domain '${domain}' of pool ${userPoolId} (DescribeUserPoolDomain): pass the URL it serves the domain at with --domain-url.`,
  );
}
