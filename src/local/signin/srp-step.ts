// The endpoint's half of SRP (COGNITO-FACTS §3, §4): PASSWORD_VERIFIER / DEVICE_PASSWORD_VERIFIER
// parameters from a stored verifier, and the checks around the claim signature that verifyClaim
// (src/cognito/crypto) leaves to the caller: the SECRET_BLOCK must be the one issued to this session and
// the TIMESTAMP must be recent.
import { createHmac } from "node:crypto";
import { createPasswordVerifier, startServerSrp } from "../../cognito/crypto/index.js";
import { InvalidParameterException, NotAuthorizedException } from "../errors.js";
import type { AuthSession } from "../services/sessions.js";
import { INCORRECT } from "./user-checks.js";

/** How far a client's TIMESTAMP may be from the endpoint's clock (clients' clocks drift). */
const MAX_SKEW_MS = 5 * 60_000;

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** Parses `EEE MMM d HH:mm:ss UTC yyyy` (day without leading zero, though one is tolerated). */
export function parseCognitoTimestamp(ts: string): number | undefined {
  const m =
    /^(Sun|Mon|Tue|Wed|Thu|Fri|Sat) ([A-Z][a-z]{2}) (\d{1,2}) (\d{2}):(\d{2}):(\d{2}) UTC (\d{4})$/.exec(ts);
  if (!m) return undefined;
  const month = MONTHS.indexOf(m[2]);
  if (month < 0) return undefined;
  return Date.UTC(Number(m[7]), month, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
}

/** Starts SRP against a stored verifier. A malformed SRP_A is the caller's error, not a 500. */
export function startSrp(srpA: string | undefined, stored: { salt: string; verifier: string }) {
  if (!srpA || !/^[0-9a-fA-F]+$/.test(srpA))
    throw new InvalidParameterException("Missing required parameter SRP_A");
  try {
    return startServerSrp(srpA, stored);
  } catch {
    throw new InvalidParameterException("Invalid SRP_A value.");
  }
}

/**
 * A stand-in verifier for a user who does not exist, when the client hides user existence: the
 * salt is stable per name (so repeated attempts look like one real user) and no password matches.
 */
export function simulatedVerifier(poolId: string, name: string): { salt: string; verifier: string } {
  const salt = createHmac("sha256", "cogctl-local-simulated-user")
    .update(`${poolId}\n${name}`)
    .digest("hex")
    .slice(0, 32);
  return createPasswordVerifier(poolId, name, createHmac("sha256", salt).update(name).digest("base64"), salt);
}

/** Checks the claim's SECRET_BLOCK and TIMESTAMP against the session; throws NotAuthorizedException. */
export function checkClaimEnvelope(
  session: AuthSession,
  responses: Record<string, string>,
  now: number,
): { secretBlock: string; timestamp: string; signature: string } {
  const secretBlock = responses.PASSWORD_CLAIM_SECRET_BLOCK;
  const timestamp = responses.TIMESTAMP;
  const signature = responses.PASSWORD_CLAIM_SIGNATURE;
  if (!secretBlock || !timestamp || !signature) {
    const missing = !secretBlock
      ? "PASSWORD_CLAIM_SECRET_BLOCK"
      : !timestamp
        ? "TIMESTAMP"
        : "PASSWORD_CLAIM_SIGNATURE";
    throw new InvalidParameterException(`Missing required parameter ${missing}`);
  }
  if (secretBlock !== session.secretBlock) throw new NotAuthorizedException(INCORRECT);
  const at = parseCognitoTimestamp(timestamp);
  if (at === undefined) throw new InvalidParameterException("TIMESTAMP format is invalid.");
  if (Math.abs(at - now) > MAX_SKEW_MS) throw new NotAuthorizedException(INCORRECT);
  return { secretBlock, timestamp, signature };
}
