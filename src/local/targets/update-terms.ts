// UpdateTerms: changes the members given (name, source, enforcement, links); the others stay.
import type { UpdateTermsRequest } from "@aws-sdk/client-cognito-identity-provider";
import { TermsService } from "../services/terms.js";
import { defineTarget } from "./target.js";

export default defineTarget<UpdateTermsRequest>((input, { services }) => {
  const pool = services.pools.get(input.UserPoolId as string);
  const terms = services.terms.update(pool.id, input.TermsId as string, {
    TermsName: input.TermsName,
    TermsSource: input.TermsSource,
    Enforcement: input.Enforcement,
    Links: input.Links,
  });
  return { Terms: TermsService.describe(terms) };
});
