// The programs some tests run beside Node. scripts/test-tools.sh (npm test's pretest step) brings
// them; a suite that needs one checks first, so a missing program fails the suite with its name and
// the fix instead of a TypeError deep inside a test. Never a skip: a test that needs a tool must run.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

export function requireTool(command: string): void {
  const found = command.startsWith("/")
    ? existsSync(command)
    : spawnSync("sh", ["-c", 'command -v "$1"', "sh", command], { stdio: "ignore" }).status === 0;
  if (!found)
    throw new Error(
      `${command} is not installed; the tests need it. Run \`bash scripts/test-tools.sh\` (npm test's pretest step), which installs it or names the package.`,
    );
}
