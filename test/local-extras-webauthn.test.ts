// WebAuthn passkeys end to end through the AWS SDK v3 over HTTP: StartWebAuthnRegistration,
// CompleteWebAuthnRegistration, ListWebAuthnCredentials, DeleteWebAuthnCredential and the WEB_AUTHN
// first factor of USER_AUTH. A software authenticator (node:crypto ES256 key, `fmt: "none"`
// attestation, CBOR by tiny-cbor, the encoder @simplewebauthn itself uses) makes real credentials, so the endpoint's verification runs for real.
import { createHash, generateKeyPairSync, type KeyObject, randomBytes, sign } from "node:crypto";
import * as C from "@aws-sdk/client-cognito-identity-provider";
import { type CBORType, encodeCBOR } from "@levischuck/tiny-cbor";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failure, type LocalHarness, startLocal } from "./helpers/local-server.js";

const b64u = (b: Buffer | Uint8Array | string) => Buffer.from(b).toString("base64url");
const sha256 = (b: Buffer | string) => createHash("sha256").update(b).digest();

/** A minimal platform authenticator: one ES256 key pair per credential, a signature counter. */
class SoftwareAuthenticator {
  readonly credentialId = randomBytes(16);
  private readonly privateKey: KeyObject;
  private readonly publicJwk: { x: string; y: string };
  private counter = 0;
  constructor() {
    const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    this.privateKey = privateKey;
    this.publicJwk = publicKey.export({ format: "jwk" }) as { x: string; y: string };
  }

  get id(): string {
    return b64u(this.credentialId);
  }

  /** navigator.credentials.create() as RegistrationResponseJSON; `over` tampers with what is signed. */
  create(
    options: { challenge: string; rp: { id: string } },
    over: { origin?: string; challenge?: string; rpId?: string; type?: string } = {},
  ): Record<string, unknown> {
    const clientDataJSON = JSON.stringify({
      type: over.type ?? "webauthn.create",
      challenge: over.challenge ?? options.challenge,
      origin: over.origin ?? `https://${options.rp.id}`,
      crossOrigin: false,
    });
    const coseKey = encodeCBOR(
      new Map<number, CBORType>([
        [1, 2], // kty: EC2
        [3, -7], // alg: ES256
        [-1, 1], // crv: P-256
        [-2, new Uint8Array(Buffer.from(this.publicJwk.x, "base64url"))],
        [-3, new Uint8Array(Buffer.from(this.publicJwk.y, "base64url"))],
      ]),
    );
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(this.credentialId.length);
    const authData = Buffer.concat([
      sha256(over.rpId ?? options.rp.id),
      Buffer.from([0x01 | 0x04 | 0x40]), // UP, UV, AT
      Buffer.alloc(4), // signCount 0
      Buffer.alloc(16), // AAGUID: none
      idLength,
      this.credentialId,
      coseKey,
    ]);
    const attestationObject = encodeCBOR(
      new Map<string, CBORType>([
        ["fmt", "none"],
        ["attStmt", new Map<string, CBORType>()],
        ["authData", new Uint8Array(authData)],
      ]),
    );
    return {
      id: this.id,
      rawId: this.id,
      type: "public-key",
      authenticatorAttachment: "platform",
      clientExtensionResults: {},
      response: {
        clientDataJSON: b64u(clientDataJSON),
        attestationObject: b64u(attestationObject),
        transports: ["internal", "hybrid"],
      },
    };
  }

  /** navigator.credentials.get() as AuthenticationResponseJSON (a JSON string, as CREDENTIAL is). */
  get(
    options: { challenge: string; rpId: string },
    over: { origin?: string; challenge?: string; signWith?: SoftwareAuthenticator } = {},
  ): string {
    this.counter += 1;
    const clientDataJSON = Buffer.from(
      JSON.stringify({
        type: "webauthn.get",
        challenge: over.challenge ?? options.challenge,
        origin: over.origin ?? `https://${options.rpId}`,
        crossOrigin: false,
      }),
    );
    const count = Buffer.alloc(4);
    count.writeUInt32BE(this.counter);
    const authenticatorData = Buffer.concat([sha256(options.rpId), Buffer.from([0x01 | 0x04]), count]);
    const signer = over.signWith ?? this;
    const signature = sign(
      "sha256",
      Buffer.concat([authenticatorData, sha256(clientDataJSON)]),
      signer.privateKey,
    );
    return JSON.stringify({
      id: this.id,
      rawId: this.id,
      type: "public-key",
      authenticatorAttachment: "platform",
      clientExtensionResults: {},
      response: {
        clientDataJSON: b64u(clientDataJSON),
        authenticatorData: b64u(authenticatorData),
        signature: b64u(signature),
        userHandle: undefined,
      },
    });
  }
}

