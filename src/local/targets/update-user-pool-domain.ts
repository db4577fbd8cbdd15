import type { UpdateUserPoolDomainRequest } from "@aws-sdk/client-cognito-identity-provider";
import { InvalidParameterException } from "../errors.js";
import { describeDomain, getDomain } from "../services/domains.js";
import { defineTarget } from "./target.js";

export default defineTarget<UpdateUserPoolDomainRequest>((input, { services, baseUrl }) => {
  const pool = services.pools.get(input.UserPoolId as string);
  const d = getDomain(services, input.Domain as string);
  if (!d || d.UserPoolId !== pool.id)
    throw new InvalidParameterException(`Domain ${input.Domain} does not exist in user pool ${pool.id}.`);
  if (input.CustomDomainConfig) d.CustomDomainConfig = input.CustomDomainConfig;
  if (input.ManagedLoginVersion !== undefined) d.ManagedLoginVersion = input.ManagedLoginVersion;
  services.db.prepare("UPDATE domains SET data = ? WHERE domain = ?").run(JSON.stringify(d), d.Domain);
  const desc = describeDomain(services, d, baseUrl);
  return {
    ...(d.CustomDomainConfig ? { CloudFrontDomain: desc.CloudFrontDistribution } : {}),
    ManagedLoginVersion: d.ManagedLoginVersion,
  };
});
