// DeleteUserPoolReplica: removes an INACTIVE secondary replica (answered DELETING).
import type { DeleteUserPoolReplicaRequest } from "@aws-sdk/client-cognito-identity-provider";
import { defineTarget } from "./target.js";

export default defineTarget<DeleteUserPoolReplicaRequest>((input, { services }) => {
  const pool = services.pools.get(input.UserPoolId as string);
  return { UserPoolReplica: services.replicas.delete(pool, input.RegionName as string) };
});
