// Starts the local endpoint on port 0 (in memory unless a data dir is given) and hands back a real
// AWS SDK v3 client pointed at it.
import {
  AdminCreateUserCommand,
  AdminInitiateAuthCommand,
  AdminSetUserPasswordCommand,
  type AuthenticationResultType,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { LocalEndpoint } from "../../src/local/endpoint.js";
import type { LimitSettings } from "../../src/local/limits/index.js";
import { type RunningServer, startServer } from "../../src/local/server.js";

export interface LocalHarness {
  endpoint: LocalEndpoint;
  server: RunningServer;
  client: CognitoIdentityProviderClient;
  close(): Promise<void>;
}

export async function startLocal(
  opts: { dataDir?: string; clock?: () => Date; limits?: LimitSettings } = {},
): Promise<LocalHarness> {
  const endpoint = await LocalEndpoint.open({
    region: "us-east-1",
    inMemory: !opts.dataDir,
    dataDir: opts.dataDir,
    clock: opts.clock,
    // --quotas / --faults as strings, e.g. { quotas: "UserCreation=5", faults: "reset=0.1,seed=7" }.
    limits: opts.limits,
  });
  const server = await startServer({ port: 0, endpoint });
  const client = new CognitoIdentityProviderClient({
    region: "us-east-1",
    endpoint: server.url,
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
    maxAttempts: 1,
  });
  return {
    endpoint,
    server,
    client,
    async close() {
      client.destroy();
      await server.close();
      endpoint.close();
    },
  };
}

/** Runs an SDK call expected to fail and returns the error's name and message. */
export async function failure(p: Promise<unknown>): Promise<{ name: string; message: string }> {
  try {
    await p;
  } catch (err) {
    const e = err as Error;
    return { name: e.name, message: e.message };
  }
  throw new Error("expected the call to fail, but it succeeded");
}

type SignedIn = Required<Pick<AuthenticationResultType, "AccessToken" | "RefreshToken" | "IdToken">>;

/** A pool with an app client for ADMIN_USER_PASSWORD_AUTH (and refresh), made through the SDK. */
export interface AdminAuthPool {
  poolId: string;
  clientId: string;
  /** A confirmed user with a permanent password (no invitation sent). */
  user(username: string, password: string): Promise<void>;
  /** Signs a user in by ADMIN_USER_PASSWORD_AUTH and returns the tokens. */
  signIn(username: string, password: string): Promise<SignedIn>;
}

export async function adminAuthPool(h: LocalHarness, PoolName: string): Promise<AdminAuthPool> {
  const { UserPool } = await h.client.send(new CreateUserPoolCommand({ PoolName }));
  const poolId = UserPool?.Id as string;
  const { UserPoolClient } = await h.client.send(
    new CreateUserPoolClientCommand({
      UserPoolId: poolId,
      ClientName: "app",
      ExplicitAuthFlows: ["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    }),
  );
  const clientId = UserPoolClient?.ClientId as string;
  return {
    poolId,
    clientId,
    async user(Username, Password) {
      await h.client.send(
        new AdminCreateUserCommand({ UserPoolId: poolId, Username, MessageAction: "SUPPRESS" }),
      );
      await h.client.send(
        new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username, Password, Permanent: true }),
      );
    },
    async signIn(USERNAME, PASSWORD) {
      const out = await h.client.send(
        new AdminInitiateAuthCommand({
          UserPoolId: poolId,
          ClientId: clientId,
          AuthFlow: "ADMIN_USER_PASSWORD_AUTH",
          AuthParameters: { USERNAME, PASSWORD },
        }),
      );
      return out.AuthenticationResult as SignedIn;
    },
  };
}
