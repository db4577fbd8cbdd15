// Token signing keys: one RSA key for ID tokens and another for access tokens (Cognito signs them
// with different keys, so the JWKS has two entries with distinct kids). Generated once per data
// directory and kept in the store, so tokens stay verifiable across restarts and across the
// processes sharing the directory. jose does the key generation, import/export and JWK work.
//
// Speed: importing a PKCS#8 key costs far more than a signature, so imported keys are cached per
// process. The cache is validated against the store on every use (one indexed read of the kid), so
// a `local reset` by another process is noticed instead of signing with a key the JWKS no longer has.

import { createHash } from "node:crypto";
import { exportJWK, exportPKCS8, generateKeyPair, importJWK, importPKCS8, type JWK } from "jose";
import type { Db } from "../store/database.js";
import type { Clock } from "./clock.js";

/** jose's key type (a WebCrypto CryptoKey on Node 20); named here because the node lib has no global CryptoKey type. */
type KeyObjectLike = Awaited<ReturnType<typeof importPKCS8>>;

export type KeyUse = "id" | "access";
export const KEY_USES: KeyUse[] = ["id", "access"];
const ALG = "RS256";

export interface SigningKey {
  kid: string;
  privateKey: KeyObjectLike;
  publicKey: KeyObjectLike;
  publicJwk: JWK;
}

interface KeyRow {
  kid: string;
  private_pkcs8: string;
  public_jwk: string;
}

export class KeysService {
  private readonly cache = new Map<KeyUse, SigningKey>();
  private readonly s;

  constructor(
    db: Db,
    private readonly clock: Clock,
  ) {
    this.s = {
      get: db.prepare("SELECT kid, private_pkcs8, public_jwk FROM signing_keys WHERE use = ?"),
      kid: db.prepare("SELECT kid FROM signing_keys WHERE use = ?").pluck(),
      insert: db.prepare(
        "INSERT OR IGNORE INTO signing_keys (use, kid, private_pkcs8, public_jwk, created) VALUES (?, ?, ?, ?, ?)",
      ),
      all: db.prepare("SELECT public_jwk FROM signing_keys ORDER BY use DESC").pluck(),
    };
  }

  /** The key for signing tokens of this use, generating and storing it on first need. */
  async signingKey(use: KeyUse): Promise<SigningKey> {
    const storedKid = this.s.kid.get(use) as string | undefined;
    const cached = this.cache.get(use);
    if (cached && cached.kid === storedKid) return cached;
    if (!storedKid) await this.generate(use);
    return this.load(use);
  }

  /** The public key for a kid of this data directory (undefined for a kid it never issued). */
  async verificationKey(kid: string): Promise<KeyObjectLike | undefined> {
    for (const use of KEY_USES) {
      const key = await this.signingKeyIfExists(use);
      if (key?.kid === kid) return key.publicKey;
    }
    return undefined;
  }

  /** The JWKS document (both keys), generating them if this directory has none yet. */
  async jwks(): Promise<{ keys: JWK[] }> {
    for (const use of KEY_USES) await this.signingKey(use);
    return { keys: (this.s.all.all() as string[]).map((j) => JSON.parse(j) as JWK) };
  }

  private async signingKeyIfExists(use: KeyUse): Promise<SigningKey | undefined> {
    const storedKid = this.s.kid.get(use) as string | undefined;
    if (!storedKid) return undefined;
    const cached = this.cache.get(use);
    return cached && cached.kid === storedKid ? cached : this.load(use);
  }

  private async generate(use: KeyUse): Promise<void> {
    const { privateKey, publicKey } = await generateKeyPair(ALG, { modulusLength: 2048, extractable: true });
    const jwk = await exportJWK(publicKey);
    // kid: the RFC 7638-style digest of the modulus, base64 like Cognito's kids.
    const kid = createHash("sha256").update(String(jwk.n)).digest("base64");
    const publicJwk: JWK = { alg: ALG, e: jwk.e, kid, kty: "RSA", n: jwk.n, use: "sig" };
    // INSERT OR IGNORE: when two processes race, the first key stored wins and both load it.
    this.s.insert.run(
      use,
      kid,
      await exportPKCS8(privateKey),
      JSON.stringify(publicJwk),
      this.clock().getTime(),
    );
  }

  private async load(use: KeyUse): Promise<SigningKey> {
    const row = this.s.get.get(use) as KeyRow;
    const publicJwk = JSON.parse(row.public_jwk) as JWK;
    const key: SigningKey = {
      kid: row.kid,
      privateKey: await importPKCS8(row.private_pkcs8, ALG),
      publicKey: (await importJWK(publicJwk, ALG)) as KeyObjectLike,
      publicJwk,
    };
    this.cache.set(use, key);
    return key;
  }
}
