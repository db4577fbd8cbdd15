// CreateUserPoolDomain: one prefix domain and one custom domain per pool; names unique everywhere.
import type { CreateUserPoolDomainRequest } from "@aws-sdk/client-cognito-identity-provider";
import { InvalidParameterException } from "../errors.js";
import { describeDomain, domainsOfPool, getDomain } from "../services/domains.js";
import { defineTarget } from "./target.js";

export default defineTarget<CreateUserPoolDomainRequest>((input, { services, baseUrl }) => {
  const pool = services.pools.get(input.UserPoolId as string);
  const domain = input.Domain as string;
  const custom = input.CustomDomainConfig !== undefined;
  if (!custom && !/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(domain)) {
    throw new InvalidParameterException(
      "Domain prefix can only contain lower-case letters, numbers, and hyphens.",
    );
  }
  if (!custom && /aws|amazon|cognito/.test(domain)) {
    throw new InvalidParameterException("Domain cannot contain reserved word: aws, amazon or cognito.");
  }
  if (getDomain(services, domain)) throw new InvalidParameterException("Domain already exists.");
  if (domainsOfPool(services, pool.id).some((d) => (d.CustomDomainConfig !== undefined) === custom)) {
    throw new InvalidParameterException(
      `User pool ${pool.id} already has a ${custom ? "custom " : ""}domain configured.`,
    );
  }
  const data = {
    UserPoolId: pool.id,
    Domain: domain,
    ...(custom ? { CustomDomainConfig: input.CustomDomainConfig } : {}),
    ManagedLoginVersion: input.ManagedLoginVersion ?? 1,
  };
  services.db
    .prepare("INSERT INTO domains (domain, pool_id, data) VALUES (?, ?, ?)")
    .run(domain, pool.id, JSON.stringify(data));
  const d = describeDomain(services, data, baseUrl);
  return {
    ...(custom ? { CloudFrontDomain: d.CloudFrontDistribution } : {}),
    ManagedLoginVersion: data.ManagedLoginVersion,
  };
});
