import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createRejectsWriter } from "../src/kernel/import/rejects.js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const scratch = () => {
  const d = mkdtempSync(join(tmpdir(), "cogctl-rejects-"));
  dirs.push(d);
  return d;
};

describe("rejects file", () => {
  it("holds the header, the original rows and an escaped one-line reason, 0600, only once closed", async () => {
    const dir = scratch();
    const path = join(dir, "rejects.csv");
    const w = await createRejectsWriter(path, "cognito:username,email");
    await w.add("bob,bob@", 'email: "bob@" is not an email address, fix it\nplease');
    await w.add("carol,c\\,x@example.com", "duplicate");
    expect(readdirSync(dir)).not.toContain("rejects.csv");
    expect(await w.close()).toBe(true);
    expect(readFileSync(path, "utf8")).toBe(
      'cognito:username,email,cogctl:reason\nbob,bob@,email: "bob@" is not an email address\\, fix it please\ncarol,c\\,x@example.com,duplicate\n',
    );
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(w.count).toBe(2);
  });

  it("leaves no file when nothing was rejected or the run is discarded", async () => {
    const dir = scratch();
    const empty = await createRejectsWriter(join(dir, "a.csv"), "h");
    expect(await empty.close()).toBe(false);
    const dropped = await createRejectsWriter(join(dir, "b.csv"), "h");
    await dropped.add("x", "y");
    await dropped.discard();
    expect(readdirSync(dir)).toEqual([]);
  });
});
