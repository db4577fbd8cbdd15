// The embedded endpoint's side of USER_SRP_AUTH and DEVICE_SRP_AUTH: answer SRP_A with SALT and
// SRP_B, then check PASSWORD_CLAIM_SIGNATURE. The server maths is derived from the client's:
// B = k·v + g^b, S = (A·v^u)^b, which equals the client's (B − k·g^x)^(a + u·x).
import { timingSafeEqual } from "node:crypto";
import { bigIntToHex, g, hexToBigInt, k, modN, modPow, padHex } from "./srp-math.js";
import { claimSignature, computeU, randomExponent, sessionKey } from "./srp-protocol.js";

export interface SrpServerState {
  b: string;
  B: string;
  A: string;
  salt: string;
  verifier: string;
}

export interface SrpServerStep {
  /** SRP_B for the challenge (PAD hex: even length, parseable by every client). */
  srpB: string;
  /** SALT for the challenge, PAD hex. */
  salt: string;
  /** Keep this in the session (all hex strings, JSON-serialisable) for verifyClaim. It holds the secret b. */
  state: SrpServerState;
}

/**
 * Server ephemeral size: 64 random bytes (512 bits). RFC 3526 §8 puts the exponent needed for the
 * 3072-bit group at 260–400 bits; 512 is above that and halves the work of a 1024-bit exponent.
 */
const SMALL_B_BYTES = 64;

/** Step one of a server SRP exchange for a stored salt/verifier. Rejects A mod N == 0. */
export function startServerSrp(srpA: string, stored: { salt: string; verifier: string }): SrpServerStep {
  const A = hexToBigInt(srpA);
  // A ≡ 0 (mod N) would make S = 0 whatever the password: the classic SRP bypass.
  if (modN(A) === 0n) throw new Error("Illegal SRP_A: A mod N is 0");
  const v = hexToBigInt(stored.verifier);
  const salt = padHex(hexToBigInt(stored.salt));
  for (;;) {
    const b = randomExponent(SMALL_B_BYTES);
    const B = modN(k * v + modPow(g, b));
    // Vanishingly rare, but a B the client must reject (B ≡ 0 or u = 0) is simply drawn again.
    if (B === 0n || computeU(A, B) === 0n) continue;
    return {
      srpB: padHex(B),
      salt,
      state: { b: bigIntToHex(b), B: padHex(B), A: padHex(A), salt, verifier: padHex(v) },
    };
  }
}

/** True when the client's PASSWORD_CLAIM_SIGNATURE proves knowledge of the password (constant-time compare). */
export function verifyClaim(
  state: SrpServerState,
  args: {
    poolName: string;
    userIdForSrp: string;
    secretBlockB64: string;
    timestamp: string;
    signatureB64: string;
  },
): boolean {
  const A = hexToBigInt(state.A);
  const B = hexToBigInt(state.B);
  const b = hexToBigInt(state.b);
  const v = hexToBigInt(state.verifier);
  const u = computeU(A, B);
  // S = (A·v^u)^b mod N
  const S = modPow(modN(A * modPow(v, u)), b);
  const expected = claimSignature(
    sessionKey(S, u),
    args.poolName,
    args.userIdForSrp,
    args.secretBlockB64,
    args.timestamp,
  );
  const given = Buffer.from(args.signatureB64, "base64");
  return given.length === expected.length && timingSafeEqual(given, expected);
}
