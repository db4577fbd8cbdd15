// Redaction for --debug traces and anything else that echoes requests: passwords, tokens,
// secrets, codes, SRP values and SECRET_HASH never reach stderr. One rule, by key name, applied
// to every string value (nested maps such as AuthParameters and ChallengeResponses included).

const SECRET_KEY =
  /password|secret|token|session|code$|^code$|signature|verifier|salt|srp_|^answer$|encodeddata|^authorization$|security-token/i;
/** Keys that match the pattern above but carry nothing secret (pagination, settings). */
const NOT_SECRET = new Set([
  "NextToken",
  "PaginationToken",
  "TokenType",
  "TokenValidityUnits",
  "EnableTokenRevocation",
  "PasswordPolicy",
  "TemporaryPasswordValidityDays",
  "SessionId",
  "AuthSessionValidity",
]);

export const REDACTED = "****";

export function isSecretKey(key: string): boolean {
  return !NOT_SECRET.has(key) && SECRET_KEY.test(key);
}

/** A presigned URL without its query string, where the signature, credential and token live. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}${u.search ? `?${REDACTED}` : ""}`;
  } catch {
    return `<unparseable URL, ${url.length} characters: not shown>`;
  }
}

export function redact(value: unknown, key?: string): unknown {
  if (typeof value === "string") {
    if (key !== undefined && isSecretKey(key)) return REDACTED;
    return key !== undefined && /url$/i.test(key) ? redactUrl(value) : value;
  }
  if (Array.isArray(value)) return value.map((v) => redact(v, key));
  if (value && typeof value === "object" && !(value instanceof Date) && !(value instanceof Uint8Array)) {
    // fromEntries keeps a `__proto__` key a key (assignment would set the prototype).
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redact(v, k)]));
  }
  return value;
}

/** Redacts a JSON text; text that is not JSON is replaced whole when it could hold a secret. */
export function redactJsonText(text: string): string {
  if (text.trim() === "") return text;
  try {
    return JSON.stringify(redact(JSON.parse(text)));
  } catch {
    return `<${text.length} bytes, not JSON: not shown>`;
  }
}

export function redactHeaders(
  headers: Record<string, string | string[] | undefined>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined) continue;
    out[k] = isSecretKey(k) ? REDACTED : Array.isArray(v) ? v.join(", ") : v;
  }
  return out;
}
