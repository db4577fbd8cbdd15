// CreateUserPoolReplica: records a secondary Region of the pool (answered CREATING; INACTIVE at once
// locally, as nothing is copied). Not the pool's own Region, not twice, at most 10.
import type { CreateUserPoolReplicaRequest } from "@aws-sdk/client-cognito-identity-provider";
import { defineTarget } from "./target.js";

export default defineTarget<CreateUserPoolReplicaRequest>((input, { services }) => {
  const pool = services.pools.get(input.UserPoolId as string);
  return {
    UserPoolReplica: services.replicas.create(pool, input.RegionName as string, input.UserPoolTags),
  };
});
