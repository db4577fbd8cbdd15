// SRP sign-in on the embedded endpoint with AWS's own client library (amazon-cognito-identity-js)
// over HTTP, and the issued tokens checked by aws-jwt-verify against the endpoint's JWKS.
import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  type CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  InitiateAuthCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { JwtRsaVerifier } from "aws-jwt-verify";
import { SimpleJwksCache } from "aws-jwt-verify/jwk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browser, expectStep, signIn } from "./helpers/acij.js";
import { failure, type LocalHarness, startLocal } from "./helpers/local-server.js";

let h: LocalHarness;
let sdk: CognitoIdentityProviderClient;
let poolId: string;
let clientId: string;
const TEMP = "Temp#Passw0rd";
const FINAL = "Final#Passw0rd1";

beforeAll(async () => {
  h = await startLocal();
  sdk = h.client;
  const pool = await sdk.send(new CreateUserPoolCommand({ PoolName: "srp-pool" }));
  poolId = pool.UserPool?.Id as string;
  const client = await sdk.send(
    new CreateUserPoolClientCommand({
      UserPoolId: poolId,
      ClientName: "web",
      ExplicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    }),
  );
  clientId = client.UserPoolClient?.ClientId as string;
  await sdk.send(
    new AdminCreateUserCommand({
      UserPoolId: poolId,
      Username: "alice",
      TemporaryPassword: TEMP,
      MessageAction: "SUPPRESS",
      UserAttributes: [
        { Name: "email", Value: "alice@example.com" },
        { Name: "email_verified", Value: "true" },
      ],
    }),
  );
});

afterAll(async () => {
  await h?.close();
});

