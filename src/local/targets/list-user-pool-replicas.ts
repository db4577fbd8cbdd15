// ListUserPoolReplicas: the primary (the endpoint's Region) and the secondary replicas, in one page.
import type { ListUserPoolReplicasRequest } from "@aws-sdk/client-cognito-identity-provider";
import { InvalidParameterException } from "../errors.js";
import { defineTarget } from "./target.js";

export default defineTarget<ListUserPoolReplicasRequest>((input, { services }) => {
  const pool = services.pools.get(input.UserPoolId as string);
  // At most 11 entries: always one page, so no token was ever issued.
  if (input.NextToken !== undefined) throw new InvalidParameterException("Invalid pagination token.");
  return { UserPoolReplicas: services.replicas.list(pool) };
});
