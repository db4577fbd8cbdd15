// WebAuthn passkeys: registration (Start/CompleteWebAuthnRegistration), the user's credentials
// (List/DeleteWebAuthnCredential) and the assertion check of the WEB_AUTHN sign-in. The ceremonies
// are verified by @simplewebauthn/server (attestation, CBOR/COSE, signatures, counters), loaded on
// first use; this file decides the relying party, the allowed origins and the service's errors.
// Rows in `webauthn_credentials` and `webauthn_registrations` (migration 7), deleted with the user.
import { InvalidParameterException, LimitExceededException, ResourceNotFoundException } from "../errors.js";
import {
  WebAuthnChallengeNotFoundException,
  WebAuthnClientMismatchException,
  WebAuthnConfigurationMissingException,
  WebAuthnCredentialNotSupportedException,
  WebAuthnNotEnabledException,
  WebAuthnOriginNotAllowedException,
  WebAuthnRelyingPartyMismatchException,
} from "../errors-extras.js";
import type { Db } from "../store/database.js";
import type { Clock } from "./clock.js";
import { toEpochSeconds } from "./ids.js";
import type { MfaExtras } from "./mfa-config.js";
import { decodePage, encodePage } from "./paging.js";
import type { Pool } from "./pools.js";
import type { ResourcesService } from "./resources.js";
import type { User } from "./users.js";

/** Passkeys a user may register (the service's quota). */
export const MAX_CREDENTIALS_PER_USER = 20;
/** How long a registration or sign-in challenge may be answered (also the options' `timeout`). */
export const CHALLENGE_MS = 5 * 60 * 1000;
/** ES256 and RS256, what the service offers in pubKeyCredParams. */
const ALGORITHMS = [-7, -257];

export interface RelyingParty {
  id: string;
  name: string;
  userVerification: "required" | "preferred";
}

export interface StoredCredential {
  credentialId: string;
  publicKey: string; // COSE key, base64url
  counter: number;
  name: string;
  rpId: string;
  attachment?: string;
  transports: string[];
  aaguid: string;
  created: number; // epoch ms
}

interface Row {
  rowid: number;
  credential_id: string;
  data: string;
  created: number;
}

const fromRow = (r: Row): StoredCredential => ({
  ...(JSON.parse(r.data) as Omit<StoredCredential, "credentialId" | "created">),
  credentialId: r.credential_id,
  created: r.created,
});

type Library = typeof import("@simplewebauthn/server");
let library: Promise<Library> | undefined;
const webauthn = (): Promise<Library> => {
  library ??= import("@simplewebauthn/server");
  return library;
};

/** The parts of a credential's clientDataJSON the service checks itself before the library runs. */
interface ClientData {
  type?: string;
  challenge?: string;
  origin?: string;
}

export class WebAuthnService {
  private readonly s;
  constructor(
    db: Db,
    private readonly clock: Clock,
    private readonly resources: ResourcesService,
  ) {
    this.s = {
      list: db.prepare(
        "SELECT rowid, credential_id, data, created FROM webauthn_credentials WHERE pool_id = ? AND username_key = ? ORDER BY rowid",
      ),
      page: db.prepare(
        "SELECT rowid, credential_id, data, created FROM webauthn_credentials WHERE pool_id = ? AND username_key = ? AND rowid > ? ORDER BY rowid LIMIT ?",
      ),
      get: db.prepare(
        "SELECT rowid, credential_id, data, created FROM webauthn_credentials WHERE pool_id = ? AND credential_id = ?",
      ),
      count: db
        .prepare("SELECT COUNT(*) FROM webauthn_credentials WHERE pool_id = ? AND username_key = ?")
        .pluck(),
      insert: db.prepare(
        "INSERT INTO webauthn_credentials (pool_id, credential_id, username_key, data, created) VALUES (?, ?, ?, ?, ?)",
      ),
      update: db.prepare("UPDATE webauthn_credentials SET data = ? WHERE pool_id = ? AND credential_id = ?"),
      delete: db.prepare(
        "DELETE FROM webauthn_credentials WHERE pool_id = ? AND username_key = ? AND credential_id = ?",
      ),
      putChallenge: db.prepare(
        "INSERT OR REPLACE INTO webauthn_registrations (pool_id, username_key, client_id, challenge, expires) VALUES (?, ?, ?, ?, ?)",
      ),
      getChallenge: db.prepare(
        "SELECT client_id AS clientId, challenge, expires FROM webauthn_registrations WHERE pool_id = ? AND username_key = ?",
      ),
      deleteChallenge: db.prepare(
        "DELETE FROM webauthn_registrations WHERE pool_id = ? AND username_key = ?",
      ),
      domains: db.prepare("SELECT data FROM domains WHERE pool_id = ? ORDER BY domain").pluck(),
    };
  }

