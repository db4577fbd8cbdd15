// Time-dependent answers with the endpoint's injectable clock: expired temporary passwords, sign-in
// sessions past the client's AuthSessionValidity, expired access and refresh tokens, expired codes.
import {
  AdminCreateUserCommand,
  AdminInitiateAuthCommand,
  AdminRespondToAuthChallengeCommand,
  type CognitoIdentityProviderClient,
  ConfirmSignUpCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  GetUserCommand,
  InitiateAuthCommand,
  SignUpCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failure, type LocalHarness, startLocal } from "./helpers/local-server.js";

let h: LocalHarness;
let sdk: CognitoIdentityProviderClient;
let poolId: string;
let clientId: string;
let offsetMs = 0;
const PW = "Passw0rd!time";
const later = (ms: number) => {
  offsetMs += ms;
};
const MINUTE = 60_000;

beforeAll(async () => {
  h = await startLocal({ clock: () => new Date(Date.now() + offsetMs) });
  sdk = h.client;
  poolId = (
    await sdk.send(new CreateUserPoolCommand({ PoolName: "time", AutoVerifiedAttributes: ["email"] }))
  ).UserPool?.Id as string;
  clientId = (
    await sdk.send(
      new CreateUserPoolClientCommand({
        UserPoolId: poolId,
        ClientName: "c",
        ExplicitAuthFlows: ["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        AccessTokenValidity: 10,
        RefreshTokenValidity: 1,
        TokenValidityUnits: { AccessToken: "minutes", RefreshToken: "hours" },
      }),
    )
  ).UserPoolClient?.ClientId as string;
});
afterAll(async () => {
  await h?.close();
});

const adminSignIn = (USERNAME: string, PASSWORD: string) =>
  sdk.send(
    new AdminInitiateAuthCommand({
      UserPoolId: poolId,
      ClientId: clientId,
      AuthFlow: "ADMIN_USER_PASSWORD_AUTH",
      AuthParameters: { USERNAME, PASSWORD },
    }),
  );

describe("time", () => {
  it("a sign-in session expires after the client's AuthSessionValidity (3 minutes)", async () => {
    await sdk.send(
      new AdminCreateUserCommand({
        UserPoolId: poolId,
        Username: "ann",
        TemporaryPassword: "Temp#Passw0rd",
        MessageAction: "SUPPRESS",
      }),
    );
    const step = await adminSignIn("ann", "Temp#Passw0rd");
    expect(step.ChallengeName).toBe("NEW_PASSWORD_REQUIRED");
    later(4 * MINUTE);
    const expired = await failure(
      sdk.send(
        new AdminRespondToAuthChallengeCommand({
          UserPoolId: poolId,
          ClientId: clientId,
          ChallengeName: "NEW_PASSWORD_REQUIRED",
          Session: step.Session,
          ChallengeResponses: { USERNAME: "ann", NEW_PASSWORD: PW },
        }),
      ),
    );
    expect(expired).toEqual({
      name: "NotAuthorizedException",
      message: "Invalid session for the user, session is expired.",
    });
  });

  it("a temporary password expires after TemporaryPasswordValidityDays", async () => {
    await sdk.send(
      new AdminCreateUserCommand({
        UserPoolId: poolId,
        Username: "ben",
        TemporaryPassword: "Temp#Passw0rd",
        MessageAction: "SUPPRESS",
      }),
    );
    later(8 * 24 * 60 * MINUTE);
    expect(await failure(adminSignIn("ben", "Temp#Passw0rd"))).toEqual({
      name: "NotAuthorizedException",
      message: "Temporary password has expired and must be reset by an administrator.",
    });
  });

  it("access tokens expire with the client's validity; refresh tokens too", async () => {
    await sdk.send(
      new SignUpCommand({
        ClientId: clientId,
        Username: "cat",
        Password: PW,
        UserAttributes: [{ Name: "email", Value: "cat@example.com" }],
      }),
    );
    const code = h.endpoint.services.messages.list(poolId, "cat").at(-1)?.code as string;
    await sdk.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: "cat", ConfirmationCode: code }));
    const t = (await adminSignIn("cat", PW)).AuthenticationResult;
    expect(t?.ExpiresIn).toBe(600);
    later(9 * MINUTE);
    expect((await sdk.send(new GetUserCommand({ AccessToken: t?.AccessToken }))).Username).toBe("cat");
    later(2 * MINUTE);
    expect(await failure(sdk.send(new GetUserCommand({ AccessToken: t?.AccessToken })))).toEqual({
      name: "NotAuthorizedException",
      message: "Access Token has expired",
    });
    const refreshed = await sdk.send(
      new InitiateAuthCommand({
        AuthFlow: "REFRESH_TOKEN_AUTH",
        ClientId: clientId,
        AuthParameters: { REFRESH_TOKEN: t?.RefreshToken as string },
      }),
    );
    expect(
      (await sdk.send(new GetUserCommand({ AccessToken: refreshed.AuthenticationResult?.AccessToken })))
        .Username,
    ).toBe("cat");
    later(60 * MINUTE);
    const stale = await failure(
      sdk.send(
        new InitiateAuthCommand({
          AuthFlow: "REFRESH_TOKEN_AUTH",
          ClientId: clientId,
          AuthParameters: { REFRESH_TOKEN: t?.RefreshToken as string },
        }),
      ),
    );
    expect(stale).toEqual({ name: "NotAuthorizedException", message: "Refresh Token has expired" });
  });

  it("a sign-up code expires after a day", async () => {
    await sdk.send(
      new SignUpCommand({
        ClientId: clientId,
        Username: "dan",
        Password: PW,
        UserAttributes: [{ Name: "email", Value: "dan@example.com" }],
      }),
    );
    const code = h.endpoint.services.messages.list(poolId, "dan").at(-1)?.code as string;
    later(25 * 60 * MINUTE);
    const expired = await failure(
      sdk.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: "dan", ConfirmationCode: code })),
    );
    expect(expired.name).toBe("ExpiredCodeException");
  });
});
