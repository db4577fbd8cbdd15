// `cogctl local serve --apply STACK`: the endpoint seeds itself before it prints its URL, and a
// second start over the same data directory finds everything in place and changes nothing.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  CognitoIdentityProviderClient,
  ListGroupsCommand,
  ListUserPoolsCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, describe, expect, it } from "vitest";
import { serve } from "../commands/local/serve.js";
import { UsageError } from "../src/kernel/errors.js";
import { commandContext } from "./helpers/command-context.js";

const dir = mkdtempSync(join(tmpdir(), "cogctl-stack-serve-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function start(dataDir: string, apply: string[]) {
  const { ctx, io } = commandContext(dataDir);
  let stop!: () => void;
  const until = new Promise<void>((r) => {
    stop = r;
  });
  const running = serve({ host: "127.0.0.1", port: "0", dataDir, logLevel: "warn", apply }, ctx, until);
  let url = "";
  for (let i = 0; i < 500 && !url; i++) {
    await new Promise((r) => setTimeout(r, 20));
    url = io.out().trim();
  }
  return {
    url,
    io,
    stop: async () => {
      stop();
      return running;
    },
  };
}

describe("local serve --apply", () => {
  const one = join(dir, "one.yaml");
  const two = join(dir, "two.yaml");
  writeFileSync(
    one,
    "pools:\n  seeded:\n    groups:\n      admins: {Precedence: 1}\n    clients:\n      web: {}\n",
  );
  writeFileSync(two, "pools:\n  other: {}\n");

  it("seeds the endpoint before printing its URL, once", async () => {
    const dataDir = mkdtempSync(join(dir, "data-"));
    for (const round of [1, 2]) {
      const s = await start(dataDir, [one, two]);
      expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const client = new CognitoIdentityProviderClient({
        region: "us-east-1",
        endpoint: s.url,
        credentials: { accessKeyId: "a", secretAccessKey: "b" },
      });
      const pools = (await client.send(new ListUserPoolsCommand({ MaxResults: 60 }))).UserPools!;
      expect(pools.map((p) => p.Name).sort()).toEqual(["other", "seeded"]);
      const id = pools.find((p) => p.Name === "seeded")!.Id!;
      const groups = (await client.send(new ListGroupsCommand({ UserPoolId: id }))).Groups!;
      expect(groups.map((g) => g.GroupName)).toEqual(["admins"]);
      client.destroy();
      expect(await s.stop()).toBe(0);
      expect(s.io.err()).toContain(`Applied ${one}: seeded (${id})`);
      // The second start plans, finds nothing to do and prints no plan.
      if (round === 1) expect(s.io.err()).toContain("seeded: created group admins");
      else expect(s.io.err()).not.toContain("created");
    }
  });

  it("refuses a bad stack file before starting", async () => {
    const bad = join(dir, "bad.yaml");
    writeFileSync(bad, "pools:\n  p:\n    Nope: 1\n");
    const { ctx } = commandContext(mkdtempSync(join(dir, "data-")));
    const run = serve(
      { host: "127.0.0.1", port: "0", inMemory: true, logLevel: "warn", apply: [bad] },
      ctx,
      Promise.resolve(),
    );
    await expect(run).rejects.toThrow(UsageError);
    await expect(run).rejects.toThrow(/bad\.yaml:3:5: pools\.p\.Nope: unknown key 'Nope'/);
  });
});
