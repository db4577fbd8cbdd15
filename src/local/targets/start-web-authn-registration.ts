// StartWebAuthnRegistration: CredentialCreationOptions (PublicKeyCredentialCreationOptionsJSON) for
// the signed-in user to hand to navigator.credentials.create(); the challenge is kept for this user
// and app client until CompleteWebAuthnRegistration (or 5 minutes).
import type { StartWebAuthnRegistrationRequest } from "@aws-sdk/client-cognito-identity-provider";
import { signedInUser } from "../signin/access.js";
import { defineTarget } from "./target.js";

export default defineTarget<StartWebAuthnRegistrationRequest>(async (input, { services }) => {
  const { pool, user, claims } = await signedInUser(services, input.AccessToken);
  return {
    CredentialCreationOptions: await services.webauthn.startRegistration(
      pool,
      user,
      claims.clientId,
      services.region,
    ),
  };
});
