// GetCSVHeader (§8): the standard columns, then custom attributes, then cognito:mfa_enabled and
// cognito:username.
import type { GetCSVHeaderRequest } from "@aws-sdk/client-cognito-identity-provider";
import { csvHeader } from "../services/csv-header.js";
import { defineTarget } from "./target.js";

export default defineTarget<GetCSVHeaderRequest>((input, { services }) => {
  const pool = services.pools.get(input.UserPoolId as string);
  return { UserPoolId: pool.id, CSVHeader: csvHeader(pool) };
});
