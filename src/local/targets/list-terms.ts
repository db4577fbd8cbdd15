// ListTerms: the pool's terms documents (summaries), oldest first, paginated.
import type { ListTermsRequest } from "@aws-sdk/client-cognito-identity-provider";
import { TermsService } from "../services/terms.js";
import { defineTarget } from "./target.js";

export default defineTarget<ListTermsRequest>((input, { services }) => {
  const pool = services.pools.get(input.UserPoolId as string);
  const { terms, nextToken } = services.terms.list(pool.id, input.MaxResults ?? 60, input.NextToken);
  return { Terms: terms.map(TermsService.summary), ...(nextToken ? { NextToken: nextToken } : {}) };
});
