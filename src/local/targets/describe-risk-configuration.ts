import type { DescribeRiskConfigurationRequest } from "@aws-sdk/client-cognito-identity-provider";
import { toEpochSeconds } from "../services/ids.js";
import { defineTarget } from "./target.js";

export default defineTarget<DescribeRiskConfigurationRequest>((input, { services }) => {
  const pool = services.pools.get(input.UserPoolId as string);
  if (input.ClientId) services.clients.get(pool.id, input.ClientId);
  const found =
    services.resources.get<Record<string, unknown> & { LastModified: number }>(
      pool.id,
      "risk-configuration",
      input.ClientId ?? "ALL",
    ) ??
    services.resources.get<Record<string, unknown> & { LastModified: number }>(
      pool.id,
      "risk-configuration",
      "ALL",
    );
  const base = { UserPoolId: pool.id, ...(input.ClientId ? { ClientId: input.ClientId } : {}) };
  if (!found) return { RiskConfiguration: base };
  const { LastModified, ...rest } = found.data;
  return { RiskConfiguration: { ...base, ...rest, LastModifiedDate: toEpochSeconds(LastModified) } };
});
