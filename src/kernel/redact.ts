// Redaction for --debug traces and anything else that echoes requests: passwords, tokens,
// secrets, codes, SRP values and SECRET_HASH never reach stderr. One rule, by key name, applied
// to every string value (nested maps such as AuthParameters and ChallengeResponses included).
// Values derived from a secret are secrets too: a body's SHA-256 (x-amz-content-sha256) next to
// the body with `****` lets anyone confirm a guessed password by hashing candidate bodies, so
// body digests are hidden whenever the body held anything redacted, and SigV4 signatures always
// (with --local the signing key is public, so a signature is as good as a digest).

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

/**
 * A URL as it may be shown. A signed one (it has a query string: signature, credential, token)
 * keeps only its origin: some endpoints carry the bearer token in the path as well (the embedded
 * endpoint's upload URLs do), and a trace cannot tell which part of a path is secret.
 */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    return u.search ? `${u.origin}/${REDACTED}?${REDACTED}` : `${u.origin}${u.pathname}`;
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

export interface RedactedBody {
  /** The body as it may be shown. */
  text: string;
  /** Something was hidden (or the body could not be read as JSON): its digests must be hidden too. */
  heldSecret: boolean;
}

/** Redacts a JSON body; text that is not JSON is replaced whole, since it could hold a secret. */
export function redactBody(text: string): RedactedBody {
  if (text.trim() === "") return { text, heldSecret: false };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { text: `<${text.length} bytes, not JSON: not shown>`, heldSecret: true };
  }
  const shown = JSON.stringify(redact(parsed));
  return { text: shown, heldSecret: shown !== JSON.stringify(parsed) };
}

export function redactJsonText(text: string): string {
  return redactBody(text).text;
}

/** Headers computed from the body's bytes: each is as revealing as the body itself. */
const BODY_DIGEST = /sha256|md5|crc32|checksum|digest/i;

/**
 * A SigV4 Authorization header with its signature hidden; the credential scope (date, region,
 * service) and signed headers stay, since they are what a signing problem is debugged with. The
 * access key id goes too: not a secret, but it names the account (sts get-access-key-info) in a
 * trace that ends up pasted into tickets. Anything else is hidden whole.
 */
function redactAuthorization(value: string): string {
  const sigV4 =
    /^(AWS4-[A-Z0-9-]+) Credential=[^/,\s]+(\/[^,\s]*),\s*SignedHeaders=([^,\s]+),\s*Signature=[0-9a-f]+$/i;
  const m = sigV4.exec(value);
  return m ? `${m[1]} Credential=${REDACTED}${m[2]}, SignedHeaders=${m[3]}, Signature=${REDACTED}` : REDACTED;
}

/**
 * Headers as they may be shown. `bodyHeldSecret` (from redactBody) hides the digests of the body
 * sent or received with them.
 */
export function redactHeaders(
  headers: Record<string, string | string[] | undefined>,
  bodyHeldSecret = true,
): Record<string, string> {
  const out: [string, string][] = [];
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined) continue;
    const value = Array.isArray(v) ? v.join(", ") : v;
    if (/^authorization$/i.test(k)) out.push([k, redactAuthorization(value)]);
    else if (isSecretKey(k) || /cookie/i.test(k)) out.push([k, REDACTED]);
    else if (bodyHeldSecret && BODY_DIGEST.test(k)) out.push([k, REDACTED]);
    else out.push([k, value]);
  }
  return Object.fromEntries(out);
}

/**
 * An app client as task commands show it: its secret masked (printed only by `cogctl clients
 * secret`). Not redact(): that masks by key name and would hide AccessTokenValidity and the like.
 */
export function maskClientSecret<T extends Record<string, unknown>>(client: T): T {
  return client.ClientSecret === undefined ? client : { ...client, ClientSecret: REDACTED };
}
