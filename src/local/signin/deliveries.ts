// Where Cognito sends a code: sign-up confirmation to the auto-verified attribute (phone first, as
// the service does when both are auto-verified), password resets along the pool's account recovery
// setting to a verified email or phone.
import type { Delivery } from "../services/messages.js";
import type { Pool } from "../services/pools.js";
import type { User } from "../services/users.js";

/** The sign-up confirmation destination, or undefined when the pool auto-verifies nothing the user has. */
export function signUpDelivery(pool: Pool, user: User): Delivery | undefined {
  const auto = pool.data.AutoVerifiedAttributes ?? [];
  const a = user.attributes;
  if (auto.includes("phone_number") && a.phone_number) return { channel: "SMS", destination: a.phone_number };
  if (auto.includes("email") && a.email) return { channel: "EMAIL", destination: a.email };
  return undefined;
}

/** The password-reset destination, or undefined when the user has no verified email or phone. */
export function recoveryDelivery(pool: Pool, user: User): Delivery | undefined {
  const a = user.attributes;
  const email = a.email && a.email_verified === "true" ? a.email : undefined;
  const phone = a.phone_number && a.phone_number_verified === "true" ? a.phone_number : undefined;
  const order = [...(pool.data.AccountRecoverySetting?.RecoveryMechanisms ?? [])]
    .sort((x, y) => (x.Priority ?? 0) - (y.Priority ?? 0))
    .map((m) => m.Name);
  const preference = order.length ? order : ["verified_phone_number", "verified_email"];
  for (const name of preference) {
    if (name === "verified_email" && email) return { channel: "EMAIL", destination: email };
    if (name === "verified_phone_number" && phone) return { channel: "SMS", destination: phone };
  }
  return undefined;
}

export const NO_RECOVERY =
  "Cannot reset password for the user as there is no registered/verified email or phone_number";
