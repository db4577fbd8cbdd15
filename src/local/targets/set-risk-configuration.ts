import type { SetRiskConfigurationRequest } from "@aws-sdk/client-cognito-identity-provider";
import { InvalidParameterException } from "../errors.js";
import { toEpochSeconds } from "../services/ids.js";
import { defineTarget } from "./target.js";

export default defineTarget<SetRiskConfigurationRequest>((input, { services }) => {
  const pool = services.pools.get(input.UserPoolId as string);
  const key = input.ClientId ?? "ALL";
  if (input.ClientId) services.clients.get(pool.id, input.ClientId);
  const notify = input.AccountTakeoverRiskConfiguration?.NotifyConfiguration;
  if (notify && !notify.SourceArn)
    throw new InvalidParameterException("SourceArn is required in NotifyConfiguration.");
  const now = services.clock().getTime();
  const data = {
    ...(input.CompromisedCredentialsRiskConfiguration
      ? { CompromisedCredentialsRiskConfiguration: input.CompromisedCredentialsRiskConfiguration }
      : {}),
    ...(input.AccountTakeoverRiskConfiguration
      ? { AccountTakeoverRiskConfiguration: input.AccountTakeoverRiskConfiguration }
      : {}),
    ...(input.RiskExceptionConfiguration
      ? { RiskExceptionConfiguration: input.RiskExceptionConfiguration }
      : {}),
    LastModified: now,
  };
  services.resources.put(pool.id, "risk-configuration", key, data);
  const { LastModified, ...rest } = data;
  return {
    RiskConfiguration: {
      UserPoolId: pool.id,
      ...(input.ClientId ? { ClientId: input.ClientId } : {}),
      ...rest,
      LastModifiedDate: toEpochSeconds(LastModified),
    },
  };
});
