// The program as bin/cogctl runs it: the entry (src/cli/main.ts) with the task commands' registry
// (commands/index.ts, generated from their declarations). The registry is passed down rather than
// imported by src/cli, so the entry floor never depends on the commands above it.
import { type MainDeps, main as runEntry } from "../src/cli/main.js";
import { commands } from "./index.js";

export type { MainDeps };

export function main(argv: string[], deps: Omit<MainDeps, "commands"> = {}): Promise<number> {
  return runEntry(argv, { ...deps, commands });
}
