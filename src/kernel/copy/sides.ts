// The two sides of `users copy`: each may name its own profile, region, endpoint or the embedded
// endpoint (--from-profile, --to-local, ...); what a side does not name it takes from the command's
// global options. A side that ends up as the command's own settings uses the command's Context; any
// other gets a Context of its own, created and closed here (the entry closes only the command's).
import type { Command } from "commander";
import type { Context, GlobalOptions } from "../context.js";
import { createContext } from "../create-context.js";
import { UsageError } from "../errors.js";

export interface SideFlags {
  fromProfile?: string;
  toProfile?: string;
  fromRegion?: string;
  toRegion?: string;
  fromEndpointUrl?: string;
  toEndpointUrl?: string;
  fromLocal?: boolean;
  toLocal?: boolean;
}

export type SideName = "from" | "to";

export function addSideOptions(cmd: Command): Command {
  for (const [side, what] of [
    ["from", "the source"],
    ["to", "the destination"],
  ] as const)
    cmd
      .option(`--${side}-profile <name>`, `the AWS profile of ${what} (default: --profile)`)
      .option(`--${side}-region <region>`, `the region of ${what} (default: --region)`)
      .option(`--${side}-endpoint-url <url>`, `${what}'s endpoint, such as moto (default: --endpoint-url)`)
      .option(`--${side}-local`, `${what} is the embedded endpoint (as --local)`);
  return cmd;
}

/** Why `value` cannot be an endpoint URL (the global option's own check), or undefined. */
export type EndpointUrlCheck = (value: string) => string | undefined;

/** The global options of one side: what it names, else the command's. */
export function sideGlobals(
  base: GlobalOptions,
  flags: SideFlags,
  side: SideName,
  checkUrl: EndpointUrlCheck,
): GlobalOptions {
  const profile = side === "from" ? flags.fromProfile : flags.toProfile;
  const region = side === "from" ? flags.fromRegion : flags.toRegion;
  const endpointUrl = side === "from" ? flags.fromEndpointUrl : flags.toEndpointUrl;
  const local = side === "from" ? flags.fromLocal : flags.toLocal;
  if (local && (endpointUrl !== undefined || profile !== undefined))
    throw new UsageError(
      `--${side}-local with --${side}-${endpointUrl !== undefined ? "endpoint-url" : "profile"}: the embedded endpoint has neither; choose one.`,
    );
  if (endpointUrl !== undefined) {
    const problem = checkUrl(endpointUrl);
    if (problem)
      throw new UsageError(
        `Bad value for --${side}-endpoint-url "${endpointUrl}": ${problem}. Must be of the form http://<hostname>[:<port>]/ or https://<hostname>[:<port>]/.`,
      );
  }
  // A side that names where it is (a profile, an endpoint, the embedded endpoint) is only that.
  const names = local || endpointUrl !== undefined || profile !== undefined;
  return {
    ...base,
    profile: profile ?? base.profile,
    region: region ?? base.region,
    endpointUrl: local ? undefined : (endpointUrl ?? (names ? undefined : base.endpointUrl)),
    local: local === true || (!names && base.local),
  };
}

const sameWhere = (a: GlobalOptions, b: GlobalOptions) =>
  a.profile === b.profile && a.region === b.region && a.endpointUrl === b.endpointUrl && a.local === b.local;

export interface Sides {
  from: Context;
  to: Context;
  /** Closes the Contexts made here (never the command's own). */
  close(): Promise<void>;
}

export function openSides(ctx: Context, flags: SideFlags, checkUrl: EndpointUrlCheck): Sides {
  const made: Context[] = [];
  const contextFor = (globals: GlobalOptions, other?: Context): Context => {
    if (sameWhere(globals, ctx.globals)) return ctx;
    // Both sides on the same place: one client (and, with --local, one in-process endpoint on the data directory).
    if (other && sameWhere(globals, other.globals)) return other;
    const side = createContext(ctx.io, globals, {
      prompter: ctx.prompter,
      clock: ctx.clock,
      paths: ctx.paths,
    });
    made.push(side);
    return side;
  };
  const from = contextFor(sideGlobals(ctx.globals, flags, "from", checkUrl));
  const to = contextFor(sideGlobals(ctx.globals, flags, "to", checkUrl), from);
  return {
    from,
    to,
    async close() {
      await Promise.allSettled(made.map((c) => c.close()));
    },
  };
}
