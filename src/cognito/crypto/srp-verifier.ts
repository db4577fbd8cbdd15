// Password-set time on the server: store salt and v = g^x mod N instead of the password, and check
// a password against them (AdminInitiateAuth/USER_PASSWORD_AUTH, ChangePassword's old password).
import { timingSafeEqual } from "node:crypto";
import { bigIntToBytes } from "./native-mod-pow.js";
import { g, hexToBigInt, modPow, N_BYTES, padHex } from "./srp-math.js";
import { computeX, newSaltHex } from "./srp-protocol.js";

export interface StoredVerifier {
  /** Salt in PAD hex form (what SALT carries on the wire). */
  salt: string;
  /** v = g^x mod N in PAD hex form. */
  verifier: string;
}

function verifierFor(poolName: string, userIdForSrp: string, password: string, saltHex: string): bigint {
  return modPow(g, computeX(saltHex, poolName, userIdForSrp, password));
}

/** Salt (hex, PAD form) and verifier v = g^x mod N (hex) for a password, computed at password-set time. */
export function createPasswordVerifier(
  poolName: string,
  userIdForSrp: string,
  password: string,
  saltHex?: string,
): StoredVerifier {
  // Emit the salt in PAD form: clients parse SALT as an integer and PAD it before hashing, so a
  // salt stored with different leading zeros would otherwise give the client a different x.
  const salt = saltHex === undefined ? newSaltHex() : padHex(hexToBigInt(saltHex));
  return { salt, verifier: padHex(verifierFor(poolName, userIdForSrp, password, salt)) };
}

/** A value as exactly N_BYTES big-endian bytes, so comparisons take the same time for any value. */
export function fixedWidth(n: bigint): Buffer {
  const bytes = bigIntToBytes(n);
  if (bytes.length > N_BYTES) return bytes; // wider than N: cannot be a verifier; lengths differ
  return Buffer.concat([Buffer.alloc(N_BYTES - bytes.length), bytes]);
}

/** True when password matches the stored salt/verifier (constant-time compare). */
export function checkPassword(
  poolName: string,
  userIdForSrp: string,
  password: string,
  stored: { salt: string; verifier: string },
): boolean {
  const expected = fixedWidth(hexToBigInt(stored.verifier));
  const actual = fixedWidth(verifierFor(poolName, userIdForSrp, password, stored.salt));
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