  /** True when the pool lets users sign in with a passkey (WEB_AUTHN among AllowedFirstAuthFactors). */
  static enabled(pool: Pool): boolean {
    const policy = (
      pool.data.Policies as { SignInPolicy?: { AllowedFirstAuthFactors?: string[] } } | undefined
    )?.SignInPolicy;
    return policy?.AllowedFirstAuthFactors?.includes("WEB_AUTHN") === true;
  }

  /**
   * The relying party: WebAuthnConfiguration.RelyingPartyId (SetUserPoolMfaConfig) or else the pool's
   * prefix domain (`<prefix>.auth.<region>.amazoncognito.com`), or its custom domain.
   */
  relyingParty(pool: Pool, region: string): RelyingParty {
    if (!WebAuthnService.enabled(pool)) throw new WebAuthnNotEnabledException();
    const config = this.resources.get<MfaExtras>(pool.id, "mfa-config", "")?.data.WebAuthnConfiguration;
    const userVerification = config?.UserVerification === "required" ? "required" : "preferred";
    let id = config?.RelyingPartyId;
    if (!id) {
      const domains = (this.s.domains.all(pool.id) as string[]).map(
        (d) => JSON.parse(d) as { Domain: string; CustomDomainConfig?: unknown },
      );
      const prefix = domains.find((d) => !d.CustomDomainConfig);
      id = prefix ? `${prefix.Domain}.auth.${region}.amazoncognito.com` : domains[0]?.Domain;
    }
    if (!id) throw new WebAuthnConfigurationMissingException();
    return { id, name: pool.name, userVerification };
  }

  credentials(pool: Pool, user: User): StoredCredential[] {
    return (this.s.list.all(pool.id, user.usernameKey) as Row[]).map(fromRow);
  }

  hasCredentials(pool: Pool, user: User): boolean {
    return (this.s.count.get(pool.id, user.usernameKey) as number) > 0;
  }

  /** StartWebAuthnRegistration: CredentialCreationOptions; the challenge is kept for this user and client. */
  async startRegistration(
    pool: Pool,
    user: User,
    clientId: string,
    region: string,
  ): Promise<Record<string, unknown>> {
    const rp = this.relyingParty(pool, region);
    const existing = this.credentials(pool, user);
    if (existing.length >= MAX_CREDENTIALS_PER_USER) {
      throw new LimitExceededException(
        `A user can register at most ${MAX_CREDENTIALS_PER_USER} passkeys; delete one first.`,
      );
    }
    const { generateRegistrationOptions } = await webauthn();
    const options = await generateRegistrationOptions({
      rpName: rp.name,
      rpID: rp.id,
      userName: user.username,
      userID: new Uint8Array(Buffer.from(user.sub)),
      userDisplayName: user.attributes.email ?? user.username,
      timeout: CHALLENGE_MS,
      attestationType: "none",
      excludeCredentials: existing.map((c) => ({ id: c.credentialId, transports: c.transports })),
      authenticatorSelection: { residentKey: "required", userVerification: rp.userVerification },
      extensions: { credProps: true },
      supportedAlgorithmIDs: ALGORITHMS,
    });
    this.s.putChallenge.run(
      pool.id,
      user.usernameKey,
      clientId,
      options.challenge,
      this.clock().getTime() + CHALLENGE_MS,
    );
    return options as unknown as Record<string, unknown>;
  }

