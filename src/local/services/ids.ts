// Identifiers in the formats Cognito uses, so scripts that parse or pattern-match them work locally.
import { randomBytes, randomInt, randomUUID } from "node:crypto";
import { ResourceNotFoundException } from "../errors.js";

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const LOWER_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";

function randomFrom(alphabet: string, length: number): string {
  const bytes = randomBytes(length);
  let out = "";
  // Rejection-free modulo: the alphabets are short; the slight bias is irrelevant for ids.
  for (let i = 0; i < length; i++) out += alphabet[bytes[i] % alphabet.length];
  return out;
}

/** The account id in ARNs (the local endpoint has no real account). */
export const LOCAL_ACCOUNT_ID = "000000000000";

/** `us-east-1_AbCdEfGhI`: region, underscore, 9 letters/digits. */
export const newUserPoolId = (region: string): string => `${region}_${randomFrom(ALNUM, 9)}`;
/** App client id: 26 lower-case letters and digits. */
export const newClientId = (): string => randomFrom(LOWER_ALNUM, 26);
/** App client secret: 51 lower-case letters and digits, like the service's. */
export const newClientSecret = (): string => randomFrom(LOWER_ALNUM, 51);
export const newSub = (): string => randomUUID();
export const newImportJobId = (): string => `import-${randomFrom(ALNUM, 10)}`;
export const newToken = (): string => randomBytes(24).toString("base64url");

export const userPoolArn = (region: string, poolId: string, account = LOCAL_ACCOUNT_ID): string =>
  `arn:aws:cognito-idp:${region}:${account}:userpool/${poolId}`;

/** The pool id in a user pool ARN; ResourceNotFoundException for anything else. */
export function poolIdFromArn(arn: string): string {
  const m = /^arn:aws[\w-]*:cognito-idp:[\w-]+:\d+:userpool\/([\w-]+_[0-9a-zA-Z]+)$/.exec(arn);
  if (!m) throw new ResourceNotFoundException(`Resource ${arn} does not exist.`);
  return m[1];
}

/** The part of the pool id after `_`, which SRP uses as the "pool name". */
export const srpPoolName = (poolId: string): string => poolId.slice(poolId.indexOf("_") + 1);

/** A temporary password that satisfies the pool's policy (all four classes, at least 8 chars). */
export function newTemporaryPassword(minLength = 8): string {
  const sets = [
    "ABCDEFGHJKLMNPQRSTUVWXYZ",
    "abcdefghijkmnopqrstuvwxyz",
    "23456789",
    "^$*.[]{}()?!@#%&/,><:;|_~=+-",
  ];
  const all = sets.join("");
  const chars = sets.map((s) => s[randomInt(s.length)]);
  while (chars.length < Math.max(minLength, 12)) chars.push(all[randomInt(all.length)]);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join("");
}

/** Timestamps go on the wire as epoch seconds (JSON numbers, fraction allowed). */
export const toEpochSeconds = (ms: number): number => ms / 1000;

/** A 6-digit verification / reset code. */
export const newCode = (): string => String(randomInt(0, 1_000_000)).padStart(6, "0");
