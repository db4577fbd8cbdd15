// UpdateUserPoolReplica: activates or deactivates a secondary replica.
import type { UpdateUserPoolReplicaRequest } from "@aws-sdk/client-cognito-identity-provider";
import { defineTarget } from "./target.js";

export default defineTarget<UpdateUserPoolReplicaRequest>((input, { services }) => {
  const pool = services.pools.get(input.UserPoolId as string);
  return {
    UserPoolReplica: services.replicas.update(
      pool,
      input.RegionName as string,
      input.Status as "ACTIVE" | "INACTIVE",
    ),
  };
});
