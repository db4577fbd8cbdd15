// End-to-end harness for the auth commands: the embedded endpoint over HTTP on port 0, a pool and
// app client set up through the real SDK, and cogctl run in process against it with a fresh config
// directory, a fake IO and (optionally) a scripted prompter. Every run has a time limit, so a
// command that waits for input it will never get fails the test instead of hanging it.

import { join } from "node:path";
import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CreateUserPoolClientCommand,
  type CreateUserPoolClientCommandInput,
  CreateUserPoolCommand,
  type CreateUserPoolCommandInput,
  SetUserPoolMfaConfigCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { main } from "../../commands/main.js";
import type { Prompter } from "../../src/kernel/io/prompter.js";
import { createTestIO, type TestIO } from "../../src/kernel/io/test-io.js";
import { tempDir } from "./auth.js";
import type { CliResult } from "./cli.js";
import { type LocalHarness, startLocal } from "./local-server.js";

export const ALL_FLOWS = [
  "ALLOW_USER_SRP_AUTH",
  "ALLOW_USER_PASSWORD_AUTH",
  "ALLOW_REFRESH_TOKEN_AUTH",
  "ALLOW_ADMIN_USER_PASSWORD_AUTH",
  "ALLOW_CUSTOM_AUTH",
] as const;

/** `cogctl auth login` for a user of a pool and client (flags for the answers are appended by callers). */
export const loginArgs = (poolId: string, clientId: string, user: string): string[] => [
  "auth",
  "login",
  "--user-pool-id",
  poolId,
  "--client-id",
  clientId,
  "--username",
  user,
];

/**
 * Through cogctl itself (run: the test's way of calling it, returning stdout and throwing on
 * failure): a pool, an app client for SRP sign-in and a confirmed user with a permanent password.
 */
export async function cliSignInUser(
  run: (argv: string[]) => Promise<string>,
  user: { pool: string; username: string; password: string; attributes?: string[] },
): Promise<{ pool: string; client: string }> {
  const text = ["--output", "text"];
  const pool = (
    await run(["create-user-pool", "--pool-name", user.pool, "--query", "UserPool.Id", ...text])
  ).trim();
  const client = (
    await run([
      "create-user-pool-client",
      "--user-pool-id",
      pool,
      "--client-name",
      "app",
      "--explicit-auth-flows",
      "ALLOW_USER_SRP_AUTH",
      "ALLOW_REFRESH_TOKEN_AUTH",
      "--query",
      "UserPoolClient.ClientId",
      ...text,
    ])
  ).trim();
  const inPool = ["--user-pool-id", pool, "--username", user.username];
  await run([
    "admin-create-user",
    ...inPool,
    "--message-action",
    "SUPPRESS",
    ...(user.attributes ? ["--user-attributes", ...user.attributes] : []),
  ]);
  await run(["admin-set-user-password", ...inPool, "--password", user.password, "--permanent"]);
  return { pool, client };
}

/** The TOTP setup key shown under the QR code (grouped by four for typing), without its spaces. */
export const totpKeyIn = (screen: string): string | undefined =>
  /^ {2}((?:[A-Z2-7]{4} ?)+)$/m.exec(screen)?.[1].replace(/ /g, "");

export interface AuthWorld {
  local: LocalHarness;
  configDir: string;
  /** Runs cogctl against the endpoint (under a time limit) with this world's config directory. */
  cli(
    argv: string[],
    opts?: {
      stdin?: string;
      prompter?: Prompter;
      /** A prompter made with the run's IO (to read what was shown so far, e.g. a TOTP URI). */
      prompterFor?: (io: TestIO) => Prompter;
      tty?: boolean;
      env?: Record<string, string>;
      timeoutMs?: number;
    },
  ): Promise<CliResult>;
  pool(input?: Partial<CreateUserPoolCommandInput>): Promise<string>;
  client(
    poolId: string,
    input?: Partial<CreateUserPoolClientCommandInput>,
  ): Promise<{ clientId: string; clientSecret?: string }>;
  /** A user with a temporary password (FORCE_CHANGE_PASSWORD), or a permanent one. */
  user(
    poolId: string,
    username: string,
    password: string,
    opts?: { permanent?: boolean; attributes?: Record<string, string> },
  ): Promise<void>;
  /** Turns TOTP (authenticator app) MFA on for a pool: required ("ON"), or "OPTIONAL". */
  totp(poolId: string, mode?: "ON" | "OPTIONAL"): Promise<void>;
  /** The latest code the endpoint's outbox holds for a user. */
  lastCode(poolId: string, username: string): string;
  close(): Promise<void>;
}

