// Session configuration (Get/SetUserPoolSessionConfiguration, Get/SetUserPoolClientSessionConfiguration)
// and user sessions (ListUserSessions, AdminListUserSessions, RevokeUserSession, AdminRevokeUserSession),
// end to end through the AWS SDK v3 over HTTP. A revoked session's tokens are refused as after RevokeToken.
import * as C from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type AdminAuthPool,
  adminAuthPool,
  failure,
  type LocalHarness,
  startLocal,
} from "./helpers/local-server.js";

let h: LocalHarness;
let poolId: string;
let clientId: string;
let app: AdminAuthPool;
let offsetMs = 0;
const PW = "Passw0rd!one";
const later = (ms: number) => {
  offsetMs += ms;
};

beforeAll(async () => {
  h = await startLocal({ clock: () => new Date(Date.now() + offsetMs) });
  app = await adminAuthPool(h, "extras-sessions");
  ({ poolId, clientId } = app);
  for (const username of ["rita", "sam"]) await app.user(username, PW);
});
afterAll(async () => {
  await h.close();
});

const signIn = (username: string) => app.signIn(username, PW);

const refresh = (token: string) =>
  h.client.send(
    new C.InitiateAuthCommand({
      ClientId: clientId,
      AuthFlow: "REFRESH_TOKEN_AUTH",
      AuthParameters: { REFRESH_TOKEN: token },
    }),
  );

const setTracking = (UserSessionTracking: "ENABLED" | "DISABLED", MaxPerUser = 20) =>
  h.client.send(
    new C.SetUserPoolSessionConfigurationCommand({
      UserPoolId: poolId,
      UserSessionTracking,
      TokenSession: { MaxPerUser },
    }),
  );

const mine = async (accessToken: string) =>
  (await h.client.send(new C.ListUserSessionsCommand({ AccessToken: accessToken }))).Sessions ?? [];
const adminList = async (Username: string) =>
  (await h.client.send(new C.AdminListUserSessionsCommand({ UserPoolId: poolId, Username }))).Sessions ?? [];

describe("pool session configuration", () => {
  it("answers the defaults, then stores a full replacement", async () => {
    const before = await h.client.send(new C.GetUserPoolSessionConfigurationCommand({ UserPoolId: poolId }));
    expect(before.UserPoolId).toBe(poolId);
    expect(before.UserSessionTracking).toBe("DISABLED");
    expect(before.TokenSession).toEqual({ MaxPerUser: 20 });

    const set = await setTracking("ENABLED", 5);
    expect(set.UserPoolId).toBe(poolId);
    expect(set.UserSessionTracking).toBe("ENABLED");
    expect(set.TokenSession).toEqual({ MaxPerUser: 5 });
    const after = await h.client.send(new C.GetUserPoolSessionConfigurationCommand({ UserPoolId: poolId }));
    expect(after.UserSessionTracking).toBe("ENABLED");
    expect(after.TokenSession).toEqual({ MaxPerUser: 5 });
    await setTracking("DISABLED");
  });

  it("checks MaxPerUser's range, the enum, required members, the pool and its tier", async () => {
    for (const bad of [0, 101]) {
      const e = await failure(setTracking("ENABLED", bad));
      expect(e.name).toBe("InvalidParameterException");
      expect(e.message).toContain("'tokenSession.maxPerUser' failed to satisfy constraint");
    }
    const enumErr = await failure(
      h.client.send(
        new C.SetUserPoolSessionConfigurationCommand({
          UserPoolId: poolId,
          UserSessionTracking: "ON" as C.UserSessionTrackingType,
          TokenSession: { MaxPerUser: 3 },
        }),
      ),
    );
    expect(enumErr.name).toBe("InvalidParameterException");
    expect(enumErr.message).toContain("Member must satisfy enum value set: [DISABLED, ENABLED]");
    const missing = await failure(
      h.client.send(
        new C.SetUserPoolSessionConfigurationCommand({
          UserPoolId: poolId,
          UserSessionTracking: "ENABLED",
        } as C.SetUserPoolSessionConfigurationRequest),
      ),
    );
    expect(missing.name).toBe("InvalidParameterException");
    expect(missing.message).toContain("'tokenSession' failed to satisfy constraint: Member must not be null");

    const noPool = await failure(
      h.client.send(new C.GetUserPoolSessionConfigurationCommand({ UserPoolId: "us-east-1_nopool000" })),
    );
    expect(noPool.name).toBe("ResourceNotFoundException");

    const { UserPool } = await h.client.send(
      new C.CreateUserPoolCommand({ PoolName: "lite", UserPoolTier: "LITE" }),
    );
    const lite = await failure(
      h.client.send(
        new C.SetUserPoolSessionConfigurationCommand({
          UserPoolId: UserPool?.Id as string,
          UserSessionTracking: "ENABLED",
          TokenSession: { MaxPerUser: 20 },
        }),
      ),
    );
    expect(lite.name).toBe("FeatureUnavailableInTierException");
  });
});

