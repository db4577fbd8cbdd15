// DescribeTerms: one terms document by id.
import type { DescribeTermsRequest } from "@aws-sdk/client-cognito-identity-provider";
import { TermsService } from "../services/terms.js";
import { defineTarget } from "./target.js";

export default defineTarget<DescribeTermsRequest>((input, { services }) => {
  const pool = services.pools.get(input.UserPoolId as string);
  return { Terms: TermsService.describe(services.terms.get(pool.id, input.TermsId as string)) };
});
