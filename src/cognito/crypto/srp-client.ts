// The CLI's side of USER_SRP_AUTH (COGNITO-FACTS §3): SRP_A for InitiateAuth, then the answer to
// PASSWORD_VERIFIER. Hand-written: no maintained library implements Cognito's SRP variant.
import { cognitoTimestamp, g, hexToBigInt, k, modN, modPow } from "./srp-math.js";
import { claimSignature, computeU, computeX, randomExponent, sessionKey } from "./srp-protocol.js";

/** The PASSWORD_VERIFIER challenge parameters the client needs. */
export interface SrpChallenge {
  SALT: string;
  SRP_B: string;
  SECRET_BLOCK: string;
  USER_ID_FOR_SRP: string;
}

/** The challenge responses that prove the password (the caller adds USERNAME, SECRET_HASH, ...). */
export interface SrpClaim {
  PASSWORD_CLAIM_SIGNATURE: string;
  PASSWORD_CLAIM_SECRET_BLOCK: string;
  TIMESTAMP: string;
}

export interface SrpClient {
  /** SRP_A: A = g^a mod N, minimal lowercase hex as amazon-cognito-identity-js sends it. */
  srpA: string;
  /** Answer PASSWORD_VERIFIER (or DEVICE_PASSWORD_VERIFIER, see device.ts). poolName: the part of the pool id after "_". */
  respond(challenge: SrpChallenge, password: string, poolName: string, now?: Date): SrpClaim;
}

/** Client ephemeral size: 128 random bytes, as amazon-cognito-identity-js and Amplify use. */
const SMALL_A_BYTES = 128;

/**
 * Start a client SRP exchange. `options.smallAHex` fixes the secret exponent a; it exists only so
 * tests can compare against another implementation with the same a. Leave it out otherwise.
 */
export function createSrpClient(options: { smallAHex?: string } = {}): SrpClient {
  const a = options.smallAHex === undefined ? randomExponent(SMALL_A_BYTES) : hexToBigInt(options.smallAHex);
  const A = modPow(g, a);
  if (A === 0n) throw new Error("Illegal SRP parameter: A mod N is 0");
  return {
    srpA: A.toString(16),
    respond(challenge, password, poolName, now = new Date()) {
      const B = hexToBigInt(challenge.SRP_B);
      // A server sending B ≡ 0 (mod N) could make S predictable: refuse, as the SRP-6a spec says.
      if (modN(B) === 0n) throw new Error("Illegal SRP_B from the server: B mod N is 0");
      const u = computeU(A, B);
      if (u === 0n) throw new Error("Illegal SRP parameter: u is 0");
      const userId = challenge.USER_ID_FOR_SRP;
      const x = computeX(challenge.SALT, poolName, userId, password);
      // S = (B − k·g^x)^(a + u·x) mod N
      const S = modPow(modN(B - k * modPow(g, x)), a + u * x);
      const timestamp = cognitoTimestamp(now);
      const signature = claimSignature(sessionKey(S, u), poolName, userId, challenge.SECRET_BLOCK, timestamp);
      return {
        PASSWORD_CLAIM_SIGNATURE: signature.toString("base64"),
        PASSWORD_CLAIM_SECRET_BLOCK: challenge.SECRET_BLOCK,
        TIMESTAMP: timestamp,
      };
    },
  };
}