describe("app client session configuration", () => {
  it("answers the default 60 minutes, stores a value, checks the range and the client", async () => {
    const get = () =>
      h.client.send(
        new C.GetUserPoolClientSessionConfigurationCommand({ UserPoolId: poolId, ClientId: clientId }),
      );
    const before = await get();
    expect(before.UserPoolId).toBe(poolId);
    expect(before.ClientId).toBe(clientId);
    expect(before.SSOSession).toEqual({ MaxValidityMinutes: 60 });

    const set = await h.client.send(
      new C.SetUserPoolClientSessionConfigurationCommand({
        UserPoolId: poolId,
        ClientId: clientId,
        SSOSession: { MaxValidityMinutes: 43200 },
      }),
    );
    expect(set.SSOSession).toEqual({ MaxValidityMinutes: 43200 });
    expect((await get()).SSOSession).toEqual({ MaxValidityMinutes: 43200 });

    for (const bad of [-1, 129601]) {
      const e = await failure(
        h.client.send(
          new C.SetUserPoolClientSessionConfigurationCommand({
            UserPoolId: poolId,
            ClientId: clientId,
            SSOSession: { MaxValidityMinutes: bad },
          }),
        ),
      );
      expect(e.name).toBe("InvalidParameterException");
      expect(e.message).toContain("'sSOSession.maxValidityMinutes' failed to satisfy constraint");
    }
    const zero = await h.client.send(
      new C.SetUserPoolClientSessionConfigurationCommand({
        UserPoolId: poolId,
        ClientId: clientId,
        SSOSession: { MaxValidityMinutes: 0 },
      }),
    );
    expect(zero.SSOSession).toEqual({ MaxValidityMinutes: 0 });

    const noClient = await failure(
      h.client.send(
        new C.GetUserPoolClientSessionConfigurationCommand({ UserPoolId: poolId, ClientId: "nosuchclient1" }),
      ),
    );
    expect(noClient.name).toBe("ResourceNotFoundException");
  });
});

