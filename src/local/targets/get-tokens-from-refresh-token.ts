// GetTokensFromRefreshToken: new ID and access tokens for a refresh token (the REFRESH_TOKEN_AUTH flow
// as its own operation). Refresh-token rotation is not done locally, so no new refresh token is issued.

import type { GetTokensFromRefreshTokenRequest } from "@aws-sdk/client-cognito-identity-provider";
import { NotAuthorizedException } from "../errors.js";
import { clientSecretMatches } from "../signin/client-auth.js";
import { initiateAuth } from "../signin/initiate.js";
import { defineTarget } from "./target.js";

export default defineTarget<GetTokensFromRefreshTokenRequest>(async (input, { services, baseUrl }) => {
  const client = services.clients.find(input.ClientId as string);
  if (client?.ClientSecret && !clientSecretMatches(services, client, input.ClientSecret)) {
    throw new NotAuthorizedException(`Unable to verify secret hash for client ${client.ClientId}`);
  }
  const out = await initiateAuth(
    services,
    baseUrl,
    {
      AuthFlow: "REFRESH_TOKEN_AUTH",
      ClientId: input.ClientId,
      AuthParameters: {
        REFRESH_TOKEN: input.RefreshToken as string,
        ...(input.DeviceKey ? { DEVICE_KEY: input.DeviceKey } : {}),
      },
      clientSecretChecked: true,
    },
    false,
  );
  return { AuthenticationResult: out.AuthenticationResult };
});
