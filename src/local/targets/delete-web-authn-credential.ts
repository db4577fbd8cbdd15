// DeleteWebAuthnCredential: removes one of the signed-in user's passkeys (ResourceNotFoundException
// for an unknown id or another user's).
import type { DeleteWebAuthnCredentialRequest } from "@aws-sdk/client-cognito-identity-provider";
import { signedInUser } from "../signin/access.js";
import { defineTarget } from "./target.js";

export default defineTarget<DeleteWebAuthnCredentialRequest>(async (input, { services }) => {
  const { pool, user } = await signedInUser(services, input.AccessToken);
  services.webauthn.delete(pool, user, input.CredentialId as string);
  return {};
});