export async function authWorld(): Promise<AuthWorld> {
  // The SDK's credential and region providers read process.env, not the fake IO's env.
  process.env.AWS_ACCESS_KEY_ID = "local";
  process.env.AWS_SECRET_ACCESS_KEY = "local";
  process.env.AWS_REGION = "us-east-1";
  delete process.env.AWS_PROFILE;
  const local = await startLocal();
  const configDir = tempDir("cogctl-auth-config-");
  const baseEnv = {
    AWS_REGION: "us-east-1",
    AWS_ACCESS_KEY_ID: "local",
    AWS_SECRET_ACCESS_KEY: "local",
    AWS_PROFILE: "",
    COGCTL_CONFIG_DIR: configDir,
    COGCTL_PASSWORD: "",
    COGCTL_NEW_PASSWORD: "",
    COGCTL_CLIENT_SECRET: "",
    COGCTL_TOTP_SECRET: "",
    COGCTL_MFA_CODE: "",
    COGCTL_CODE_COMMAND: "",
    COGCTL_USERNAME: "",
  };
  return {
    local,
    configDir,
    async cli(argv, opts = {}) {
      const io = createTestIO({
        stdin: opts.stdin,
        stdinTTY: opts.tty ?? false,
        stderrTTY: opts.tty ?? false,
        env: { ...process.env, ...baseEnv, ...(opts.env ?? {}) },
      });
      const prompter = opts.prompterFor ? opts.prompterFor(io) : opts.prompter;
      const run = main(["--endpoint-url", local.server.url, ...argv], {
        io,
        prompter,
        paths: { configDir, dataDir: join(configDir, "data"), stateDir: join(configDir, "state") },
      }).then((code) => ({ code, stdout: io.out(), stderr: io.err() }));
      let timer: NodeJS.Timeout | undefined;
      const limit = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`cogctl ${argv.join(" ")} did not finish in time`)),
          opts.timeoutMs ?? 15_000,
        );
      });
      try {
        return await Promise.race([run, limit]);
      } finally {
        clearTimeout(timer);
      }
    },
    async pool(input = {}) {
      const out = await local.client.send(
        new CreateUserPoolCommand({ PoolName: `pool-${Date.now()}`, ...input }),
      );
      return out.UserPool!.Id!;
    },
    async totp(poolId, mode = "ON") {
      await local.client.send(
        new SetUserPoolMfaConfigCommand({
          UserPoolId: poolId,
          MfaConfiguration: mode,
          SoftwareTokenMfaConfiguration: { Enabled: true },
        }),
      );
    },
    async client(poolId, input = {}) {
      const out = await local.client.send(
        new CreateUserPoolClientCommand({
          UserPoolId: poolId,
          ClientName: "cli",
          ExplicitAuthFlows: [...ALL_FLOWS],
          ...input,
        }),
      );
      return { clientId: out.UserPoolClient!.ClientId!, clientSecret: out.UserPoolClient!.ClientSecret };
    },
    async user(poolId, username, password, opts = {}) {
      await local.client.send(
        new AdminCreateUserCommand({
          UserPoolId: poolId,
          Username: username,
          TemporaryPassword: password,
          MessageAction: "SUPPRESS",
          UserAttributes: Object.entries(opts.attributes ?? {}).map(([Name, Value]) => ({ Name, Value })),
        }),
      );
      if (opts.permanent)
        await local.client.send(
          new AdminSetUserPasswordCommand({
            UserPoolId: poolId,
            Username: username,
            Password: password,
            Permanent: true,
          }),
        );
    },
    lastCode(poolId, username) {
      const messages = local.endpoint.services.messages.list(poolId, username);
      const code = messages.at(-1)?.code;
      if (!code) throw new Error(`no code in the outbox for ${username}`);
      return code;
    },
    close: () => local.close(),
  };
}
