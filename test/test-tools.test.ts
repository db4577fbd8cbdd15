// The set-up step of the test command itself: scripts/test-tools.sh names what a machine lacks, and
// a suite needing a missing program fails with its name, not with a TypeError.
import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT } from "./helpers/cli.js";
import { requireTool } from "./helpers/tools.js";

const emptyBin = mkdtempSync(join(tmpdir(), "cogctl-test-tools-"));
afterAll(() => rmSync(emptyBin, { recursive: true, force: true }));

describe("scripts/test-tools.sh", () => {
  it("names the packages to install when it may not install them (not root)", () => {
    // A PATH holding only an `id` that says "not root": every tool looks missing, nothing is installed.
    writeFileSync(join(emptyBin, "id"), "#!/bin/sh\necho 1000\n");
    chmodSync(join(emptyBin, "id"), 0o755);
    const r = spawnSync("/bin/bash", [join(ROOT, "scripts", "test-tools.sh")], {
      encoding: "utf8",
      env: { PATH: emptyBin },
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("install them with: sudo apt-get install tmux zsh fish");
  });

  it("passes on this machine, where the pretest step has run", () => {
    const r = spawnSync("bash", [join(ROOT, "scripts", "test-tools.sh")], { encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
  });
});

describe("requireTool", () => {
  it("fails with the program's name and the fix", () => {
    expect(() => requireTool("cogctl-no-such-program")).toThrow(
      /cogctl-no-such-program is not installed.*scripts\/test-tools\.sh/,
    );
    expect(() => requireTool("/no/such/aws")).toThrow(/\/no\/such\/aws is not installed/);
  });

  it("accepts a program on PATH and an absolute path", () => {
    expect(() => requireTool("sh")).not.toThrow();
    expect(() => requireTool("/bin/sh")).not.toThrow();
  });
});
