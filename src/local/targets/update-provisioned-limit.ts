// UpdateProvisionedLimit: stores an API category's provisioned rate (at least its default quota).
import type { UpdateProvisionedLimitRequest } from "@aws-sdk/client-cognito-identity-provider";
import type { LimitDefinition } from "../services/provisioned-limits.js";
import { defineTarget } from "./target.js";

export default defineTarget<UpdateProvisionedLimitRequest>((input, { services }) => {
  const limit = services.provisionedLimits.update(
    input.LimitDefinition as LimitDefinition,
    input.RequestedLimitValue as number,
  );
  return { Limit: limit };
});
