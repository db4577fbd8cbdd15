// The Context owns what a command uses: one in-process endpoint shared by the client and uploads,
// released once when the command ends.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ListUserPoolsCommand } from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, describe, expect, it } from "vitest";
import type { GlobalOptions } from "../src/kernel/context.js";
import { createContext } from "../src/kernel/create-context.js";
import { createTestIO } from "../src/kernel/io/test-io.js";

const dataDir = mkdtempSync(join(tmpdir(), "cogctl-context-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const globals: GlobalOptions = {
  output: "json",
  outputExplicit: false,
  paginate: true,
  debug: false,
  color: "off",
  local: true,
  region: "us-east-1",
};

describe("Context lifetime", () => {
  it("opens the in-process endpoint once for the client and everyone else, and closes it once", async () => {
    const ctx = createContext(createTestIO(), globals, {
      paths: { configDir: dataDir, dataDir, stateDir: dataDir },
    });
    const endpoint = await ctx.localEndpoint();
    expect(await ctx.localEndpoint()).toBe(endpoint);
    const client = await ctx.cognito();
    expect(await ctx.cognito()).toBe(client);
    await client.send(new ListUserPoolsCommand({ MaxResults: 1 }));

    let closes = 0;
    const realClose = endpoint.close.bind(endpoint);
    endpoint.close = () => {
      closes++;
      realClose();
    };
    await Promise.all([ctx.close(), ctx.close()]);
    await ctx.close();
    expect(closes).toBe(1);
    expect(() => ctx.cognito()).toThrow(/closed/);
    expect(() => ctx.localEndpoint()).toThrow(/closed/);
  });

  it("closing a Context that never opened anything is a no-op", async () => {
    const ctx = createContext(createTestIO(), globals, {
      paths: { configDir: dataDir, dataDir, stateDir: dataDir },
    });
    await expect(ctx.close()).resolves.toBeUndefined();
  });
});
