// Where cogctl keeps its files, following the XDG base directory convention.
import { homedir } from "node:os";
import { join } from "node:path";
import type { Paths } from "./context.js";

export function resolvePaths(env: Readonly<Record<string, string | undefined>>): Paths {
  const home = env.HOME || homedir();
  const configHome = env.XDG_CONFIG_HOME || join(home, ".config");
  const dataHome = env.XDG_DATA_HOME || join(home, ".local", "share");
  // State (XDG: "data that should persist between restarts but is not important or portable
  // enough" for XDG_DATA_HOME): the journals of import runs.
  const stateHome = env.XDG_STATE_HOME || join(home, ".local", "state");
  return {
    configDir: env.COGCTL_CONFIG_DIR || join(configHome, "cogctl"),
    dataDir: env.COGCTL_DATA_DIR || join(dataHome, "cogctl"),
    stateDir: env.COGCTL_STATE_DIR || join(stateHome, "cogctl"),
  };
}
