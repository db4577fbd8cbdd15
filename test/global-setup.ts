// One temporary directory per test run: every temp dir, data directory and file the suites (and the
// cogctl processes they start) make under os.tmpdir() lands inside it, and it is removed when the run
// ends, so `npm test` leaves nothing behind in /tmp even when a suite fails halfway.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export function setup(): () => void {
  const runDir = mkdtempSync(join(tmpdir(), "cogctl-test-run-"));
  // Workers are forked after global set-up and inherit this, and os.tmpdir() reads TMPDIR.
  process.env.TMPDIR = runDir;
  return () => rmSync(runDir, { recursive: true, force: true });
}
