// The number theory and encodings of Cognito's SRP-6a variant (COGNITO-FACTS §3), shared by the
// CLI's sign-in (srp-client) and the embedded endpoint (srp-server, srp-verifier).
import { createHash, hkdfSync } from "node:crypto";
import { bytesToBigInt, createNativeModPow, modPowBigInt } from "./native-mod-pow.js";

/** RFC 3526 §4, the 3072-bit MODP group prime. */
export const N: bigint = BigInt(
  "0xFFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD" +
    "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED" +
    "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F" +
    "83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B" +
    "E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510" +
    "15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7" +
    "ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C" +
    "BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF",
);
export const g = 2n;
/** Bytes of N, the width values are compared at in constant time. */
export const N_BYTES = 384;

/** SHA-256 of bytes or UTF-8 text. */
export function sha256(data: Uint8Array | string): Buffer {
  return createHash("sha256").update(data).digest();
}

/**
 * Cognito's PAD: minimal two's-complement hex like Java's BigInteger.toByteArray(). Odd length gets
 * a leading "0"; a leading nibble 8–f gets "00" so the value never reads as negative. Not RFC 5054.
 */
export function padHex(n: bigint): string {
  if (n < 0n) throw new RangeError("padHex is only defined here for non-negative integers");
  let hex = n.toString(16);
  if (hex.length % 2 === 1) hex = `0${hex}`;
  else if (/^[89a-f]/.test(hex)) hex = `00${hex}`;
  return hex;
}

/** PAD(n) as bytes: what Cognito hashes. */
export function padBytes(n: bigint): Buffer {
  return Buffer.from(padHex(n), "hex");
}

/** Parse hex of any length and case (clients send odd-length SRP_A). Never echoes the value. */
export function hexToBigInt(hex: string): bigint {
  if (!/^[0-9a-fA-F]+$/.test(hex)) throw new Error("Expected a hexadecimal string");
  return BigInt(`0x${hex}`);
}

/** Minimal lowercase hex, as amazon-cognito-identity-js sends SRP_A. */
export function bigIntToHex(n: bigint): string {
  if (n < 0n) throw new RangeError("bigIntToHex is only defined here for non-negative integers");
  return n.toString(16);
}

/** k = H(PAD(N) ‖ PAD(g)). */
export const k: bigint = bytesToBigInt(sha256(Buffer.concat([padBytes(N), padBytes(g)])));

const modPowN = createNativeModPow(N);

/** base^exp mod modulus; native OpenSSL speed for the SRP group (see native-mod-pow.ts). */
export function modPow(base: bigint, exp: bigint, modulus: bigint = N): bigint {
  return modulus === N ? modPowN(base, exp) : modPowBigInt(base, exp, modulus);
}

/** x mod N in [0, N). */
export function modN(x: bigint): bigint {
  return ((x % N) + N) % N;
}

/**
 * Cognito's "HKDF": standard HKDF-SHA256 (RFC 5869) with salt = PAD(u), ikm = PAD(S),
 * info = "Caldera Derived Key", 16 bytes, so node:crypto's hkdfSync computes it exactly.
 */
export function hkdf16(ikm: Uint8Array, salt: Uint8Array): Buffer {
  return Buffer.from(hkdfSync("sha256", ikm, salt, Buffer.from("Caldera Derived Key", "utf8"), 16));
}

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/**
 * The TIMESTAMP of a password claim: `EEE MMM d HH:mm:ss 'UTC' yyyy` in English, UTC, day without a
 * leading zero. Hand-written because Intl cannot produce this exact Java-style pattern.
 */
export function cognitoTimestamp(date: Date = new Date()): string {
  const two = (n: number) => String(n).padStart(2, "0");
  return (
    `${WEEKDAYS[date.getUTCDay()]} ${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()} ` +
    `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} UTC ${date.getUTCFullYear()}`
  );
}

/** The "pool name" SRP hashes: the part of the pool id after "_" (us-east-1_AbC → AbC). */
export function poolNameFromPoolId(userPoolId: string): string {
  const at = userPoolId.indexOf("_");
  if (at < 0 || at === userPoolId.length - 1) throw new Error(`Not a user pool id: ${userPoolId}`);
  return userPoolId.slice(at + 1);
}
