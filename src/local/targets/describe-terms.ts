// DescribeTerms: one terms document by id.
import type { DescribeTermsRequest } from "@aws-sdk/client-cognito-identity-provider";
import { TermsService, termsOf } from "../services/terms.js";
import { defineTarget } from "./target.js";

export default defineTarget<DescribeTermsRequest>((input, { services }) => {
  const pool = services.pools.get(input.UserPoolId as string);
  return { Terms: TermsService.describe(termsOf(services).get(pool.id, input.TermsId as string)) };
});