let h: LocalHarness;
let poolId: string;
let clientId: string;
let otherClientId: string;
let offsetMs = 0;
const PW = "Passw0rd!one";
const RP = "login.example.com";

async function newPool(name: string, factors: C.AuthFactorType[]) {
  const { UserPool } = await h.client.send(
    new C.CreateUserPoolCommand({
      PoolName: name,
      Policies: { SignInPolicy: { AllowedFirstAuthFactors: factors } },
    }),
  );
  return UserPool?.Id as string;
}

async function newClient(pool: string, name: string) {
  const { UserPoolClient } = await h.client.send(
    new C.CreateUserPoolClientCommand({
      UserPoolId: pool,
      ClientName: name,
      ExplicitAuthFlows: ["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_USER_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    }),
  );
  return UserPoolClient?.ClientId as string;
}

async function newUser(pool: string, Username: string) {
  await h.client.send(
    new C.AdminCreateUserCommand({ UserPoolId: pool, Username, MessageAction: "SUPPRESS" }),
  );
  await h.client.send(
    new C.AdminSetUserPasswordCommand({ UserPoolId: pool, Username, Password: PW, Permanent: true }),
  );
}

async function accessToken(pool: string, client: string, username: string) {
  const out = await h.client.send(
    new C.AdminInitiateAuthCommand({
      UserPoolId: pool,
      ClientId: client,
      AuthFlow: "ADMIN_USER_PASSWORD_AUTH",
      AuthParameters: { USERNAME: username, PASSWORD: PW },
    }),
  );
  return out.AuthenticationResult?.AccessToken as string;
}

type CreationOptions = {
  challenge: string;
  rp: { id: string; name: string };
  user: { id: string; name: string; displayName: string };
  pubKeyCredParams: { alg: number; type: string }[];
  excludeCredentials?: { id: string }[];
  authenticatorSelection?: { userVerification?: string; residentKey?: string };
  timeout?: number;
};

async function start(token: string): Promise<CreationOptions> {
  const out = await h.client.send(new C.StartWebAuthnRegistrationCommand({ AccessToken: token }));
  return out.CredentialCreationOptions as unknown as CreationOptions;
}

const complete = (token: string, credential: Record<string, unknown>) =>
  h.client.send(
    new C.CompleteWebAuthnRegistrationCommand({
      AccessToken: token,
      Credential: credential as unknown as C.CompleteWebAuthnRegistrationRequest["Credential"],
    }),
  );

const list = async (token: string, extra: { MaxResults?: number; NextToken?: string } = {}) =>
  h.client.send(new C.ListWebAuthnCredentialsCommand({ AccessToken: token, ...extra }));

async function register(token: string, auth = new SoftwareAuthenticator()) {
  await complete(token, auth.create(await start(token)));
  return auth;
}

const userAuth = (Username: string, extra: Record<string, string> = {}) =>
  h.client.send(
    new C.InitiateAuthCommand({
      ClientId: clientId,
      AuthFlow: "USER_AUTH",
      AuthParameters: { USERNAME: Username, ...extra },
    }),
  );

const respond = (
  ChallengeName: C.ChallengeNameType,
  Session: string | undefined,
  responses: Record<string, string>,
) =>
  h.client.send(
    new C.RespondToAuthChallengeCommand({
      ClientId: clientId,
      ChallengeName,
      Session,
      ChallengeResponses: responses,
    }),
  );

beforeAll(async () => {
  h = await startLocal({ clock: () => new Date(Date.now() + offsetMs) });
  poolId = await newPool("passkeys", ["PASSWORD", "WEB_AUTHN"]);
  await h.client.send(
    new C.SetUserPoolMfaConfigCommand({
      UserPoolId: poolId,
      MfaConfiguration: "OFF",
      WebAuthnConfiguration: { RelyingPartyId: RP, UserVerification: "required" },
    }),
  );
  clientId = await newClient(poolId, "web");
  otherClientId = await newClient(poolId, "other");
  for (const name of ["ana", "ben", "cy", "dee"]) await newUser(poolId, name);
});
afterAll(async () => {
  await h.close();
});

describe("registration", () => {
  it("answers CredentialCreationOptions from the pool's WebAuthn configuration", async () => {
    const token = await accessToken(poolId, clientId, "ana");
    const options = await start(token);
    expect(options.rp).toEqual({ id: RP, name: "passkeys" });
    expect(options.user.name).toBe("ana");
    expect(options.challenge).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(options.pubKeyCredParams.map((p) => p.alg)).toEqual([-7, -257]);
    expect(options.authenticatorSelection?.userVerification).toBe("required");
    expect(options.timeout).toBe(300000);
  });

  it("verifies a real attestation, stores the passkey and lists it", async () => {
    const token = await accessToken(poolId, clientId, "ana");
    const auth = await register(token);
    const { Credentials, NextToken } = await list(token);
    expect(NextToken).toBeUndefined();
    expect(Credentials).toHaveLength(1);
    const c = Credentials?.[0] as C.WebAuthnCredentialDescription;
    expect(c.CredentialId).toBe(auth.id);
    expect(c.RelyingPartyId).toBe(RP);
    expect(c.AuthenticatorAttachment).toBe("platform");
    expect(c.AuthenticatorTransports).toEqual(["internal", "hybrid"]);
    expect(c.FriendlyCredentialName).toBe("Platform passkey");
    expect(c.CreatedAt).toBeInstanceOf(Date);
    // The next registration excludes it, and the same authenticator cannot register it twice.
    const again = await start(token);
    expect(again.excludeCredentials?.map((e) => e.id)).toEqual([auth.id]);
    expect(await failure(complete(token, auth.create(again)))).toMatchObject({
      name: "InvalidParameterException",
      message: "This passkey is already registered.",
    });
  });

  it("refuses a tampered challenge, a foreign origin or relying party, another client, a reused challenge", async () => {
    const token = await accessToken(poolId, clientId, "ben");
    const auth = new SoftwareAuthenticator();
    let options = await start(token);
    expect(
      await failure(complete(token, auth.create(options, { challenge: b64u(randomBytes(32)) }))),
    ).toMatchObject({ name: "WebAuthnChallengeNotFoundException" });
    expect(
      await failure(complete(token, auth.create(options, { origin: "https://evil.example.net" }))),
    ).toMatchObject({ name: "WebAuthnOriginNotAllowedException" });
    expect(await failure(complete(token, auth.create(options, { origin: `http://${RP}` })))).toMatchObject({
      name: "WebAuthnOriginNotAllowedException",
    });
    expect(await failure(complete(token, auth.create(options, { rpId: "evil.example.net" })))).toMatchObject({
      name: "WebAuthnRelyingPartyMismatchException",
    });
    expect(await failure(complete(token, auth.create(options, { type: "webauthn.get" })))).toMatchObject({
      name: "InvalidParameterException",
    });
    const otherToken = await accessToken(poolId, otherClientId, "ben");
    expect(await failure(complete(otherToken, auth.create(options)))).toMatchObject({
      name: "WebAuthnClientMismatchException",
    });
    expect(await failure(complete(token, { id: "x" }))).toMatchObject({ name: "InvalidParameterException" });
    expect((await list(token)).Credentials).toEqual([]);
    // A subdomain of the relying party is an allowed origin; the challenge is then used up.
    options = await start(token);
    const credential = auth.create(options, { origin: `https://app.${RP}` });
    await complete(token, credential);
    expect(await failure(complete(token, credential))).toMatchObject({
      name: "WebAuthnChallengeNotFoundException",
    });
    expect((await list(token)).Credentials).toHaveLength(1);
  });

  it("lets a registration challenge expire after five minutes", async () => {
    const token = await accessToken(poolId, clientId, "cy");
    const options = await start(token);
    offsetMs += 5 * 60 * 1000 + 1000;
    try {
      expect(await failure(complete(token, new SoftwareAuthenticator().create(options)))).toMatchObject({
        name: "WebAuthnChallengeNotFoundException",
      });
    } finally {
      offsetMs = 0;
    }
  });

  it("pages, deletes only the user's own passkeys, and caps them at 20", async () => {
    const token = await accessToken(poolId, clientId, "dee");
    const auths: SoftwareAuthenticator[] = [];
    for (let i = 0; i < 20; i++) auths.push(await register(token));
    expect(await failure(start(token))).toMatchObject({ name: "LimitExceededException" });
    const first = await list(token, { MaxResults: 15 });
    expect(first.Credentials).toHaveLength(15);
    const second = await list(token, { MaxResults: 15, NextToken: first.NextToken });
    expect(second.Credentials?.map((c) => c.CredentialId)).toEqual(auths.slice(15).map((a) => a.id));
    expect(second.NextToken).toBeUndefined();
    expect(await failure(list(token, { MaxResults: 21 }))).toMatchObject({
      name: "InvalidParameterException",
    });
    // ana's passkey is not dee's to delete.
    const anaToken = await accessToken(poolId, clientId, "ana");
    const anaId = (await list(anaToken)).Credentials?.[0]?.CredentialId as string;
    expect(
      await failure(
        h.client.send(new C.DeleteWebAuthnCredentialCommand({ AccessToken: token, CredentialId: anaId })),
      ),
    ).toMatchObject({ name: "ResourceNotFoundException" });
    await h.client.send(
      new C.DeleteWebAuthnCredentialCommand({ AccessToken: token, CredentialId: auths[0].id }),
    );
    expect((await list(token)).Credentials).toHaveLength(19);
    expect(
      await failure(
        h.client.send(
          new C.DeleteWebAuthnCredentialCommand({ AccessToken: token, CredentialId: auths[0].id }),
        ),
      ),
    ).toMatchObject({ name: "ResourceNotFoundException" });
    await start(token); // room again
  });

  it("needs WEB_AUTHN among the pool's first factors and a relying party (id or domain)", async () => {
    const off = await newPool("no-passkeys", ["PASSWORD"]);
    const offClient = await newClient(off, "web");
    await newUser(off, "eve");
    expect(await failure(start(await accessToken(off, offClient, "eve")))).toMatchObject({
      name: "WebAuthnNotEnabledException",
    });

    const bare = await newPool("no-rp", ["PASSWORD", "WEB_AUTHN"]);
    const bareClient = await newClient(bare, "web");
    await newUser(bare, "fay");
    const token = await accessToken(bare, bareClient, "fay");
    expect(await failure(start(token))).toMatchObject({ name: "WebAuthnConfigurationMissingException" });
    await h.client.send(new C.CreateUserPoolDomainCommand({ UserPoolId: bare, Domain: "fay-passkeys" }));
    expect((await start(token)).rp.id).toBe("fay-passkeys.auth.us-east-1.amazoncognito.com");
  });

  it("requires a valid access token", async () => {
    expect(await failure(start("not-a-token"))).toMatchObject({ name: "NotAuthorizedException" });
  });
});

describe("WEB_AUTHN sign-in (USER_AUTH)", () => {
  let auth: SoftwareAuthenticator;
  beforeAll(async () => {
    await newUser(poolId, "gil");
    auth = await register(await accessToken(poolId, clientId, "gil"));
  });

  it("offers WEB_AUTHN in SELECT_CHALLENGE with the request options, and signs in with the passkey", async () => {
    const select = await userAuth("gil");
    expect(select.ChallengeName).toBe("SELECT_CHALLENGE");
    expect(select.AvailableChallenges).toEqual(["PASSWORD", "PASSWORD_SRP", "WEB_AUTHN"]);
    const options = JSON.parse(select.ChallengeParameters?.CREDENTIAL_REQUEST_OPTIONS as string);
    expect(options.rpId).toBe(RP);
    expect(options.userVerification).toBe("required");
    expect(options.allowCredentials.map((c: { id: string }) => c.id)).toEqual([auth.id]);
    const out = await respond("SELECT_CHALLENGE", select.Session, {
      USERNAME: "gil",
      ANSWER: "WEB_AUTHN",
      CREDENTIAL: auth.get(options),
    });
    expect(out.AuthenticationResult?.AccessToken).toBeTruthy();
    expect(out.AuthenticationResult?.RefreshToken).toBeTruthy();
  });

  it("answers PREFERRED_CHALLENGE=WEB_AUTHN with a WEB_AUTHN challenge", async () => {
    const ch = await userAuth("gil", { PREFERRED_CHALLENGE: "WEB_AUTHN" });
    expect(ch.ChallengeName).toBe("WEB_AUTHN");
    const options = JSON.parse(ch.ChallengeParameters?.CREDENTIAL_REQUEST_OPTIONS as string);
    const out = await respond("WEB_AUTHN", ch.Session, { USERNAME: "gil", CREDENTIAL: auth.get(options) });
    expect(out.AuthenticationResult?.IdToken).toBeTruthy();
  });

  it("refuses a wrong signature, a stale challenge, a foreign origin, and ends the session", async () => {
    const stranger = new SoftwareAuthenticator();
    let ch = await userAuth("gil", { PREFERRED_CHALLENGE: "WEB_AUTHN" });
    let options = JSON.parse(ch.ChallengeParameters?.CREDENTIAL_REQUEST_OPTIONS as string);
    expect(
      await failure(
        respond("WEB_AUTHN", ch.Session, {
          USERNAME: "gil",
          CREDENTIAL: auth.get(options, { signWith: stranger }),
        }),
      ),
    ).toMatchObject({ name: "NotAuthorizedException" });
    // The session is over after a wrong answer.
    expect(
      await failure(respond("WEB_AUTHN", ch.Session, { USERNAME: "gil", CREDENTIAL: auth.get(options) })),
    ).toMatchObject({ name: "NotAuthorizedException" });

    ch = await userAuth("gil", { PREFERRED_CHALLENGE: "WEB_AUTHN" });
    const stale = options;
    options = JSON.parse(ch.ChallengeParameters?.CREDENTIAL_REQUEST_OPTIONS as string);
    expect(
      await failure(respond("WEB_AUTHN", ch.Session, { USERNAME: "gil", CREDENTIAL: auth.get(stale) })),
    ).toMatchObject({ name: "NotAuthorizedException" });

    ch = await userAuth("gil", { PREFERRED_CHALLENGE: "WEB_AUTHN" });
    options = JSON.parse(ch.ChallengeParameters?.CREDENTIAL_REQUEST_OPTIONS as string);
    expect(
      await failure(
        respond("WEB_AUTHN", ch.Session, {
          USERNAME: "gil",
          CREDENTIAL: auth.get(options, { origin: "https://evil.example.net" }),
        }),
      ),
    ).toMatchObject({ name: "WebAuthnOriginNotAllowedException" });

    // A passkey not registered to this user proves nothing.
    ch = await userAuth("gil", { PREFERRED_CHALLENGE: "WEB_AUTHN" });
    options = JSON.parse(ch.ChallengeParameters?.CREDENTIAL_REQUEST_OPTIONS as string);
    expect(
      await failure(respond("WEB_AUTHN", ch.Session, { USERNAME: "gil", CREDENTIAL: stranger.get(options) })),
    ).toMatchObject({ name: "NotAuthorizedException" });
    expect(await failure(respond("WEB_AUTHN", ch.Session, { USERNAME: "gil" }))).toMatchObject({
      name: "NotAuthorizedException",
    });
  });

  it("stops offering WEB_AUTHN once the user's passkey is deleted", async () => {
    const token = await accessToken(poolId, clientId, "gil");
    await h.client.send(new C.DeleteWebAuthnCredentialCommand({ AccessToken: token, CredentialId: auth.id }));
    const select = await userAuth("gil");
    expect(select.AvailableChallenges).toEqual(["PASSWORD", "PASSWORD_SRP"]);
    expect(select.ChallengeParameters?.CREDENTIAL_REQUEST_OPTIONS).toBeUndefined();
    expect(await failure(userAuth("gil", { PREFERRED_CHALLENGE: "WEB_AUTHN" }))).toMatchObject({
      name: "InvalidParameterException",
    });
  });
});
