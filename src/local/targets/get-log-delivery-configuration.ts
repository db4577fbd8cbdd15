import type { GetLogDeliveryConfigurationRequest } from "@aws-sdk/client-cognito-identity-provider";
import { defineTarget } from "./target.js";

export default defineTarget<GetLogDeliveryConfigurationRequest>((input, { services }) => {
  const pool = services.pools.get(input.UserPoolId as string);
  const stored = services.resources.get<Record<string, unknown>>(pool.id, "log-delivery", "");
  return { LogDeliveryConfiguration: stored?.data ?? { UserPoolId: pool.id, LogConfigurations: [] } };
});
