// Reading tokens without verifying them: cogctl holds tokens it just received from the service,
// and only needs their claims (who, until when) for summaries, session keys and --decode.
// The decode-only entry point: the full "jose" index costs ~25 ms of start-up per sign-in.
import { decodeJwt } from "jose/jwt/decode";

export type Claims = Record<string, unknown>;

export function claimsOf(token: string | undefined): Claims | undefined {
  if (!token) return undefined;
  try {
    return decodeJwt(token) as Claims;
  } catch {
    return undefined;
  }
}

/** "in 59 minutes", "3 hours ago": how far `when` is from `now`, for people. */
export function relativeTime(when: Date, now: Date): string {
  const seconds = Math.round((when.getTime() - now.getTime()) / 1000);
  const abs = Math.abs(seconds);
  const [n, unit] =
    abs < 90
      ? [abs, "second"]
      : abs < 5400
        ? [Math.round(abs / 60), "minute"]
        : abs < 129600
          ? [Math.round(abs / 3600), "hour"]
          : [Math.round(abs / 86400), "day"];
  const text = `${n} ${unit}${n === 1 ? "" : "s"}`;
  return seconds >= 0 ? `in ${text}` : `${text} ago`;
}

const TIME_CLAIMS = ["exp", "iat", "auth_time", "nbf"];

/** Claims with the time claims also spelled out (ISO and relative), for `auth tokens --decode`. */
export function readableClaims(token: string | undefined, now: Date): Claims | undefined {
  const claims = claimsOf(token);
  if (!claims) return undefined;
  const out: Claims = { ...claims };
  for (const key of TIME_CLAIMS) {
    const v = claims[key];
    if (typeof v === "number") {
      const d = new Date(v * 1000);
      out[`${key}_readable`] = `${d.toISOString()} (${relativeTime(d, now)})`;
    }
  }
  return out;
}
