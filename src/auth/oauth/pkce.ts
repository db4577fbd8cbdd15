// PKCE (RFC 7636, S256) and the state value of the authorization code flow: random values from the
// platform's CSPRNG, base64url without padding as the RFC spells them.
import { createHash, randomBytes } from "node:crypto";

export interface Pkce {
  verifier: string;
  challenge: string;
  method: "S256";
}

export function createPkce(): Pkce {
  // 32 random bytes: a 43-character verifier, the RFC's minimum length and 256 bits of entropy.
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: s256(verifier), method: "S256" };
}

export function s256(verifier: string): string {
  return createHash("sha256").update(verifier).digest("base64url");
}

/** The state parameter: unguessable, so a redirect the browser did not start here is refused. */
export function createState(): string {
  return randomBytes(16).toString("base64url");
}
