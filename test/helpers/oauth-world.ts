// The end-to-end world of the OAuth client tests: the embedded endpoint over HTTP on port 0 with
// its request log kept (one line per request, so a test can prove a cached call made none), an SDK
// client for set-up, a pool with a resource server and a domain, and cogctl run in process against
// it with its own config and state directories. Tokens are checked with aws-jwt-verify against the
// endpoint's JWKS.
import { join } from "node:path";
import {
  CognitoIdentityProviderClient,
  CreateResourceServerCommand,
  CreateUserPoolClientCommand,
  type CreateUserPoolClientCommandInput,
  CreateUserPoolCommand,
  type CreateUserPoolCommandInput,
  CreateUserPoolDomainCommand,
  DescribeUserPoolDomainCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { JwtRsaVerifier } from "aws-jwt-verify";
import { SimpleJwksCache } from "aws-jwt-verify/jwk";
import { main } from "../../commands/main.js";
import { createTestIO } from "../../src/kernel/io/test-io.js";
import { LocalEndpoint } from "../../src/local/endpoint.js";
import { type RunningServer, startServer } from "../../src/local/server.js";
import { tempDir } from "./auth.js";
import type { CliResult } from "./cli.js";

export interface OAuthWorld {
  endpoint: LocalEndpoint;
  server: RunningServer;
  sdk: CognitoIdentityProviderClient;
  /** The server's request log lines so far. */
  log: string[];
  configDir: string;
  stateDir: string;
  /** The env a cogctl process needs to reach this world (credentials, region, its directories). */
  env: Record<string, string>;
  cli(argv: string[], env?: Record<string, string>): Promise<CliResult>;
  /** A pool with a domain (prefix) and, when given, a resource server; the domain's stated URL. */
  pool(opts?: {
    input?: Partial<CreateUserPoolCommandInput>;
    resourceServer?: { identifier: string; scopes: string[] };
  }): Promise<{ poolId: string; domain: string; domainUrl: string }>;
  client(
    poolId: string,
    input: Partial<CreateUserPoolClientCommandInput>,
  ): Promise<{ clientId: string; clientSecret?: string }>;
  /** aws-jwt-verify against the endpoint's issuer and JWKS (http, so with its own fetcher). */
  verify(
    poolId: string,
    token: string,
    use: "access" | "id",
    clientId: string,
  ): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

export async function oauthWorld(): Promise<OAuthWorld> {
  process.env.AWS_ACCESS_KEY_ID = "local";
  process.env.AWS_SECRET_ACCESS_KEY = "local";
  process.env.AWS_REGION = "us-east-1";
  delete process.env.AWS_PROFILE;
  const endpoint = await LocalEndpoint.open({ region: "us-east-1", inMemory: true });
  const log: string[] = [];
  const server = await startServer({ port: 0, endpoint, log: { level: "info", write: (l) => log.push(l) } });
  const sdk = new CognitoIdentityProviderClient({
    region: "us-east-1",
    endpoint: server.url,
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
    maxAttempts: 1,
  });
  const configDir = tempDir("cogctl-oauth-config-");
  const stateDir = join(configDir, "state");
  const env = {
    AWS_REGION: "us-east-1",
    AWS_ACCESS_KEY_ID: "local",
    AWS_SECRET_ACCESS_KEY: "local",
    AWS_PROFILE: "",
    COGCTL_CONFIG_DIR: configDir,
    COGCTL_STATE_DIR: stateDir,
    COGCTL_CLIENT_SECRET: "",
    COGCTL_OAUTH_DOMAIN: "",
    COGCTL_POOL: "",
    BROWSER: "",
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
  };
  const jwksCache = new SimpleJwksCache({
    fetcher: { fetch: async (uri: string) => (await fetch(uri)).arrayBuffer() },
  });
  let n = 0;
  return {
    endpoint,
    server,
    sdk,
    log,
    configDir,
    stateDir,
    env,
    async cli(argv, extra = {}) {
      const io = createTestIO({ env: { ...process.env, ...env, ...extra } });
      const code = await main(["--endpoint-url", server.url, ...argv], {
        io,
        paths: { configDir, dataDir: join(configDir, "data"), stateDir },
      });
      return { code, stdout: io.out(), stderr: io.err() };
    },
    async pool(opts = {}) {
      const poolId = (await sdk.send(new CreateUserPoolCommand({ PoolName: `oauth-${++n}`, ...opts.input })))
        .UserPool?.Id as string;
      if (opts.resourceServer)
        await sdk.send(
          new CreateResourceServerCommand({
            UserPoolId: poolId,
            Identifier: opts.resourceServer.identifier,
            Name: opts.resourceServer.identifier,
            Scopes: opts.resourceServer.scopes.map((s) => ({ ScopeName: s, ScopeDescription: s })),
          }),
        );
      const domain = `oauth-e2e-${process.pid}-${n}`;
      await sdk.send(new CreateUserPoolDomainCommand({ UserPoolId: poolId, Domain: domain }));
      const domainUrl = (await sdk.send(new DescribeUserPoolDomainCommand({ Domain: domain })))
        .DomainDescription?.CloudFrontDistribution as string;
      return { poolId, domain, domainUrl };
    },
    async client(poolId, input) {
      const out = await sdk.send(
        new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: `c${++n}`, ...input }),
      );
      return {
        clientId: out.UserPoolClient?.ClientId as string,
        clientSecret: out.UserPoolClient?.ClientSecret,
      };
    },
    async verify(poolId, token, use, clientId) {
      const issuer = `${server.url}/${poolId}`;
      const verifier =
        use === "id"
          ? JwtRsaVerifier.create(
              {
                issuer,
                audience: clientId,
                customJwtCheck: ({ payload }) => {
                  if (payload.token_use !== "id") throw new Error(`token_use ${payload.token_use}`);
                },
              },
              { jwksCache },
            )
          : JwtRsaVerifier.create(
              {
                issuer,
                audience: null,
                customJwtCheck: ({ payload }) => {
                  if (payload.client_id !== clientId)
                    throw new Error(`client_id ${payload.client_id}, not ${clientId}`);
                  if (payload.token_use !== "access") throw new Error(`token_use ${payload.token_use}`);
                },
              },
              { jwksCache },
            );
      return (await verifier.verify(token)) as Record<string, unknown>;
    },
    async close() {
      sdk.destroy();
      await server.close();
      endpoint.close();
    },
  };
}
