// One-time codes Cognito sends by email or SMS: sign-up confirmation, forgot password, attribute
// verification and sign-in (MFA / OTP) codes. The message goes to the outbox (messages.ts), which is
// where people and tests read it; only a SHA-256 of the code is kept here for checking.
import { createHash, randomInt, timingSafeEqual } from "node:crypto";
import { CodeMismatchException, ExpiredCodeException } from "../errors.js";
import type { Db } from "../store/database.js";
import type { Clock } from "./clock.js";
import { type Delivery, fillTemplate, type MessageKind, MessagesService } from "./messages.js";
import type { Pool } from "./pools.js";
import type { User } from "./users.js";

export type CodePurpose = "SIGN_UP" | "FORGOT_PASSWORD" | `VERIFY:${string}`;

/** How long a code stays valid: a day for confirmation and verification, an hour for password resets. */
const LIFETIME_MS: Record<string, number> = {
  SIGN_UP: 86_400_000,
  FORGOT_PASSWORD: 3_600_000,
  VERIFY: 86_400_000,
};
/** Wrong answers allowed before the code is thrown away (the user must ask for a new one). */
const MAX_ATTEMPTS = 5;

export const hashCode = (code: string): string => createHash("sha256").update(code).digest("base64");
export const newCode = (): string => String(randomInt(0, 1_000_000)).padStart(6, "0");

/** CodeDeliveryDetailsType for a delivery. */
export function deliveryDetails(d: Delivery): {
  Destination: string;
  DeliveryMedium: string;
  AttributeName: string;
} {
  return {
    Destination: MessagesService.mask(d),
    DeliveryMedium: d.channel,
    AttributeName: d.channel === "EMAIL" ? "email" : "phone_number",
  };
}

export function codeMatches(code: string, hash: string): boolean {
  const a = Buffer.from(hashCode(code));
  const b = Buffer.from(hash);
  return a.length === b.length && timingSafeEqual(a, b);
}

export class CodesService {
  private readonly s;
  constructor(
    db: Db,
    private readonly clock: Clock,
    private readonly messages: MessagesService,
  ) {
    this.s = {
      upsert: db.prepare(
        "INSERT INTO user_codes (pool_id, username_key, purpose, code_hash, expires, attempts) VALUES (?, ?, ?, ?, ?, 0) ON CONFLICT (pool_id, username_key, purpose) DO UPDATE SET code_hash = excluded.code_hash, expires = excluded.expires, attempts = 0",
      ),
      get: db.prepare(
        "SELECT code_hash AS hash, expires, attempts FROM user_codes WHERE pool_id = ? AND username_key = ? AND purpose = ?",
      ),
      attempt: db.prepare(
        "UPDATE user_codes SET attempts = attempts + 1 WHERE pool_id = ? AND username_key = ? AND purpose = ?",
      ),
      delete: db.prepare("DELETE FROM user_codes WHERE pool_id = ? AND username_key = ? AND purpose = ?"),
    };
  }

  /** Makes a code for `purpose`, writes the message to the outbox and returns the delivery details. */
  send(pool: Pool, user: User, purpose: CodePurpose, delivery: Delivery) {
    const code = newCode();
    const lifetime = LIFETIME_MS[purpose.startsWith("VERIFY:") ? "VERIFY" : purpose];
    this.s.upsert.run(pool.id, user.usernameKey, purpose, hashCode(code), this.clock().getTime() + lifetime);
    const kind: MessageKind =
      purpose === "FORGOT_PASSWORD"
        ? "FORGOT_PASSWORD"
        : purpose === "SIGN_UP"
          ? "VERIFICATION"
          : "ATTRIBUTE_VERIFICATION";
    sendCodeMessage(this.messages, pool, user, delivery, kind, code);
    return deliveryDetails(delivery);
  }

  /** Checks a code; consumes it when right. CodeMismatchException / ExpiredCodeException otherwise. */
  check(pool: Pool, user: User, purpose: CodePurpose, code: string): void {
    const row = this.s.get.get(pool.id, user.usernameKey, purpose) as
      | { hash: string; expires: number; attempts: number }
      | undefined;
    if (!row || row.attempts >= MAX_ATTEMPTS || row.expires < this.clock().getTime()) {
      throw new ExpiredCodeException("Invalid code provided, please request a code again.");
    }
    if (!codeMatches(code, row.hash)) {
      this.s.attempt.run(pool.id, user.usernameKey, purpose);
      throw new CodeMismatchException("Invalid verification code provided, please try again.");
    }
    this.s.delete.run(pool.id, user.usernameKey, purpose);
  }
}

const DEFAULT_VERIFY = {
  EmailSubject: "Your verification code",
  EmailMessage: "Your confirmation code is {####}",
  SmsMessage: "Your confirmation code is {####}",
};

/** Writes a code message in the pool's wording (verification template, or the MFA/OTP wording). */
export function sendCodeMessage(
  messages: MessagesService,
  pool: Pool,
  user: User,
  delivery: Delivery,
  kind: MessageKind,
  code: string,
): void {
  const email = delivery.channel === "EMAIL";
  let subject: string | undefined;
  let text: string;
  if (kind === "MFA") {
    const emailMfa = (pool.data as { EmailMfaConfiguration?: { Message?: string; Subject?: string } })
      .EmailMfaConfiguration;
    subject = email ? (emailMfa?.Subject ?? "Your sign-in code") : undefined;
    text = email
      ? (emailMfa?.Message ?? "Your sign-in code is {####}")
      : (pool.data.SmsAuthenticationMessage ?? "Your authentication code is {####}. ");
  } else {
    const t = { ...DEFAULT_VERIFY, ...pool.data.VerificationMessageTemplate };
    subject = email ? t.EmailSubject : undefined;
    text = email ? t.EmailMessage : t.SmsMessage;
  }
  messages.send({
    poolId: pool.id,
    username: user.username,
    channel: delivery.channel,
    destination: delivery.destination,
    kind,
    subject,
    message: fillTemplate(text, { username: user.username, code }),
    code,
  });
}
