// ListWebAuthnCredentials: the signed-in user's passkeys in registration order (MaxResults ≤ 20).
import type { ListWebAuthnCredentialsRequest } from "@aws-sdk/client-cognito-identity-provider";
import { signedInUser } from "../signin/access.js";
import { defineTarget } from "./target.js";

export default defineTarget<ListWebAuthnCredentialsRequest>(async (input, { services }) => {
  const { pool, user } = await signedInUser(services, input.AccessToken);
  return services.webauthn.list(pool, user, input.MaxResults, input.NextToken);
});
