// Issue 5's benchmark: one unattended `cogctl auth login` by SRP against the embedded endpoint,
// side by side with one `cogctl admin-get-user` on the same endpoint (both full process starts, as
// a script runs them). Runs alternate; medians are reported. Target: login ≤ 1.5× admin-get-user.
//
// The endpoint runs in its own process (`cogctl local serve`). Not a test: it prints figures; it
// only checks that every login and lookup it times succeeded.
// Usage: npx tsc -p tsconfig.build.json && node bench/auth-login.mjs [runs]
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { BIN, benchEnv, median, sdkClient, startEndpoint, timed } from "./lib.mjs";

const runs = Number(process.argv[2] ?? 21);
const work = mkdtempSync(join(tmpdir(), "cogctl-bench-auth-"));

/** Wall ms of one cogctl invocation; stdin carries `input` (the password), empty when none. */
const run = async (argv, env, input) =>
  (await timed(process.execPath, [BIN, ...argv], { env, input: input ?? "", discard: true })).ms;

let endpoint;
try {
  endpoint = await startEndpoint();
  const env = benchEnv({ COGCTL_CONFIG_DIR: join(work, "config") });
  const sdk = sdkClient(endpoint.url);
  const pool = (await sdk.send(new CreateUserPoolCommand({ PoolName: "bench" }))).UserPool.Id;
  const client = (
    await sdk.send(
      new CreateUserPoolClientCommand({
        UserPoolId: pool,
        ClientName: "bench",
        ExplicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
      }),
    )
  ).UserPoolClient.ClientId;
  await sdk.send(
    new AdminCreateUserCommand({
      UserPoolId: pool,
      Username: "bench-user",
      MessageAction: "SUPPRESS",
      TemporaryPassword: "Bench-password-1",
    }),
  );
  await sdk.send(
    new AdminSetUserPasswordCommand({
      UserPoolId: pool,
      Username: "bench-user",
      Password: "Bench-password-1",
      Permanent: true,
    }),
  );
  sdk.destroy();

  const login = [
    "--endpoint-url",
    endpoint.url,
    "auth",
    "login",
    "--user-pool-id",
    pool,
    "--client-id",
    client,
    "--username",
    "bench-user",
    "--password-stdin",
  ];
  const getUser = [
    "--endpoint-url",
    endpoint.url,
    "admin-get-user",
    "--user-pool-id",
    pool,
    "--username",
    "bench-user",
  ];
  // Warm-up: file cache, the endpoint's lazy modules.
  await run(login, env, "Bench-password-1");
  await run(getUser, env);
  const times = { login: [], getUser: [] };
  for (let i = 0; i < runs; i++) {
    times.login.push(await run(login, env, "Bench-password-1"));
    times.getUser.push(await run(getUser, env));
  }
  const l = median(times.login);
  const g = median(times.getUser);
  console.log(`runs: ${runs} each, alternating; cogctl local serve at ${endpoint.url} in its own process`);
  console.log(
    `cogctl auth login (SRP, --password-stdin)  median ${l.toFixed(1)} ms  (min ${Math.min(...times.login).toFixed(1)})`,
  );
  console.log(
    `cogctl admin-get-user                    median ${g.toFixed(1)} ms  (min ${Math.min(...times.getUser).toFixed(1)})`,
  );
  console.log(`ratio login / admin-get-user: ${(l / g).toFixed(2)}× (target ≤ 1.5×)`);
} finally {
  await endpoint?.stop();
  rmSync(work, { recursive: true, force: true });
}
