import type { AddCustomAttributesRequest } from "@aws-sdk/client-cognito-identity-provider";
import { refuseWhileImporting } from "../services/import-jobs.js";
import { addCustomAttributes } from "../services/schema.js";
import { defineTarget } from "./target.js";

export default defineTarget<AddCustomAttributesRequest>((input, { services }) => {
  refuseWhileImporting(services, input.UserPoolId as string);
  services.pools.update(input.UserPoolId as string, (pool) => {
    pool.data.SchemaAttributes = addCustomAttributes(
      pool.data.SchemaAttributes ?? [],
      input.CustomAttributes ?? [],
    );
  });
  return {};
});
