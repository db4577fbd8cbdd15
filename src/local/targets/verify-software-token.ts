// VerifySoftwareToken: the first code from the authenticator app proves the TOTP secret; the user's
// software-token MFA is then set up and enabled. With a Session (MFA_SETUP) the answer carries the
// Session to complete the sign-in with.
import type { VerifySoftwareTokenRequest } from "@aws-sdk/client-cognito-identity-provider";
import { verifyTotp } from "../../cognito/crypto/index.js";
import { InvalidParameterException } from "../errors.js";
import type { LocalServices } from "../services/index.js";
import { applyPreference, mfaSettings } from "../services/mfa.js";
import type { Pool } from "../services/pools.js";
import type { User } from "../services/users.js";
import { signedInUser } from "../signin/access.js";
import { EnableSoftwareTokenMFAException, SoftwareTokenMFANotFoundException } from "../signin/errors.js";
import { setupSession } from "../signin/totp-setup.js";
import { defineTarget } from "./target.js";

function enableTotp(
  services: LocalServices,
  pool: Pool,
  user: User,
  secret: string,
  friendlyName?: string,
): void {
  services.users.modify(pool, user, (u) => {
    const { pendingTotp: _done, ...rest } = mfaSettings(u);
    u.data.mfa = applyPreference(
      { ...rest, totp: { secret, verified: true, friendlyName } },
      "SOFTWARE_TOKEN_MFA",
      { Enabled: true },
    );
  });
}

export default defineTarget<VerifySoftwareTokenRequest>(async (input, { services }) => {
  const code = input.UserCode as string;
  const now = services.clock();
  if (input.AccessToken) {
    const { pool, user } = await signedInUser(services, input.AccessToken);
    const pending = mfaSettings(user).pendingTotp;
    if (!pending)
      throw new SoftwareTokenMFANotFoundException("Software Token MFA has not been enabled by the user.");
    if (!verifyTotp(pending, code, now))
      throw new EnableSoftwareTokenMFAException("Code mismatch and fail enable Software Token MFA");
    enableTotp(services, pool, user, pending, input.FriendlyDeviceName);
    return { Status: "SUCCESS" };
  }
  if (!input.Session) throw new InvalidParameterException("Either AccessToken or Session is required.");
  const { session, pool, user, renew } = setupSession(services, input.Session);
  const pending = session.data.pendingTotpSecret;
  if (!pending)
    throw new SoftwareTokenMFANotFoundException("Call AssociateSoftwareToken with this Session first.");
  if (!verifyTotp(pending, code, now))
    throw new EnableSoftwareTokenMFAException("Code mismatch and fail enable Software Token MFA");
  enableTotp(services, pool, user, pending, input.FriendlyDeviceName);
  return {
    Status: "SUCCESS",
    Session: renew({ ...session.data, pendingTotpSecret: undefined, totpVerified: true }).id,
  };
});
