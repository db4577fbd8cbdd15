// Opening a URL in the user's browser, as gh and git credential helpers do: $BROWSER when set (a
// command; "%s" in it is replaced by the URL, else the URL is its last argument), else the
// platform's opener (xdg-open, open, start). The browser is started detached and never waited for;
// a failure to start it is reported so the caller can print the URL instead.
import { spawn } from "node:child_process";

export function browserCommand(
  url: string,
  env: Readonly<Record<string, string | undefined>>,
  platform: NodeJS.Platform = process.platform,
): { command: string; args: string[] } {
  const fromEnv = env.BROWSER?.trim();
  if (fromEnv) {
    // BROWSER may be a list (a:b) as for Python's webbrowser: the first entry is used.
    const words = (fromEnv.split(":")[0] ?? fromEnv).split(/\s+/).filter(Boolean);
    const substituted = words.some((w) => w.includes("%s"));
    const args = words.slice(1).map((w) => w.replaceAll("%s", url));
    return { command: words[0], args: substituted && !words[0].includes("%s") ? args : [...args, url] };
  }
  if (platform === "darwin") return { command: "open", args: [url] };
  if (platform === "win32") return { command: "cmd", args: ["/c", "start", '""', url.replace(/&/g, "^&")] };
  return { command: "xdg-open", args: [url] };
}

/** Where no browser can be opened: no $BROWSER, and Linux without a display (an SSH session). */
export function hasNoDisplay(
  env: Readonly<Record<string, string | undefined>>,
  platform: NodeJS.Platform = process.platform,
): boolean {
  if (env.BROWSER?.trim()) return false;
  if (platform === "darwin" || platform === "win32") return false;
  return !env.DISPLAY && !env.WAYLAND_DISPLAY;
}

/** Starts the browser; resolves with an error text when it could not be started. */
export function openBrowser(
  url: string,
  env: Readonly<Record<string, string | undefined>>,
): Promise<string | undefined> {
  const { command, args } = browserCommand(url, env);
  return new Promise((resolve) => {
    let child: ReturnType<typeof spawn>;
    try {
      child = spawn(command, args, { detached: true, stdio: "ignore", env: { ...env } as NodeJS.ProcessEnv });
    } catch (err) {
      resolve(`${command}: ${(err as Error).message}`);
      return;
    }
    child.once("error", (err: NodeJS.ErrnoException) => resolve(`${command}: ${err.code ?? err.message}`));
    child.once("spawn", () => {
      child.unref();
      resolve(undefined);
    });
  });
}
