// The stack loader alone: JSON as well as YAML, ${VAR} and $$, passwords from a file next to the
// stack file, duplicate and unknown keys at their line and column, members typed by the model.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { UsageError } from "../src/kernel/errors.js";
import { loadStack, stackFromText } from "../src/kernel/stack/loader.js";

const dir = mkdtempSync(join(tmpdir(), "cogctl-stack-loader-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const fails = (text: string, env: Record<string, string> = {}) => {
  try {
    stackFromText("s.yaml", text, env);
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return (err as Error).message;
  }
  throw new Error("expected the stack file to be refused");
};

describe("the stack loader", () => {
  it("reads JSON too, and substitutes ${VAR} (with $$ for a literal $)", () => {
    const stack = stackFromText(
      "s.json",
      '{"pools": {"p": {"EmailVerificationSubject": "${WHO} pays $$5", "groups": {"g": {"Precedence": 2}}}}}',
      { WHO: "Ann" },
    );
    expect(stack.pools[0]!.settings.EmailVerificationSubject).toBe("Ann pays $5");
    expect(stack.pools[0]!.groups).toEqual({ g: { Precedence: 2 } });
  });

  it("reads a password from a file beside the stack file, without its trailing newline", () => {
    writeFileSync(join(dir, "pw.txt"), "Secret-Pass-1\n", { mode: 0o600 });
    const path = join(dir, "stack.yaml");
    writeFileSync(path, "pools:\n  p:\n    users:\n      ann:\n        password: {file: pw.txt}\n");
    expect(loadStack(path, {}).pools[0]!.users!.ann!.password).toBe("Secret-Pass-1");
  });

  it("names the line and column of duplicate keys, unknown top-level keys and bad values", () => {
    expect(fails("pools:\n  p: {}\n  p: {}\n")).toMatch(
      /^s\.yaml:3:3: invalid YAML: Map keys must be unique/,
    );
    expect(fails("pool:\n  p: {}\n")).toMatch(
      /^s\.yaml:1:1: pool: unknown key 'pool'\. Did you mean 'pools'/,
    );
    expect(fails("pools:\n  p:\n    clients:\n      c: {GenerateSecret: yes please}\n")).toMatch(
      /^s\.yaml:4:27: pools\.p\.clients\.c\.GenerateSecret: expected true or false/,
    );
    expect(fails("pools:\n  p:\n    clients:\n      c: {ClientName: other}\n")).toMatch(
      /^s\.yaml:4:11: pools\.p\.clients\.c\.ClientName: ClientName is the map key \(c\); leave it out/,
    );
    expect(fails("pools:\n  p:\n    domain: {ManagedLoginVersion: 2}\n")).toMatch(
      /pools\.p\.domain: .*Domain/,
    );
    expect(fails("pools:\n  p:\n    users:\n      u: {password: {env: NOT_SET_HERE}}\n")).toMatch(
      /^s\.yaml:4:27: pools\.p\.users\.u\.password\.env: the environment variable NOT_SET_HERE is not set/,
    );
  });

  it("checks a map key against its member's bounds (a group name of 129 characters)", () => {
    expect(fails(`pools:\n  p:\n    groups:\n      ${"g".repeat(129)}: {}\n`)).toMatch(
      /^s\.yaml:4:\d+: pools\.p\.groups\.g+ \(GroupName = the key\): .*longer than the maximum length of 128/,
    );
  });
});
