// The README's first command runs scripts/demo.sh (after npm ci): keep it working. It drives the
// real bin/cogctl against the embedded endpoint, from pool creation to an SRP sign-in and a CSV import.
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./helpers/cli.js";

describe("npm run demo", () => {
  it("runs the whole workflow against the embedded endpoint", () => {
    const dataDir = mkdtempSync(join(tmpdir(), "cogctl-demo-"));
    const r = spawnSync("bash", [join(ROOT, "scripts", "demo.sh")], {
      encoding: "utf8",
      env: { ...process.env, COGCTL_DATA_DIR: dataDir, AWS_ACCESS_KEY_ID: "", AWS_SECRET_ACCESS_KEY: "" },
      timeout: 60_000,
    });
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("alice@example.com"); // get-user as alice, after the SRP sign-in
    expect(r.stdout).toMatch(/groups:\n- admins/); // her ID token carries her group
    expect(r.stdout).toMatch(/^[\w-]+\tbob@example\.com\tFORCE_CHANGE_PASSWORD\tyes\t/m); // users list in a pipe
    expect(r.stdout).toMatch(/^groups\tadmins$/m); // users show found alice by email
    expect(r.stderr).not.toContain("Demo-passw0rd");
    // The CSV import: the planted bad row named before anything is sent, the rest imported.
    expect(r.stdout).toMatch(/people\.csv:5:15: email: "grace@" is not an email address/);
    expect(r.stdout).toMatch(/^imported\t3$/m);
    expect(r.stdout).toMatch(/^frank\tfrank@example\.com\tFORCE_CHANGE_PASSWORD\tyes\t/m);
  }, 90_000);
});
