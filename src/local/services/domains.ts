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

/** DomainDescriptionType as DescribeUserPoolDomain returns it. */
export function describeDomain(services: LocalServices, d: DomainData): Record<string, unknown> {
  return {
    UserPoolId: d.UserPoolId,
    AWSAccountId: LOCAL_ACCOUNT_ID,
    Domain: d.Domain,
    S3Bucket: "aws-cognito-prod-local-assets",
    CloudFrontDistribution: d.CustomDomainConfig
      ? `d${hash(d.Domain)}.cloudfront.net`
      : `${d.Domain}.auth.${services.region}.amazoncognito.com`,
    Version: "20240101000000",
    Status: "ACTIVE",
    ...(d.CustomDomainConfig ? { CustomDomainConfig: d.CustomDomainConfig } : {}),
    ManagedLoginVersion: d.ManagedLoginVersion,
  };
}

function hash(s: string): string {
  let h = 0;
  for (const c of s) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return h.toString(36).padStart(8, "0").slice(0, 13);
}
