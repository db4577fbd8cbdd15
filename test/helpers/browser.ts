// Debian's chromium, headless, driven by playwright-core for the managed-login tests. Every launch
// gets a fresh profile (--user-data-dir) inside the test run's temp dir, removed on close, so no
// cookie or cache survives from one test to the next and nothing is left in /tmp. The flags keep
// Chromium from reaching the network on its own (component updates, sync, QUIC probes) and make it
// run as root in a container (--no-sandbox).
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { ROOT } from "./cli.js";

export const CHROMIUM = "/usr/bin/chromium";

const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export interface Browser {
  page: Page;
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), "cogctl-chromium-"));
  // A persistent context is what takes --user-data-dir; playwright passes it as that flag.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    ignoreDefaultArgs: ["--headless=new"],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    page,
    context,
    async close() {
      await context.close().catch(() => {});
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Where screenshots are kept as test artifacts (gitignored; CI uploads the folder). */
export function artifactPath(name: string): string {
  const dir = join(ROOT, "test-artifacts");
  mkdirSync(dir, { recursive: true });
  return join(dir, name);
}
