// The confirmation guard: --dry-run prints the plan and stops, --yes proceeds, no terminal
// refuses with 252 naming --yes, a terminal asks yes/no or makes you type the name.
import { describe, expect, it } from "vitest";
import { confirmPlan } from "../src/kernel/confirm.js";
import { ExitCode } from "../src/kernel/errors.js";
import { createTestIO } from "../src/kernel/io/test-io.js";
import { scriptedPrompter } from "./helpers/auth.js";

const plan = { action: "Delete 2 users in pool demo", items: ["alice", "bob"] };
const tty = () => createTestIO({ stdinTTY: true, stderrTTY: true });

describe("confirmPlan", () => {
  it("--dry-run prints the plan on stdout and never asks", async () => {
    const io = tty();
    const prompter = scriptedPrompter([]);
    expect(await confirmPlan({ io, prompter }, plan, { dryRun: true, yes: true })).toBe("dry-run");
    expect(io.out()).toBe("Would delete 2 users in pool demo:\n  alice\n  bob\n");
    expect(prompter.asked).toHaveLength(0);
  });

  it("--yes proceeds without asking, terminal or not", async () => {
    const io = createTestIO();
    expect(await confirmPlan({ io, prompter: scriptedPrompter([]) }, plan, { yes: true })).toBe("proceed");
    expect(io.out() + io.err()).toBe("");
  });

  it("without a terminal prints what would be done and refuses with 252 naming --yes", async () => {
    const io = createTestIO();
    const err = await confirmPlan({ io, prompter: scriptedPrompter([]) }, plan, {}).catch((e) => e);
    expect(err.exitCode).toBe(ExitCode.USAGE);
    expect(err.message).toMatch(/--yes/);
    expect(io.err()).toContain("Would delete 2 users in pool demo:\n  alice");
    expect(io.out()).toBe("");
  });

  it("on a terminal asks yes/no; no is an interruption that changes nothing", async () => {
    expect(await confirmPlan({ io: tty(), prompter: scriptedPrompter([[/Proceed/, true]]) }, plan, {})).toBe(
      "proceed",
    );
    const err = await confirmPlan(
      { io: tty(), prompter: scriptedPrompter([[/Proceed/, false]]) },
      plan,
      {},
    ).catch((e) => e);
    expect(err.exitCode).toBe(ExitCode.INTERRUPTED);
  });

  it("makes a person type the name when asked to", async () => {
    const named = { ...plan, typeToConfirm: "demo" };
    const ok = scriptedPrompter([[/Type demo/, "demo"]]);
    expect(await confirmPlan({ io: tty(), prompter: ok }, named, {})).toBe("proceed");
    expect(ok.asked[0]).toMatchObject({ kind: "input", flag: "--yes" });
    await expect(
      confirmPlan({ io: tty(), prompter: scriptedPrompter([[/Type demo/, "dmeo"]]) }, named, {}),
    ).rejects.toMatchObject({ exitCode: ExitCode.INTERRUPTED });
  });
});
