// AdminResetUserPassword: status RESET_REQUIRED and a reset code to the user's verified email or
// phone (outbox kind FORGOT_PASSWORD, also kept in user.data.passwordReset for
// ConfirmForgotPassword).
import type { AdminResetUserPasswordRequest } from "@aws-sdk/client-cognito-identity-provider";
import { InvalidParameterException } from "../errors.js";
import { newCode } from "../services/ids.js";
import { defineTarget } from "./target.js";

const CODE_VALIDITY_MS = 3600 * 1000;

export default defineTarget<AdminResetUserPasswordRequest>((input, { services }) => {
  const pool = services.pools.get(input.UserPoolId as string);
  const user = services.users.get(pool, input.Username as string);
  const a = user.attributes;
  const byEmail = a.email && a.email_verified === "true";
  const byPhone = a.phone_number && a.phone_number_verified === "true";
  const recovery =
    pool.data.AccountRecoverySetting?.RecoveryMechanisms?.slice().sort(
      (x, y) => (x.Priority ?? 0) - (y.Priority ?? 0),
    ) ?? [];
  const preferPhone = recovery[0]?.Name === "verified_phone_number";
  const channel = byPhone && (preferPhone || !byEmail) ? "SMS" : byEmail ? "EMAIL" : undefined;
  if (!channel) {
    throw new InvalidParameterException(
      "Cannot reset password for the user as there is no registered/verified email or phone_number",
    );
  }
  const code = newCode();
  services.messages.send({
    poolId: pool.id,
    username: user.username,
    channel,
    destination: channel === "EMAIL" ? a.email : a.phone_number,
    kind: "FORGOT_PASSWORD",
    subject: channel === "EMAIL" ? "Your password reset code" : undefined,
    message: `Your password reset code is ${code}.`,
    code,
  });
  services.users.modify(pool, user, (u) => {
    u.status = "RESET_REQUIRED";
    u.data.passwordReset = { code, expires: services.clock().getTime() + CODE_VALIDITY_MS };
  });
  services.tokens.revokeUser(pool, user); // a reset password ends every sign-in (auth side, issue 4)
  return {};
});
