// Every operation of the catalog, through the real program (in process): bad command lines fail
// with exit 252 and a message naming the flag, before any request and without a stack trace; the
// input skeleton is valid JSON whose keys are the operation's members; help renders.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { flagsFor } from "../src/api/args/index.js";
import { loadIndex, loadOperation } from "../src/api/catalog.js";
import { runCli } from "./helpers/cli.js";
import { isolatedAwsEnv } from "./helpers/env.js";

// An endpoint nothing listens on: a request that slipped through would fail with 255, not 252.
// No stored sign-in sessions either (operations taking an AccessToken would use one).
const env = isolatedAwsEnv({
  AWS_ENDPOINT_URL: "http://127.0.0.1:9",
  AWS_MAX_ATTEMPTS: "1",
  COGCTL_CONFIG_DIR: mkdtempSync(join(tmpdir(), "cogctl-no-sessions-")),
});
const ops = loadIndex().operations.map((o) => loadOperation(o.cliName)!);
const STACK = /\n\s+at .+:\d+:\d+/;

describe("every operation", () => {
  it("rejects an unknown flag with 252 and no stack trace", async () => {
    for (const op of ops) {
      const r = await runCli([op.cliName, "--no-such-flag", "x"], { env });
      expect({ op: op.cliName, code: r.code }).toEqual({ op: op.cliName, code: 252 });
      expect(r.stderr).toMatch(/unknown option '--no-such-flag'/);
      expect(r.stderr).not.toMatch(STACK);
    }
  });

  it("names every missing required member's flag, with 252", async () => {
    for (const op of ops.filter((o) => o.input.required.length > 0)) {
      const r = await runCli([op.cliName], { env });
      expect({ op: op.cliName, code: r.code }).toEqual({ op: op.cliName, code: 252 });
      const required = flagsFor(op).filter((f) => f.required && f.member !== "AccessToken");
      for (const f of required) expect(r.stderr, op.cliName).toContain(f.flag);
    }
  });

  it("says which flag holds malformed JSON, with 252", async () => {
    for (const op of ops) {
      const complex = flagsFor(op).find((f) => f.kind === "complex");
      if (!complex) continue;
      const r = await runCli([op.cliName, complex.flag, '{"unterminated": '], { env });
      expect({ op: op.cliName, code: r.code }).toEqual({ op: op.cliName, code: 252 });
      expect(r.stderr, op.cliName).toContain(complex.flag);
      expect(r.stderr).not.toMatch(STACK);
    }
  });

  it("prints an input skeleton whose keys are exactly the members, and help", async () => {
    for (const op of ops) {
      const r = await runCli([op.cliName, "--generate-cli-skeleton"], { env });
      expect(r.code, op.cliName).toBe(0);
      expect(Object.keys(JSON.parse(r.stdout)).sort(), op.cliName).toEqual(
        Object.keys(op.input.members).sort(),
      );
      const help = await runCli([op.cliName, "--help"], { env });
      expect(help.code, op.cliName).toBe(0);
      expect(help.stdout, op.cliName).toContain(op.cliName);
    }
  });
});
