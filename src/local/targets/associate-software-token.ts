// AssociateSoftwareToken: a new TOTP secret, either for a signed-in user (AccessToken) or during the
// MFA_SETUP challenge of a sign-in (Session, answered with a new Session).
import type { AssociateSoftwareTokenRequest } from "@aws-sdk/client-cognito-identity-provider";
import { newTotpSecret } from "../../cognito/crypto/index.js";
import { InvalidParameterException } from "../errors.js";
import { mfaSettings } from "../services/mfa.js";
import { signedInUser } from "../signin/access.js";
import { setupSession } from "../signin/totp-setup.js";
import { defineTarget } from "./target.js";

export default defineTarget<AssociateSoftwareTokenRequest>(async (input, { services }) => {
  const secret = newTotpSecret();
  if (input.AccessToken) {
    const { pool, user } = await signedInUser(services, input.AccessToken);
    services.users.modify(pool, user, (u) => {
      u.data.mfa = { ...mfaSettings(u), pendingTotp: secret };
    });
    return { SecretCode: secret };
  }
  if (!input.Session) throw new InvalidParameterException("Either AccessToken or Session is required.");
  const { session, renew } = setupSession(services, input.Session);
  return {
    SecretCode: secret,
    Session: renew({ ...session.data, pendingTotpSecret: secret, totpVerified: false }).id,
  };
});
