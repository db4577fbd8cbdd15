// Synchronous, on-demand loading of the libraries only some output formats need.
// The printer must stay synchronous (commands print from plain code paths) and `--output json`
// without --query must not pay for yaml, string-width, wrap-ansi, jmespath, chalk or cli-table3 at startup, so these are
// required through createRequire the first time a format asks for them, never imported statically.
import { createRequire } from "node:module";
import type * as ChalkModule from "chalk";
import type CliTable3 from "cli-table3";
import type * as YamlModule from "yaml";

const requireFromHere = createRequire(import.meta.url);

/** Names of the libraries loaded so far, for the startup-cost test and --debug. */
const loaded = new Set<string>();

function load<T>(name: string): T {
  loaded.add(name);
  return requireFromHere(name) as T;
}

export function loadedOutputModules(): readonly string[] {
  return [...loaded];
}

/** The parts of the `jmespath` package cogctl uses (its @types only declare `search`). */
export interface JmesPathModule {
  search(data: unknown, expression: string): unknown;
  compile(expression: string): unknown;
  tokenize(expression: string): Array<{ type: string; value: unknown; start: number }>;
}

export function loadJmesPath(): JmesPathModule {
  return load<JmesPathModule>("jmespath");
}

export function loadYaml(): typeof YamlModule {
  return load<typeof YamlModule>("yaml");
}

/** Display width of a string (ANSI-aware, East Asian wide characters and emoji count 2). */
export function loadStringWidth(): (text: string) => number {
  return load<(text: string) => number>("string-width");
}

export interface WrapAnsiOptions {
  hard?: boolean;
  trim?: boolean;
  wordWrap?: boolean;
}

/** wrap-ansi: word wrapping by display width (the package ships no types of its own). */
export function loadWrapAnsi(): (text: string, columns: number, options?: WrapAnsiOptions) => string {
  return load<(text: string, columns: number, options?: WrapAnsiOptions) => string>("wrap-ansi");
}

/** cli-table3: the task commands' terminal tables (src/kernel/table-printer.ts). */
export function loadCliTable3(): typeof CliTable3 {
  return load<typeof CliTable3>("cli-table3");
}

export type ChalkInstance = ChalkModule.ChalkInstance;

/**
 * A chalk instance at the basic 16-colour level, or undefined when chalk cannot be loaded
 * synchronously: chalk 5 is ESM-only, and require() of ESM needs Node >= 20.19. Colour is cosmetic,
 * so an older Node prints without it rather than failing.
 */
export function loadChalk(): ChalkInstance | undefined {
  try {
    const chalk = load<typeof ChalkModule>("chalk");
    return new chalk.Chalk({ level: 1 });
  } catch {
    return undefined;
  }
}