describe("user sessions", () => {
  it("need session tracking on the pool", async () => {
    await setTracking("DISABLED");
    const a = await signIn("rita");
    const e = await failure(mine(a.AccessToken));
    expect(e.name).toBe("OperationNotEnabledException");
    expect((await failure(adminList("rita"))).name).toBe("OperationNotEnabledException");
    await h.client.send(new C.RevokeTokenCommand({ ClientId: clientId, Token: a.RefreshToken }));
  });

  it("lists the user's sign-ins, marks the caller's own, and tracks the last refresh", async () => {
    await setTracking("ENABLED");
    const a = await signIn("rita");
    later(60_000);
    const b = await signIn("rita");
    await signIn("sam");

    const listed = await mine(a.AccessToken);
    expect(listed).toHaveLength(2);
    for (const s of listed) {
      expect(s.SessionId).toMatch(/^tkn[a-z0-9]{25}$/);
      expect(s.SessionType).toBe("TOKEN");
      expect(s.ClientId).toBe(clientId);
      expect(s.CreateDate).toBeInstanceOf(Date);
      expect(s.LastActiveDate?.getTime()).toBe(s.CreateDate?.getTime());
    }
    // Newest first: b, then a (the caller's own).
    expect(listed.map((s) => s.IsCurrentSession)).toEqual([false, true]);
    expect(new Set(listed.map((s) => s.SessionId)).size).toBe(2);

    const admin = await adminList("rita");
    expect(admin.map((s) => s.SessionId)).toEqual(listed.map((s) => s.SessionId));
    expect(admin.every((s) => s.IsCurrentSession === false)).toBe(true);
    expect(await adminList("sam")).toHaveLength(1);

    later(120_000);
    await refresh(b.RefreshToken);
    const bSession = (await mine(a.AccessToken))[0];
    const idle = (bSession.LastActiveDate as Date).getTime() - (bSession.CreateDate as Date).getTime();
    expect(idle).toBeGreaterThanOrEqual(120_000);
    expect(idle).toBeLessThan(130_000);

    // A session ended by RevokeToken is no longer listed.
    await h.client.send(new C.RevokeTokenCommand({ ClientId: clientId, Token: b.RefreshToken }));
    expect((await mine(a.AccessToken)).map((s) => s.IsCurrentSession)).toEqual([true]);
    await h.client.send(new C.RevokeTokenCommand({ ClientId: clientId, Token: a.RefreshToken }));
  });

  it("RevokeUserSession refuses the session's tokens exactly as RevokeToken does", async () => {
    const me = await signIn("rita");
    const other = await signIn("rita");
    const viaRevokeToken = await signIn("rita");
    const ids = (await mine(other.AccessToken)).filter((s) => s.IsCurrentSession).map((s) => s.SessionId);
    expect(ids).toHaveLength(1);
    const otherSession = ids[0] as string;
    expect((await mine(me.AccessToken)).map((s) => s.SessionId)).toContain(otherSession);

    await h.client.send(
      new C.RevokeUserSessionCommand({ AccessToken: me.AccessToken, SessionId: otherSession }),
    );
    await h.client.send(new C.RevokeTokenCommand({ ClientId: clientId, Token: viaRevokeToken.RefreshToken }));

    const refusedSession = await failure(refresh(other.RefreshToken));
    const refusedRevokeToken = await failure(refresh(viaRevokeToken.RefreshToken));
    expect(refusedSession).toEqual({
      name: "NotAuthorizedException",
      message: "Refresh Token has been revoked",
    });
    expect(refusedSession).toEqual(refusedRevokeToken);
    const accessSession = await failure(
      h.client.send(new C.GetUserCommand({ AccessToken: other.AccessToken })),
    );
    const accessRevokeToken = await failure(
      h.client.send(new C.GetUserCommand({ AccessToken: viaRevokeToken.AccessToken })),
    );
    expect(accessSession).toEqual({
      name: "NotAuthorizedException",
      message: "Access Token has been revoked",
    });
    expect(accessSession).toEqual(accessRevokeToken);

    // The caller's own session is untouched and still listed.
    expect((await h.client.send(new C.GetUserCommand({ AccessToken: me.AccessToken }))).Username).toBe(
      "rita",
    );
    const left = await mine(me.AccessToken);
    expect(left.map((s) => s.SessionId)).not.toContain(otherSession);
    expect(left.some((s) => s.IsCurrentSession)).toBe(true);

    // Revoking it again: it is no longer an active session.
    const again = await failure(
      h.client.send(new C.RevokeUserSessionCommand({ AccessToken: me.AccessToken, SessionId: otherSession })),
    );
    expect(again.name).toBe("ResourceNotFoundException");
  });

  it("RevokeUserSession: not the caller's own session, not another user's, a valid token", async () => {
    const me = await signIn("rita");
    const own = (await mine(me.AccessToken)).find((s) => s.IsCurrentSession)?.SessionId as string;
    const self = await failure(
      h.client.send(new C.RevokeUserSessionCommand({ AccessToken: me.AccessToken, SessionId: own })),
    );
    expect(self.name).toBe("InvalidParameterException");

    const samSession = (await adminList("sam"))[0].SessionId as string;
    const foreign = await failure(
      h.client.send(new C.RevokeUserSessionCommand({ AccessToken: me.AccessToken, SessionId: samSession })),
    );
    expect(foreign.name).toBe("ResourceNotFoundException");
    expect(await adminList("sam")).toHaveLength(1);

    const unknown = await failure(
      h.client.send(
        new C.RevokeUserSessionCommand({
          AccessToken: me.AccessToken,
          SessionId: "tkn0000000000000000000000000",
        }),
      ),
    );
    expect(unknown.name).toBe("ResourceNotFoundException");

    const badToken = await failure(
      h.client.send(new C.RevokeUserSessionCommand({ AccessToken: "not.a.token", SessionId: own })),
    );
    expect(badToken.name).toBe("NotAuthorizedException");
    const badEnum = await failure(
      h.client.send(
        new C.RevokeUserSessionCommand({
          AccessToken: me.AccessToken,
          SessionId: own,
          RevokeAssociatedSessions: "ALL" as C.RevokeAssociatedSessionsType,
        }),
      ),
    );
    expect(badEnum.name).toBe("InvalidParameterException");
    expect(badEnum.message).toContain("Member must satisfy enum value set: [LINKED, NONE]");
    const page = await failure(
      h.client.send(new C.ListUserSessionsCommand({ AccessToken: me.AccessToken, NextToken: "abc" })),
    );
    expect(page.name).toBe("InvalidParameterException");
  });

  it("AdminRevokeUserSession: the session must be the named user's; LINKED revokes the same", async () => {
    const samSession = (await adminList("sam"))[0].SessionId as string;
    const wrongUser = await failure(
      h.client.send(
        new C.AdminRevokeUserSessionCommand({ UserPoolId: poolId, Username: "rita", SessionId: samSession }),
      ),
    );
    expect(wrongUser.name).toBe("ResourceNotFoundException");
    const noUser = await failure(
      h.client.send(
        new C.AdminRevokeUserSessionCommand({
          UserPoolId: poolId,
          Username: "nobody",
          SessionId: samSession,
        }),
      ),
    );
    expect(noUser.name).toBe("UserNotFoundException");
    const missing = await failure(
      h.client.send(
        new C.AdminRevokeUserSessionCommand({
          UserPoolId: poolId,
          Username: "sam",
        } as C.AdminRevokeUserSessionRequest),
      ),
    );
    expect(missing.name).toBe("InvalidParameterException");
    expect(missing.message).toContain("'sessionId' failed to satisfy constraint: Member must not be null");

    const sam = await signIn("sam");
    const fresh = (await mine(sam.AccessToken)).find((s) => s.IsCurrentSession)?.SessionId as string;
    await h.client.send(
      new C.AdminRevokeUserSessionCommand({
        UserPoolId: poolId,
        Username: "sam",
        SessionId: fresh,
        RevokeAssociatedSessions: "LINKED",
      }),
    );
    expect(await failure(refresh(sam.RefreshToken))).toEqual({
      name: "NotAuthorizedException",
      message: "Refresh Token has been revoked",
    });
    expect((await adminList("sam")).map((s) => s.SessionId)).toEqual([samSession]);
    await h.client.send(
      new C.AdminRevokeUserSessionCommand({ UserPoolId: poolId, Username: "sam", SessionId: samSession }),
    );
    expect(await adminList("sam")).toEqual([]);
  });

  it("AdminDisableUser's revocation and expiry end sessions too", async () => {
    const ritaBefore = await adminList("rita");
    expect(ritaBefore.length).toBeGreaterThan(0);
    await h.client.send(new C.AdminDisableUserCommand({ UserPoolId: poolId, Username: "rita" }));
    expect(await adminList("rita")).toEqual([]);
    await h.client.send(new C.AdminEnableUserCommand({ UserPoolId: poolId, Username: "rita" }));
    later(1000);
    await signIn("rita");
    expect(await adminList("rita")).toHaveLength(1);
    later(31 * 24 * 3600 * 1000);
    expect(await adminList("rita")).toEqual([]);
  });
});
