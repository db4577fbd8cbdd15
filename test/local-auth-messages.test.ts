// `cogctl local messages` (list, filters, --follow) over a data directory the endpoint writes, and
// the outbox line `local serve` logs (which never carries the code).
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  SignUpCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { describe, expect, it } from "vitest";
import { messages } from "../commands/local/messages.js";
import { UsageError } from "../src/kernel/errors.js";
import { commandContext, startServeCommand } from "./helpers/command-context.js";
import { startLocal } from "./helpers/local-server.js";

const tmp = () => mkdtempSync(join(tmpdir(), "cogctl-local-messages-"));

async function poolWithClient(client: CognitoIdentityProviderClient) {
  const pool = await client.send(
    new CreateUserPoolCommand({ PoolName: "mail", AutoVerifiedAttributes: ["email"] }),
  );
  const poolId = pool.UserPool?.Id as string;
  const app = await client.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: "app" }));
  return { poolId, clientId: app.UserPoolClient?.ClientId as string };
}

const signUp = (client: CognitoIdentityProviderClient, clientId: string, name: string) =>
  client.send(
    new SignUpCommand({
      ClientId: clientId,
      Username: name,
      Password: "Passw0rd!x",
      UserAttributes: [{ Name: "email", Value: `${name}@example.com` }],
    }),
  );

describe("cogctl local messages", () => {
  it("lists the codes the endpoint sent, filtered by address and pool, newest N", async () => {
    const dataDir = tmp();
    const h = await startLocal({ dataDir });
    try {
      const { poolId, clientId } = await poolWithClient(h.client);
      await signUp(h.client, clientId, "ann");
      await signUp(h.client, clientId, "ben");
      const { ctx, results } = commandContext(dataDir);
      expect(await messages({ limit: "20" }, ctx)).toBe(0);
      const all = results[0].Messages as Record<string, unknown>[];
      expect(all.map((m) => m.Destination)).toEqual(["ann@example.com", "ben@example.com"]);
      expect(all[0].Code).toMatch(/^\d{6}$/);
      expect(all[0].Message).toContain(all[0].Code as string);
      expect(all[0].Kind).toBe("VERIFICATION");

      const only = commandContext(dataDir);
      await messages({ limit: "20", to: "BEN@example.com", pool: poolId }, only.ctx);
      expect((only.results[0].Messages as unknown[]).length).toBe(1);
      const last = commandContext(dataDir);
      await messages({ limit: "1" }, last.ctx);
      expect((last.results[0].Messages as Record<string, unknown>[])[0].Username).toBe("ben");
      const otherPool = commandContext(dataDir);
      await messages({ limit: "20", pool: "us-east-1_nothing00" }, otherPool.ctx);
      expect(otherPool.results[0].Messages).toEqual([]);
      await expect(messages({ limit: "0" }, commandContext(dataDir).ctx)).rejects.toBeInstanceOf(UsageError);
    } finally {
      await h.close();
    }
  });

  it("--follow prints messages as another process's endpoint sends them", async () => {
    const dataDir = tmp();
    const h = await startLocal({ dataDir });
    try {
      const { clientId } = await poolWithClient(h.client);
      const { ctx, results } = commandContext(dataDir);
      let stop!: () => void;
      const until = new Promise<void>((r) => {
        stop = r;
      });
      const following = messages({ limit: "20", follow: true }, ctx, until);
      await signUp(h.client, clientId, "cat");
      for (let i = 0; i < 100 && results.length === 0; i++) await new Promise((r) => setTimeout(r, 30));
      stop();
      expect(await following).toBe(0);
      expect(results).toHaveLength(1);
      expect(results[0].Destination).toBe("cat@example.com");
    } finally {
      await h.close();
    }
  });

  it("local serve logs each message without its code", async () => {
    const { ctx, io } = commandContext(tmp());
    const { url, stop, running } = await startServeCommand(ctx, io);
    const client = new CognitoIdentityProviderClient({
      region: "us-east-1",
      endpoint: url,
      credentials: { accessKeyId: "a", secretAccessKey: "b" },
    });
    const { clientId } = await poolWithClient(client);
    await signUp(client, clientId, "dan");
    for (let i = 0; i < 100 && !io.err().includes("outbox #"); i++)
      await new Promise((r) => setTimeout(r, 30));
    stop();
    await running;
    client.destroy();
    expect(io.err()).toMatch(/outbox #1: EMAIL VERIFICATION to d\*\*\*@e\*\*\*\.com \(user dan/);
    expect(io.err()).not.toContain("dan@example.com");
    expect(io.err()).not.toMatch(/code is \d{6}/);
  });
});
