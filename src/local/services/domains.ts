// User pool domains: a prefix domain (`<prefix>.auth.<region>.amazoncognito.com`) or a custom one,
// unique across the endpoint like across AWS.
import type { CustomDomainConfigType } from "@aws-sdk/client-cognito-identity-provider";
import { LOCAL_ACCOUNT_ID } from "./ids.js";
import type { LocalServices } from "./index.js";

export interface DomainData {
  UserPoolId: string;
  Domain: string;
  CustomDomainConfig?: CustomDomainConfigType;
  ManagedLoginVersion: number;
}

export function getDomain(services: LocalServices, domain: string): DomainData | undefined {
  const raw = services.db.prepare("SELECT data FROM domains WHERE domain = ?").pluck().get(domain) as
    | string
    | undefined;
  return raw ? JSON.parse(raw) : undefined;
}

export function domainsOfPool(services: LocalServices, poolId: string): DomainData[] {
  return (
    services.db.prepare("SELECT data FROM domains WHERE pool_id = ?").pluck().all(poolId) as string[]
  ).map((r) => JSON.parse(r));
}

/**
 * Where the embedded endpoint serves a domain (prefix or custom): a path on its own port, which
 * browsers, curl and fetch reach without DNS (oauth/router.ts).
 */
export const domainUrl = (baseUrl: string, domain: string): string =>
  `${baseUrl}/domain/${encodeURIComponent(domain)}`;

/**
 * DomainDescriptionType as DescribeUserPoolDomain returns it. On the embedded endpoint,
 * CloudFrontDistribution is the URL the domain is served at (domainUrl): nothing else in the
 * description is read by SDKs and CLIs that drop members the model does not have, and there is no
 * CloudFront distribution to alias a DNS name to.
 */
export function describeDomain(
  _services: LocalServices,
  d: DomainData,
  baseUrl: string,
): Record<string, unknown> {
  return {
    UserPoolId: d.UserPoolId,
    AWSAccountId: LOCAL_ACCOUNT_ID,
    Domain: d.Domain,
    S3Bucket: "aws-cognito-prod-local-assets",
    CloudFrontDistribution: domainUrl(baseUrl, d.Domain),
    Version: "20240101000000",
    Status: "ACTIVE",
    ...(d.CustomDomainConfig ? { CustomDomainConfig: d.CustomDomainConfig } : {}),
    ManagedLoginVersion: d.ManagedLoginVersion,
  };
}
