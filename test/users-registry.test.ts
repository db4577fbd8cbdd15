// The registry's summaries are the declarations' own (help and the command list never drift).
import { describe, expect, it } from "vitest";
import { commands as handWrittenCommands } from "../commands/index.js";

describe("users and groups commands in the registry", () => {
  const entries = Object.entries(handWrittenCommands).filter(
    ([name]) => name.startsWith("users ") || name.startsWith("groups "),
  );
  it("lists every users verb", () => {
    expect(
      entries
        .map(([name]) => name)
        .filter((n) => n.startsWith("users "))
        .sort(),
    ).toEqual(
      [
        "confirm",
        "copy",
        "create",
        "delete",
        "disable",
        "enable",
        "export",
        "import",
        "list",
        "mfa",
        "resend-invite",
        "reset-password",
        "runs",
        "set-password",
        "show",
        "sign-out",
        "template",
        "update",
        "validate",
      ].map((v) => `users ${v}`),
    );
  });
  it.each(entries)("%s: same name and summary as its declaration, with examples", async (name, entry) => {
    const def = (await entry.load()).default;
    expect(def.name).toBe(name);
    expect(def.summary).toBe(entry.summary);
    expect(def.examples?.length).toBeGreaterThan(0);
  });
});
