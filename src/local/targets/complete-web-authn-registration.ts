// CompleteWebAuthnRegistration: verifies the RegistrationResponseJSON against the challenge of the
// user's StartWebAuthnRegistration (same app client), its origin and relying party, then stores the
// passkey. The attestation is checked by @simplewebauthn/server (services/webauthn.ts).
import type { CompleteWebAuthnRegistrationRequest } from "@aws-sdk/client-cognito-identity-provider";
import { signedInUser } from "../signin/access.js";
import { defineTarget } from "./target.js";

export default defineTarget<CompleteWebAuthnRegistrationRequest>(async (input, { services }) => {
  const { pool, user, claims } = await signedInUser(services, input.AccessToken);
  await services.webauthn.completeRegistration(
    pool,
    user,
    claims.clientId,
    services.region,
    input.Credential,
  );
  return {};
});
