// DescribeTermsByClient: an app client's terms document of one name (terms-of-use / privacy-policy).
import type { DescribeTermsByClientRequest } from "@aws-sdk/client-cognito-identity-provider";
import { TermsService } from "../services/terms.js";
import { defineTarget } from "./target.js";

export default defineTarget<DescribeTermsByClientRequest>((input, { services }) => {
  const pool = services.pools.get(input.UserPoolId as string);
  const client = services.clients.get(pool.id, input.ClientId as string);
  return {
    Terms: TermsService.describe(
      services.terms.byClient(client.ClientId as string, input.TermsName as string),
    ),
  };
});