  /** CompleteWebAuthnRegistration: verifies the attestation against the pending challenge and stores the key. */
  async completeRegistration(
    pool: Pool,
    user: User,
    clientId: string,
    region: string,
    credential: unknown,
  ): Promise<StoredCredential> {
    const rp = this.relyingParty(pool, region);
    const response = credentialJson(credential, "attestationObject");
    const pending = this.s.getChallenge.get(pool.id, user.usernameKey) as
      | { clientId: string; challenge: string; expires: number }
      | undefined;
    const client = clientDataOf(response);
    if (!pending || pending.expires < this.clock().getTime() || client.challenge !== pending.challenge) {
      throw new WebAuthnChallengeNotFoundException();
    }
    if (pending.clientId !== clientId) throw new WebAuthnClientMismatchException();
    if (client.type !== "webauthn.create") {
      throw new InvalidParameterException(
        "The credential is not the answer to a registration (webauthn.create).",
      );
    }
    const origin = checkOrigin(client.origin, rp.id);
    const { verifyRegistrationResponse } = await webauthn();
    let verified: Awaited<ReturnType<Library["verifyRegistrationResponse"]>>;
    try {
      verified = await verifyRegistrationResponse({
        response: response as unknown as Parameters<Library["verifyRegistrationResponse"]>[0]["response"],
        expectedChallenge: pending.challenge,
        expectedOrigin: origin,
        expectedRPID: rp.id,
        requireUserVerification: rp.userVerification === "required",
        supportedAlgorithmIDs: ALGORITHMS,
      });
    } catch (err) {
      throw verificationError(err);
    }
    if (!verified.verified)
      throw new InvalidParameterException("The passkey attestation could not be verified.");
    const info = verified.registrationInfo;
    if (this.s.get.get(pool.id, info.credential.id)) {
      throw new InvalidParameterException("This passkey is already registered.");
    }
    if ((this.s.count.get(pool.id, user.usernameKey) as number) >= MAX_CREDENTIALS_PER_USER) {
      throw new LimitExceededException(
        `A user can register at most ${MAX_CREDENTIALS_PER_USER} passkeys; delete one first.`,
      );
    }
    const attachment = (response as { authenticatorAttachment?: unknown }).authenticatorAttachment;
    const transports = (response.response as { transports?: unknown }).transports;
    const now = this.clock().getTime();
    const stored: StoredCredential = {
      credentialId: info.credential.id,
      publicKey: Buffer.from(info.credential.publicKey).toString("base64url"),
      counter: info.credential.counter,
      name: friendlyName(info.aaguid, typeof attachment === "string" ? attachment : undefined),
      rpId: rp.id,
      ...(typeof attachment === "string" ? { attachment } : {}),
      transports: Array.isArray(transports) ? transports.filter((t) => typeof t === "string") : [],
      aaguid: info.aaguid,
      created: now,
    };
    const { credentialId, created, ...data } = stored;
    this.s.insert.run(pool.id, credentialId, user.usernameKey, JSON.stringify(data), created);
    this.s.deleteChallenge.run(pool.id, user.usernameKey);
    return stored;
  }

  /** ListWebAuthnCredentials: WebAuthnCredentialDescription page (default and maximum 20). */
  list(
    pool: Pool,
    user: User,
    maxResults: number | undefined,
    nextToken: string | undefined,
  ): { Credentials: Record<string, unknown>[]; NextToken?: string } {
    const max = maxResults && maxResults > 0 ? maxResults : MAX_CREDENTIALS_PER_USER;
    const after = nextToken === undefined ? 0 : Number(decodePage(nextToken));
    if (!Number.isInteger(after)) throw new InvalidParameterException("Invalid pagination token.");
    const rows = this.s.page.all(pool.id, user.usernameKey, after, max + 1) as Row[];
    const page = rows.slice(0, max);
    return {
      Credentials: page.map(fromRow).map((c) => ({
        CredentialId: c.credentialId,
        FriendlyCredentialName: c.name,
        RelyingPartyId: c.rpId,
        ...(c.attachment ? { AuthenticatorAttachment: c.attachment } : {}),
        AuthenticatorTransports: c.transports,
        CreatedAt: toEpochSeconds(c.created),
      })),
      ...(rows.length > max ? { NextToken: encodePage(String(page[page.length - 1].rowid)) } : {}),
    };
  }

  /** DeleteWebAuthnCredential: only the user's own; anything else is ResourceNotFoundException. */
  delete(pool: Pool, user: User, credentialId: string): void {
    if (this.s.delete.run(pool.id, user.usernameKey, credentialId).changes === 0) {
      throw new ResourceNotFoundException("Credential not found.");
    }
  }

  /** CREDENTIAL_REQUEST_OPTIONS for the WEB_AUTHN sign-in (the user's passkeys as allowCredentials). */
  async authenticationOptions(
    pool: Pool,
    user: User,
    region: string,
  ): Promise<{ options: Record<string, unknown>; challenge: string }> {
    const rp = this.relyingParty(pool, region);
    const { generateAuthenticationOptions } = await webauthn();
    const options = await generateAuthenticationOptions({
      rpID: rp.id,
      allowCredentials: this.credentials(pool, user).map((c) => ({
        id: c.credentialId,
        transports: c.transports,
      })),
      timeout: CHALLENGE_MS,
      userVerification: rp.userVerification,
    });
    return { options: options as unknown as Record<string, unknown>, challenge: options.challenge };
  }

