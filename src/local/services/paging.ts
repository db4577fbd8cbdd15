// Opaque pagination tokens: the last key of the previous page, base64url-encoded, so pages are stable
// while rows are added or removed (keyset pagination rather than offsets).
import { InvalidParameterException } from "../errors.js";

export const encodePage = (lastKey: string): string =>
  Buffer.from(JSON.stringify([lastKey])).toString("base64url");

export function decodePage(token: string): string {
  try {
    const v = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
    if (Array.isArray(v) && typeof v[0] === "string") return v[0];
  } catch {
    // fall through
  }
  throw new InvalidParameterException("Invalid pagination token.");
}
