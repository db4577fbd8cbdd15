import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll } from "vitest";
// An isolated AWS environment for tests: fake keys, a region, and no shared config files, so the
// machine's own ~/.aws never leaks into a test (or a test into it).
export function isolatedAwsEnv(
  extra: Record<string, string | undefined> = {},
): Record<string, string | undefined> {
  return {
    AWS_ACCESS_KEY_ID: "testing",
    AWS_SECRET_ACCESS_KEY: "testing",
    AWS_REGION: "us-east-1",
    AWS_DEFAULT_REGION: undefined,
    AWS_PROFILE: undefined,
    AWS_SESSION_TOKEN: undefined,
    AWS_CONFIG_FILE: "/nonexistent/cogctl-test-config",
    AWS_SHARED_CREDENTIALS_FILE: "/nonexistent/cogctl-test-credentials",
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_ENDPOINT_URL: undefined,
    AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: undefined,
    AWS_ENDPOINT_URL_IAM: undefined,
    AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: undefined,
    AWS_DEFAULT_OUTPUT: undefined,
    AWS_PAGER: "",
    NO_COLOR: "1",
    // cogctl's own defaults from the machine's environment would pick another pool or endpoint.
    COGCTL_POOL: undefined,
    COGCTL_LOCAL: undefined,
    ...extra,
  };
}

/** Applies env to process.env for in-process runs (the SDK's providers read process.env). */
export function applyEnv(env: Record<string, string | undefined>): () => void {
  const saved: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(env)) {
    saved[k] = process.env[k];
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  return () => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
}

/**
 * A test file's own cogctl directories (config, data, state) under a fresh temporary directory, and
 * the isolated AWS environment, applied to process.env for the file's tests (in-process runs read
 * it) and removed after them. `dir` and `env` are set once beforeAll has run.
 */
export function useIsolatedDirs(prefix: string): { dir: string; env: Record<string, string | undefined> } {
  const state = { dir: "", env: {} as Record<string, string | undefined> };
  let restore: () => void = () => {};
  beforeAll(() => {
    state.dir = mkdtempSync(join(tmpdir(), prefix));
    state.env = isolatedAwsEnv({
      COGCTL_CONFIG_DIR: join(state.dir, "config"),
      COGCTL_DATA_DIR: join(state.dir, "data"),
      COGCTL_STATE_DIR: join(state.dir, "state"),
    });
    restore = applyEnv(state.env);
  });
  afterAll(() => {
    restore();
    rmSync(state.dir, { recursive: true, force: true });
  });
  return state;
}

/** An SDK client for a test endpoint (the embedded one or moto_server), with the isolated env's keys. */
export function testClient(url: string): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({
    region: "us-east-1",
    endpoint: url,
    credentials: { accessKeyId: "testing", secretAccessKey: "testing" },
  });
}
