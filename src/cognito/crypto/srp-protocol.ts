// The steps of Cognito's SRP both sides compute identically: x, u, the HKDF key and the claim
// signature (COGNITO-FACTS §3). Client and server differ only in how they reach S.
import { createHmac, randomBytes } from "node:crypto";
import { bytesToBigInt } from "./native-mod-pow.js";
import { hexToBigInt, hkdf16, padBytes, padHex, sha256 } from "./srp-math.js";

/** x = H(PAD(salt) ‖ H(poolName ‖ userIdForSrp ‖ ":" ‖ password)). Salt is read as an integer, then PAD-ed. */
export function computeX(saltHex: string, poolName: string, userIdForSrp: string, password: string): bigint {
  const inner = sha256(`${poolName}${userIdForSrp}:${password}`);
  return bytesToBigInt(sha256(Buffer.concat([padBytes(hexToBigInt(saltHex)), inner])));
}

/** u = H(PAD(A) ‖ PAD(B)), from integer values so any hex spelling of A or B gives the same u. */
export function computeU(A: bigint, B: bigint): bigint {
  return bytesToBigInt(sha256(Buffer.concat([padBytes(A), padBytes(B)])));
}

/** The 16-byte session key: HKDF(ikm = PAD(S), salt = PAD(u)). */
export function sessionKey(S: bigint, u: bigint): Buffer {
  return hkdf16(padBytes(S), padBytes(u));
}

/** HMAC-SHA256(key, poolName ‖ userIdForSrp ‖ SECRET_BLOCK bytes ‖ TIMESTAMP), raw bytes. */
export function claimSignature(
  key: Uint8Array,
  poolName: string,
  userIdForSrp: string,
  secretBlockB64: string,
  timestamp: string,
): Buffer {
  return createHmac("sha256", key)
    .update(Buffer.from(poolName, "utf8"))
    .update(Buffer.from(userIdForSrp, "utf8"))
    .update(Buffer.from(secretBlockB64, "base64"))
    .update(Buffer.from(timestamp, "utf8"))
    .digest();
}

/** A random secret exponent of `bytes` random bytes, never 0. */
export function randomExponent(bytes: number): bigint {
  for (;;) {
    const e = bytesToBigInt(randomBytes(bytes));
    if (e !== 0n) return e;
  }
}

/** A fresh salt: 16 random bytes in PAD form, as amazon-cognito-identity-js makes device salts. */
export function newSaltHex(): string {
  return padHex(bytesToBigInt(randomBytes(16)));
}
