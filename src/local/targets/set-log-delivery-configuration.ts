import type { SetLogDeliveryConfigurationRequest } from "@aws-sdk/client-cognito-identity-provider";
import { InvalidParameterException } from "../errors.js";
import { defineTarget } from "./target.js";

export default defineTarget<SetLogDeliveryConfigurationRequest>((input, { services }) => {
  const pool = services.pools.get(input.UserPoolId as string);
  for (const c of input.LogConfigurations ?? []) {
    if (!c.CloudWatchLogsConfiguration && !c.S3Configuration && !c.FirehoseConfiguration) {
      throw new InvalidParameterException(
        "A log configuration needs a CloudWatch Logs, S3 or Firehose destination.",
      );
    }
  }
  const config = { UserPoolId: pool.id, LogConfigurations: input.LogConfigurations ?? [] };
  services.resources.put(pool.id, "log-delivery", "", config);
  return { LogDeliveryConfiguration: config };
});
