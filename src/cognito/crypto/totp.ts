// Software-token MFA: Cognito's TOTP is RFC 6238 with SHA-1, 6 digits, 30-second steps.
// The otpauth package does the HOTP/TOTP work and builds the key URI.
import { Secret, TOTP } from "otpauth";

const DIGITS = 6;
const PERIOD = 30;

function totpFor(secretBase32: string, label?: { account: string; issuer: string }): TOTP {
  return new TOTP({
    secret: Secret.fromBase32(secretBase32),
    algorithm: "SHA1",
    digits: DIGITS,
    period: PERIOD,
    ...(label ? { label: label.account, issuer: label.issuer } : {}),
  });
}

/** A fresh 160-bit secret in base32, the size RFC 4226 recommends (and AssociateSoftwareToken returns). */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The 6-digit code for the 30-second step containing `at`. */
export function totpCode(secretBase32: string, at: Date = new Date()): string {
  return totpFor(secretBase32).generate({ timestamp: at.getTime() });
}

/** True when `code` is the code of the step at `at` or within `window` steps of it (default 1: ±30 s of clock skew). */
export function verifyTotp(secretBase32: string, code: string, at: Date = new Date(), window = 1): boolean {
  if (!/^\d{6}$/.test(code)) return false;
  return totpFor(secretBase32).validate({ token: code, timestamp: at.getTime(), window }) !== null;
}

/**
 * otpauth://totp/<issuer>:<account>?secret=...&issuer=..., for QR codes. Written out rather than
 * with otpauth's URI builder, which always adds algorithm, digits and period: those are the Key Uri
 * Format's defaults (and Cognito's values), and leaving them out keeps the QR code one version
 * smaller, small enough for an 80x24 terminal.
 */
export function otpauthUri(opts: { secret: string; account: string; issuer: string }): string {
  const issuer = encodeURIComponent(opts.issuer);
  return `otpauth://totp/${issuer}:${encodeURIComponent(opts.account)}?secret=${opts.secret}&issuer=${issuer}`;
}
