// CreateTerms: a terms-of-use or privacy-policy document (links per language) for an app client.
import type { CreateTermsRequest } from "@aws-sdk/client-cognito-identity-provider";
import { TermsService } from "../services/terms.js";
import { defineTarget } from "./target.js";

export default defineTarget<CreateTermsRequest>((input, { services }) => {
  const pool = services.pools.get(input.UserPoolId as string);
  const client = services.clients.get(pool.id, input.ClientId as string);
  const terms = services.terms.create(pool.id, client.ClientId as string, input.TermsName as string, {
    TermsSource: input.TermsSource as string,
    Enforcement: input.Enforcement as string,
    Links: input.Links as Record<string, string>,
  });
  return { Terms: TermsService.describe(terms) };
});
