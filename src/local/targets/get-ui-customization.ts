// GetUICustomization: the client's own settings, else the pool-wide ones, else just the ids.
import type { GetUICustomizationRequest } from "@aws-sdk/client-cognito-identity-provider";
import { describeUi, type UiData } from "../services/ui-customization.js";
import { defineTarget } from "./target.js";

export default defineTarget<GetUICustomizationRequest>((input, { services, baseUrl }) => {
  const pool = services.pools.get(input.UserPoolId as string);
  const clientId = input.ClientId ?? "ALL";
  if (clientId !== "ALL") services.clients.get(pool.id, clientId);
  const own = services.resources.get<UiData>(pool.id, "ui-customization", clientId)?.data;
  const data = own ?? services.resources.get<UiData>(pool.id, "ui-customization", "ALL")?.data;
  return {
    UICustomization: data
      ? describeUi(pool.id, clientId, data, baseUrl)
      : { UserPoolId: pool.id, ClientId: clientId },
  };
});
