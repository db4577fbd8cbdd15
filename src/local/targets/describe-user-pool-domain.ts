// DescribeUserPoolDomain: like the service, an unknown domain is not an error but an empty description.
import type { DescribeUserPoolDomainRequest } from "@aws-sdk/client-cognito-identity-provider";
import { describeDomain, getDomain } from "../services/domains.js";
import { defineTarget } from "./target.js";

export default defineTarget<DescribeUserPoolDomainRequest>((input, { services, baseUrl }) => {
  const d = getDomain(services, input.Domain as string);
  return { DomainDescription: d ? describeDomain(services, d, baseUrl) : {} };
});