  /**
   * The WEB_AUTHN answer: an AuthenticationResponseJSON (as a JSON string) signed by one of the
   * user's passkeys over `challenge`. False when it does not prove the user; the counter moves on.
   */
  async verifyAuthentication(
    pool: Pool,
    user: User,
    region: string,
    challenge: string,
    credential: string,
  ): Promise<boolean> {
    const rp = this.relyingParty(pool, region);
    let parsed: unknown;
    try {
      parsed = JSON.parse(credential);
    } catch {
      throw new InvalidParameterException("CREDENTIAL must be an AuthenticationResponseJSON document.");
    }
    const response = credentialJson(parsed, "authenticatorData");
    const client = clientDataOf(response);
    if (client.type !== "webauthn.get" || client.challenge !== challenge) return false;
    const origin = checkOrigin(client.origin, rp.id);
    const row = this.s.get.get(pool.id, String(response.id)) as Row | undefined;
    const stored = row ? fromRow(row) : undefined;
    if (!stored || !this.credentials(pool, user).some((c) => c.credentialId === stored.credentialId)) {
      return false;
    }
    const { verifyAuthenticationResponse } = await webauthn();
    try {
      const result = await verifyAuthenticationResponse({
        response: response as unknown as Parameters<Library["verifyAuthenticationResponse"]>[0]["response"],
        expectedChallenge: challenge,
        expectedOrigin: origin,
        expectedRPID: stored.rpId,
        credential: {
          id: stored.credentialId,
          publicKey: new Uint8Array(Buffer.from(stored.publicKey, "base64url")),
          counter: stored.counter,
          transports: stored.transports,
        },
        requireUserVerification: rp.userVerification === "required",
      });
      if (!result.verified) return false;
      const { credentialId, created, ...data } = stored;
      this.s.update.run(
        JSON.stringify({ ...data, counter: result.authenticationInfo.newCounter }),
        pool.id,
        credentialId,
      );
      return true;
    } catch {
      return false;
    }
  }
}

/** The credential as a PublicKeyCredential JSON object with the member `field` in its response. */
function credentialJson(
  value: unknown,
  field: string,
): Record<string, unknown> & { response: Record<string, unknown> } {
  const v = value as { id?: unknown; rawId?: unknown; type?: unknown; response?: Record<string, unknown> };
  if (
    !v ||
    typeof v !== "object" ||
    typeof v.id !== "string" ||
    typeof v.rawId !== "string" ||
    !v.response ||
    typeof v.response !== "object" ||
    typeof v.response.clientDataJSON !== "string" ||
    typeof v.response[field] !== "string"
  ) {
    throw new InvalidParameterException(
      `The credential must be a public-key credential in JSON (id, rawId, type, response.clientDataJSON, response.${field}).`,
    );
  }
  return v as Record<string, unknown> & { response: Record<string, unknown> };
}

function clientDataOf(response: { response: Record<string, unknown> }): ClientData {
  try {
    const parsed = JSON.parse(
      Buffer.from(String(response.response.clientDataJSON), "base64url").toString("utf8"),
    );
    if (parsed && typeof parsed === "object") return parsed as ClientData;
  } catch {
    // fall through
  }
  throw new InvalidParameterException("The credential's clientDataJSON is not base64url-encoded JSON.");
}

/**
 * The origin must be the relying party's domain or a subdomain of it, over https (http is allowed
 * for localhost, as browsers do). Answers the origin to hand the library.
 */
function checkOrigin(origin: string | undefined, rpId: string): string {
  let url: URL | undefined;
  try {
    url = origin ? new URL(origin) : undefined;
  } catch {
    url = undefined;
  }
  const host = url?.hostname ?? "";
  const local = host === "localhost" || host === "127.0.0.1" || host.endsWith(".localhost");
  const secure = url?.protocol === "https:" || (url?.protocol === "http:" && local);
  if (!url || url.origin !== origin || !secure || (host !== rpId && !host.endsWith(`.${rpId}`))) {
    throw new WebAuthnOriginNotAllowedException(
      `The origin ${origin ?? "(none)"} is not allowed for relying party ${rpId}.`,
    );
  }
  return origin as string;
}

/** The library's refusal as the service's exception. */
function verificationError(err: unknown): Error {
  const e = err as Error;
  const message = e?.message ?? String(err);
  if (e?.name === "UnexpectedRPIDHash") return new WebAuthnRelyingPartyMismatchException();
  if (/Unsupported Attestation Format|Unexpected public key alg|user could not be verified/i.test(message)) {
    return new WebAuthnCredentialNotSupportedException(`The passkey credential is not supported: ${message}`);
  }
  return new InvalidParameterException(`The passkey attestation could not be verified: ${message}`);
}

/** The service names a passkey after its provider; locally, after its attachment and AAGUID. */
function friendlyName(aaguid: string, attachment: string | undefined): string {
  const kind = attachment === "platform" ? "Platform passkey" : attachment ? "Security key" : "Passkey";
  return /^[0-]+$/.test(aaguid) ? kind : `${kind} ${aaguid.slice(0, 8)}`;
}
