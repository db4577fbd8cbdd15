// `cogctl local serve|status|reset` run through their run() with a hand-made Context over the test IO.
import { mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  CognitoIdentityProviderClient,
  CreateUserPoolCommand,
  ListUserPoolsCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { describe, expect, it } from "vitest";
import resetCommand from "../commands/local/reset.js";
import { serve } from "../commands/local/serve.js";
import statusCommand from "../commands/local/status.js";
import { UsageError } from "../src/kernel/errors.js";
import { LocalEndpoint } from "../src/local/endpoint.js";
import { DATABASE_FILE } from "../src/local/store/database.js";
import { commandContext, startServeCommand } from "./helpers/command-context.js";

const tmp = () => mkdtempSync(join(tmpdir(), "cogctl-local-cmd-"));

describe("local serve", () => {
  it("prints its URL, serves the API, and stops when told", async () => {
    const { ctx, io } = commandContext(tmp(), { region: "eu-west-2" });
    const { url, stop, running } = await startServeCommand(ctx, io);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const client = new CognitoIdentityProviderClient({
      region: "eu-west-2",
      endpoint: url,
      credentials: { accessKeyId: "a", secretAccessKey: "b" },
    });
    const { UserPool } = await client.send(new CreateUserPoolCommand({ PoolName: "served" }));
    expect(UserPool?.Id).toMatch(/^eu-west-2_/);
    expect(io.err()).toMatch(/POST \/ CreateUserPool 200 [\d.]+ms/);
    expect(io.err()).not.toContain("served"); // no request bodies in the log
    stop();
    expect(await running).toBe(0);
    await expect(client.send(new ListUserPoolsCommand({ MaxResults: 1 }))).rejects.toThrow();
    client.destroy();
  });

  it("rejects bad options with UsageError", async () => {
    const { ctx } = commandContext(tmp(), { region: "eu-west-2" });
    await expect(
      serve({ host: "127.0.0.1", port: "http", logLevel: "info" }, ctx, Promise.resolve()),
    ).rejects.toBeInstanceOf(UsageError);
    await expect(
      serve(
        { host: "127.0.0.1", port: "0", dataDir: "/x", inMemory: true, logLevel: "info" },
        ctx,
        Promise.resolve(),
      ),
    ).rejects.toThrow("Use either --data-dir or --in-memory");
    await expect(
      serve({ host: "127.0.0.1", port: "0", inMemory: true, logLevel: "loud" }, ctx, Promise.resolve()),
    ).rejects.toThrow("--log-level");
  });
});

describe("local status and reset", () => {
  it("reports where data lives and what it holds; reset empties it after confirmation", async () => {
    const dir = join(tmp(), "data");
    const empty = commandContext(dir, { region: "eu-west-2" });
    await statusCommand.run({}, [], empty.ctx);
    expect(empty.results[0]).toEqual({ DataDirectory: dir, Exists: false });

    const endpoint = await LocalEndpoint.open({ region: "us-east-1", dataDir: dir });
    endpoint.services.pools.create({ PoolName: "a" });
    const b = endpoint.services.pools.create({ PoolName: "b" });
    endpoint.services.db
      .prepare("INSERT INTO domains (domain, pool_id, data) VALUES (?, ?, ?)")
      .run("b-login", b.id, JSON.stringify({ UserPoolId: b.id, Domain: "b-login", ManagedLoginVersion: 1 }));
    endpoint.close();
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, DATABASE_FILE)).mode & 0o777).toBe(0o600);

    const full = commandContext(dir, { region: "eu-west-2" });
    await statusCommand.run({}, [], full.ctx);
    expect(full.results[0]).toMatchObject({
      DataDirectory: dir,
      Exists: true,
      SchemaVersion: expect.any(Number),
      UserPools: 2,
      Users: 0,
      Domains: "b-login http://127.0.0.1:9229/domain/b-login",
    });

    const script = commandContext(dir, { region: "eu-west-2" });
    await expect(resetCommand.run({}, [], script.ctx)).rejects.toThrow("pass --yes");
    const declined = commandContext(dir, { tty: true, confirm: false, region: "eu-west-2" });
    expect(await resetCommand.run({}, [], declined.ctx)).toBe(1);
    const yes = commandContext(dir, { region: "eu-west-2" });
    await resetCommand.run({ yes: true }, [], yes.ctx);
    const after = commandContext(dir, { region: "eu-west-2" });
    await statusCommand.run({}, [], after.ctx);
    expect(after.results[0]).toMatchObject({ UserPools: 0 });
  });
});
