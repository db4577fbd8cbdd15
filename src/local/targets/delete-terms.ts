// DeleteTerms: removes a terms document by id.
import type { DeleteTermsRequest } from "@aws-sdk/client-cognito-identity-provider";
import { defineTarget } from "./target.js";

export default defineTarget<DeleteTermsRequest>((input, { services }) => {
  const pool = services.pools.get(input.UserPoolId as string);
  services.terms.delete(pool.id, input.TermsId as string);
  return {};
});
