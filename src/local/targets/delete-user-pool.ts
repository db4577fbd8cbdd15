import type { DeleteUserPoolRequest } from "@aws-sdk/client-cognito-identity-provider";
import { InvalidParameterException } from "../errors.js";
import { domainsOfPool } from "../services/domains.js";
import { refuseWhileImporting } from "../services/import-jobs.js";
import { defineTarget } from "./target.js";

export default defineTarget<DeleteUserPoolRequest>((input, { services }) => {
  const pool = services.pools.get(input.UserPoolId as string);
  refuseWhileImporting(services, input.UserPoolId as string);
  if (pool.data.DeletionProtection === "ACTIVE") {
    throw new InvalidParameterException(
      `The user pool ${pool.id} cannot be deleted because deletion protection is activated. Deletion protection must be inactivated first.`,
    );
  }
  if (domainsOfPool(services, pool.id).length > 0) {
    throw new InvalidParameterException(
      "User pool cannot be deleted. It has a domain configured that should be deleted first.",
    );
  }
  services.pools.delete(pool.id);
  return {};
});
