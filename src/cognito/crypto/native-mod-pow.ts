// Modular exponentiation for the 3072-bit SRP group, fast.
//
// Why not plain BigInt: a 3072-bit modPow in JS BigInt takes ~15–20 ms, and every sign-in needs
// three of them on each side. Node has no public modPow, but its Diffie-Hellman object is OpenSSL's
// Montgomery exponentiation: with prime p and generator 2, `setPrivateKey(e)` + `generateKeys()`
// yields 2^e mod p, and `computeSecret(x)` yields x^e mod p (~1–2 ms). No npm library does this
// better, so the wrapper is hand-written here.
//
// OpenSSL's limits: computeSecret refuses x outside [2, p−2] ("Supplied key is too small/large"),
// and constructing a DH object for a prime it does not recognise runs a primality test (seconds).
// So the native path is only used for the RFC 3526 prime with generator 2 (a named group, created
// in well under a millisecond), and anything outside OpenSSL's range falls back to BigInt.
import { createDiffieHellman, type DiffieHellman } from "node:crypto";

/** Big-endian minimal bytes of a non-negative bigint (empty for 0). */
export function bigIntToBytes(n: bigint): Buffer {
  if (n < 0n) throw new RangeError("negative integers have no unsigned byte form");
  if (n === 0n) return Buffer.alloc(0);
  let hex = n.toString(16);
  if (hex.length % 2 === 1) hex = `0${hex}`;
  return Buffer.from(hex, "hex");
}

/** Unsigned big-endian bytes to bigint (leading zeros ignored). */
export function bytesToBigInt(bytes: Uint8Array): bigint {
  if (bytes.length === 0) return 0n;
  return BigInt(`0x${Buffer.from(bytes).toString("hex")}`);
}

/** Square-and-multiply fallback for values OpenSSL refuses, and for other moduli. */
export function modPowBigInt(base: bigint, exp: bigint, modulus: bigint): bigint {
  if (modulus <= 0n) throw new RangeError("modulus must be positive");
  if (exp < 0n) throw new RangeError("negative exponents are not supported");
  if (modulus === 1n) return 0n;
  let result = 1n;
  let b = ((base % modulus) + modulus) % modulus;
  let e = exp;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % modulus;
    b = (b * b) % modulus;
    e >>= 1n;
  }
  return result;
}

/**
 * A modPow(base, exp) for one safe prime (the RFC 3526 group) backed by OpenSSL through
 * node:crypto's Diffie-Hellman. The DH object is created once and reused: calls are synchronous,
 * so no two computations ever interleave on it.
 */
export function createNativeModPow(prime: bigint): (base: bigint, exp: bigint) => bigint {
  let dh: DiffieHellman | undefined;
  const engine = (): DiffieHellman => {
    dh ??= createDiffieHellman(bigIntToBytes(prime), Buffer.from([2]));
    return dh;
  };
  return (base: bigint, exp: bigint): bigint => {
    if (exp < 0n) throw new RangeError("negative exponents are not supported");
    const b = ((base % prime) + prime) % prime;
    if (exp === 0n) return 1n;
    if (b === 2n) {
      const d = engine();
      d.setPrivateKey(bigIntToBytes(exp));
      return bytesToBigInt(d.generateKeys());
    }
    // OpenSSL's public-key range check: 1 < x < p − 1.
    if (b >= 2n && b <= prime - 2n) {
      const d = engine();
      d.setPrivateKey(bigIntToBytes(exp));
      return bytesToBigInt(d.computeSecret(bigIntToBytes(b)));
    }
    return modPowBigInt(b, exp, prime);
  };
}