describe("SRP sign-in with amazon-cognito-identity-js", () => {
  it("refuses a wrong password with NotAuthorizedException", async () => {
    const b = browser(h.server.url, poolId, clientId);
    const step = expectStep(await signIn(b.user("alice"), "alice", "Wrong#Passw0rd"), "failure");
    expect(step.error.code).toBe("NotAuthorizedException");
    expect(step.error.message).toBe("Incorrect username or password.");
  });

  it("refuses an unknown user with UserNotFoundException (legacy client)", async () => {
    const b = browser(h.server.url, poolId, clientId);
    const step = expectStep(await signIn(b.user("nobody"), "nobody", TEMP), "failure");
    expect(step.error.code).toBe("UserNotFoundException");
  });

  it("answers NEW_PASSWORD_REQUIRED, then signs in with the new password", async () => {
    const b = browser(h.server.url, poolId, clientId);
    const user = b.user("alice");
    const first = expectStep(await signIn(user, "alice", TEMP), "newPasswordRequired");
    expect(first.userAttributes.email).toBe("alice@example.com");
    expect(first.userAttributes.sub).toBeUndefined();
    const done = await new Promise<import("./helpers/acij.js").Step>((resolve) =>
      user.completeNewPasswordChallenge(FINAL, {}, stepCallbacksFor(resolve)),
    );
    expectStep(done, "success");
    const status = await sdk.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "alice" }));
    expect(status.UserStatus).toBe("CONFIRMED");

    const again = expectStep(await signIn(b.user("alice"), "alice", FINAL), "success");
    expect(again.session.isValid()).toBe(true);
    expect(again.session.getIdToken().payload["cognito:username"]).toBe("alice");
  });

  it("issues ID and access tokens that aws-jwt-verify accepts from the endpoint's JWKS", async () => {
    const b = browser(h.server.url, poolId, clientId);
    const { session } = expectStep(await signIn(b.user("alice"), "alice", FINAL), "success");
    const issuer = `${h.server.url}/${poolId}`;
    // aws-jwt-verify's own fetcher insists on https; this one fetches the same issuer URL over http.
    const fetched: string[] = [];
    const jwksCache = new SimpleJwksCache({
      fetcher: {
        fetch: async (uri: string) => {
          fetched.push(uri);
          return (await fetch(uri)).arrayBuffer();
        },
      },
    });
    const idVerifier = JwtRsaVerifier.create({ issuer, audience: clientId }, { jwksCache });
    const id = await idVerifier.verify(session.getIdToken().getJwtToken());
    expect(id.token_use).toBe("id");
    expect(id.email).toBe("alice@example.com");
    expect(id.email_verified).toBe(true);
    expect(fetched).toEqual([`${issuer}/.well-known/jwks.json`]);
    const accessVerifier = JwtRsaVerifier.create(
      {
        issuer,
        audience: null,
        customJwtCheck: ({ payload }) => {
          if (payload.client_id !== clientId) throw new Error("wrong client");
        },
      },
      { jwksCache },
    );
    const access = await accessVerifier.verify(session.getAccessToken().getJwtToken());
    expect(access.token_use).toBe("access");
    expect(access.scope).toBe("aws.cognito.signin.user.admin");
    expect(access.username).toBe("alice");
    // Different keys for the two token kinds.
    const kid = (jwt: string) => JSON.parse(Buffer.from(jwt.split(".")[0], "base64url").toString()).kid;
    expect(kid(session.getIdToken().getJwtToken())).not.toBe(kid(session.getAccessToken().getJwtToken()));
    // A token from elsewhere (tampered signature) is refused.
    const tampered = `${session.getIdToken().getJwtToken().slice(0, -4)}AAAA`;
    await expect(idVerifier.verify(tampered)).rejects.toThrow();
  });

  it("publishes an openid-configuration naming the issuer and JWKS", async () => {
    const res = await fetch(`${h.server.url}/${poolId}/.well-known/openid-configuration`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { issuer: string; jwks_uri: string };
    expect(doc.issuer).toBe(`${h.server.url}/${poolId}`);
    const jwks = (await (await fetch(doc.jwks_uri)).json()) as { keys: { kid: string; alg: string }[] };
    expect(jwks.keys).toHaveLength(2);
    expect(jwks.keys.every((k) => k.alg === "RS256")).toBe(true);
    const missing = await fetch(`${h.server.url}/us-east-1_nopenope1/.well-known/jwks.json`);
    expect(missing.status).toBe(404);
  });

  it("refreshes tokens with the refresh token (same sign-in, no new refresh token)", async () => {
    const b = browser(h.server.url, poolId, clientId);
    const { session } = expectStep(await signIn(b.user("alice"), "alice", FINAL), "success");
    const out = await sdk.send(
      new InitiateAuthCommand({
        AuthFlow: "REFRESH_TOKEN_AUTH",
        ClientId: clientId,
        AuthParameters: { REFRESH_TOKEN: session.getRefreshToken().getToken() },
      }),
    );
    expect(out.AuthenticationResult?.RefreshToken).toBeUndefined();
    const payload = JSON.parse(
      Buffer.from(String(out.AuthenticationResult?.AccessToken).split(".")[1], "base64url").toString(),
    );
    expect(payload.origin_jti).toBe(session.getAccessToken().payload.origin_jti);
    const bad = await failure(
      sdk.send(
        new InitiateAuthCommand({
          AuthFlow: "REFRESH_TOKEN_AUTH",
          ClientId: clientId,
          AuthParameters: { REFRESH_TOKEN: "nope" },
        }),
      ),
    );
    expect(bad.name).toBe("NotAuthorizedException");
  });

  it("refuses USER_PASSWORD_AUTH when the client does not allow it", async () => {
    const err = await failure(
      sdk.send(
        new InitiateAuthCommand({
          AuthFlow: "USER_PASSWORD_AUTH",
          ClientId: clientId,
          AuthParameters: { USERNAME: "alice", PASSWORD: FINAL },
        }),
      ),
    );
    expect(err.name).toBe("InvalidParameterException");
  });
});

function stepCallbacksFor(resolve: (s: import("./helpers/acij.js").Step) => void) {
  return {
    onSuccess: (session: import("amazon-cognito-identity-js").CognitoUserSession) =>
      resolve({ kind: "success", session }),
    onFailure: (error: { code?: string; message: string }) => resolve({ kind: "failure", error }),
  };
}
