// Starts the local endpoint on port 0 (in memory unless a data dir is given) and hands back a real
// AWS SDK v3 client pointed at it.
import { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { LocalEndpoint } from "../../src/local/endpoint.js";
import { type RunningServer, startServer } from "../../src/local/server.js";

export interface LocalHarness {
  endpoint: LocalEndpoint;
  server: RunningServer;
  client: CognitoIdentityProviderClient;
  close(): Promise<void>;
}

export async function startLocal(opts: { dataDir?: string; clock?: () => Date } = {}): Promise<LocalHarness> {
  const endpoint = await LocalEndpoint.open({
    region: "us-east-1",
    inMemory: !opts.dataDir,
    dataDir: opts.dataDir,
    clock: opts.clock,
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
