// SetUICustomization: pool-wide (ClientId ALL) or per client; needs a domain, like the service.
import type { SetUICustomizationRequest } from "@aws-sdk/client-cognito-identity-provider";
import { InvalidParameterException } from "../errors.js";
import { domainsOfPool } from "../services/domains.js";
import { describeUi, type UiData } from "../services/ui-customization.js";
import { defineTarget } from "./target.js";

export default defineTarget<SetUICustomizationRequest>((input, { services, baseUrl }) => {
  const pool = services.pools.get(input.UserPoolId as string);
  const clientId = input.ClientId ?? "ALL";
  if (clientId !== "ALL") services.clients.get(pool.id, clientId);
  if (domainsOfPool(services, pool.id).length === 0) {
    throw new InvalidParameterException("There has to be an existing domain associated with this user pool");
  }
  const now = services.clock().getTime();
  const old = services.resources.get<UiData>(pool.id, "ui-customization", clientId)?.data;
  const data: UiData = {
    ...(input.CSS !== undefined ? { CSS: input.CSS } : {}),
    ...(input.ImageFile !== undefined
      ? { ImageFile: Buffer.from(input.ImageFile as unknown as string, "base64").toString("base64") }
      : {}),
    CSSVersion: String(now),
    Created: old?.Created ?? now,
    LastModified: now,
  };
  services.resources.put(pool.id, "ui-customization", clientId, data);
  return { UICustomization: describeUi(pool.id, clientId, data, baseUrl) };
});
