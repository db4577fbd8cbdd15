// GetProvisionedLimit: an API category's default quota and the provisioned value (the default
// unless UpdateProvisionedLimit raised it).
import type { GetProvisionedLimitRequest } from "@aws-sdk/client-cognito-identity-provider";
import type { LimitDefinition } from "../services/provisioned-limits.js";
import { defineTarget } from "./target.js";

export default defineTarget<GetProvisionedLimitRequest>((input, { services }) => {
  return { Limit: services.provisionedLimits.get(input.LimitDefinition as LimitDefinition) };
});
