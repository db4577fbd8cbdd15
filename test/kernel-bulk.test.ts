// USER... verbs: `-` reads targets from stdin; one target's error is thrown as it is; several
// give a summary of what failed and end with the failures' exit code.
import { describe, expect, it } from "vitest";
import { readTargets, runBulk } from "../src/kernel/bulk.js";
import { ExitCode, ServiceError, UsageError } from "../src/kernel/errors.js";
import { createTestIO } from "../src/kernel/io/test-io.js";
import type { Printer } from "../src/kernel/output/types.js";

function recordingPrinter(): Printer & { done: (m: string) => void; said: string[] } {
  const said: string[] = [];
  return {
    said,
    result: () => {},
    page: () => {},
    done: (m) => said.push(m),
    info: (m) => said.push(m),
    warn: (m) => said.push(m),
    debug: () => {},
  };
}

describe("readTargets", () => {
  it("replaces - with stdin's non-empty lines, keeping argument order", async () => {
    const io = createTestIO({ stdin: "bob\r\n\n  carol \n" });
    expect(await readTargets(["alice", "-", "dave"], io)).toEqual(["alice", "bob", "carol", "dave"]);
  });
  it("refuses an empty list and - on a terminal", async () => {
    await expect(readTargets(["-"], createTestIO({ stdin: "\n" }))).rejects.toThrow(UsageError);
    await expect(readTargets(["-"], createTestIO({ stdinTTY: true }))).rejects.toThrow(/pipe them in/);
  });
  it("refuses - when a flag reads stdin already, naming that flag", async () => {
    const io = createTestIO({ stdin: "alice\n" });
    await expect(readTargets(["-"], io, { stdinTakenBy: "--password-stdin" })).rejects.toThrow(
      /--password-stdin reads stdin already; name the USERs as arguments/,
    );
    expect(await readTargets(["alice"], io, { stdinTakenBy: "--password-stdin" })).toEqual(["alice"]);
  });
});

describe("runBulk", () => {
  it("throws a single target's own error", async () => {
    const printer = recordingPrinter();
    const failing = async () => {
      throw new ServiceError("UserNotFoundException", "AdminDeleteUser", "User does not exist.");
    };
    await expect(
      runBulk({ io: createTestIO(), printer }, ["x"], failing, { done: "Deleted", noun: "user" }),
    ).rejects.toMatchObject({ code: "UserNotFoundException" });
  });

  it("acts on every target and summarises the failures in input order with their exit code", async () => {
    const printer = recordingPrinter();
    const acted: string[] = [];
    const err = await runBulk(
      { io: createTestIO(), printer },
      ["a", "b", "c", "d"],
      async (t) => {
        if (t === "b" || t === "d")
          throw new ServiceError("UserNotFoundException", "AdminDisableUser", `no ${t}`);
        acted.push(t);
        return `Disabled ${t}`;
      },
      { done: "Disabled", noun: "user", concurrency: 2 },
    ).catch((e) => e);
    expect(acted.sort()).toEqual(["a", "c"]);
    expect(err.exitCode).toBe(ExitCode.SERVICE);
    expect(err.message).toMatch(/^Disabled 2 of 4 users; 2 failed:\n {2}b: .*no b\n {2}d: .*no d$/);
  });

  it("says how many were done when all went well", async () => {
    const printer = recordingPrinter();
    await runBulk({ io: createTestIO(), printer }, ["a", "b"], async (t) => t, {
      done: "Enabled",
      noun: "user",
    });
    expect(printer.said).toEqual(["Enabled 2 users"]);
  });
});
