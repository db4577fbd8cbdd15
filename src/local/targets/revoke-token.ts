// RevokeToken: revokes a refresh token and the ID/access tokens of its sign-in. Unknown tokens are
// accepted silently (RFC 7009, as the service does); access or ID tokens are the wrong kind.

import type { RevokeTokenRequest } from "@aws-sdk/client-cognito-identity-provider";
import { UnsupportedOperationException } from "../errors.js";
import { clientSecretMatches } from "../signin/client-auth.js";
import { UnauthorizedException, UnsupportedTokenTypeException } from "../signin/errors.js";
import { defineTarget } from "./target.js";

const looksLikeJwt = (t: string) => /^[\w-]+\.[\w-]+\.[\w-]+$/.test(t) && t.startsWith("eyJ");

export default defineTarget<RevokeTokenRequest>((input, { services }) => {
  const client = services.clients.find(input.ClientId as string);
  if (!client) throw new UnauthorizedException("Invalid client id.");
  if (client.ClientSecret && !clientSecretMatches(services, client, input.ClientSecret)) {
    throw new UnauthorizedException("Invalid client secret.");
  }
  if (client.EnableTokenRevocation === false) {
    throw new UnsupportedOperationException("Token revocation is not enabled for this app client.");
  }
  const token = input.Token as string;
  if (looksLikeJwt(token)) throw new UnsupportedTokenTypeException("Only refresh tokens can be revoked.");
  const record = services.tokens.findRefresh(token);
  if (!record) return {};
  if (record.clientId !== client.ClientId)
    throw new UnauthorizedException("The token was not issued to this client.");
  services.tokens.revokeRefresh(token);
  return {};
});
