// The real Context: every dependency is created on first use, so `cogctl --help` never loads the
// SDK and `cogctl list-users` never loads the prompt library.
import type { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import type { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import type { IAMClient } from "@aws-sdk/client-iam";
import type { LocalEndpoint } from "../local/endpoint.js";
import { createCognitoClient, createIamClient, createLogsClient } from "./client-factory.js";
import type { Context, GlobalOptions, Paths } from "./context.js";
import type { IO } from "./io/io.js";
import type { Prompter } from "./io/prompter.js";
import { createPrinter } from "./output/printer.js";
import type { Printer } from "./output/types.js";
import { resolvePaths } from "./paths.js";

export interface ContextOverrides {
  prompter?: Prompter;
  clock?: () => Date;
  paths?: Paths;
}

export function createContext(io: IO, globals: GlobalOptions, overrides: ContextOverrides = {}): Context {
  let printer: Printer | undefined;
  let prompter: Prompter | undefined = overrides.prompter;
  const paths = overrides.paths ?? resolvePaths(io.env);
  let client: Promise<CognitoIdentityProviderClient> | undefined;
  let iamClient: Promise<IAMClient> | undefined;
  let logsClient: Promise<CloudWatchLogsClient> | undefined;
  let endpoint: Promise<LocalEndpoint> | undefined;
  let closed: Promise<void> | undefined;
  const region = () => globals.region ?? io.env.AWS_REGION ?? io.env.AWS_DEFAULT_REGION ?? "us-east-1";
  const ctx: Context = {
    io,
    globals,
    paths,
    clock: overrides.clock ?? (() => new Date()),
    get printer() {
      printer ??= createPrinter(io, { output: globals.output, query: globals.query, debug: globals.debug });
      return printer as Printer;
    },
    get prompter() {
      prompter ??= createInquirerPrompterLazily(io);
      return prompter;
    },
    cognito() {
      if (closed) throw new Error("the command's Context is closed");
      client ??= createCognitoClient(globals, io.env, ctx.printer, ctx.localEndpoint);
      return client;
    },
    iam() {
      if (closed) throw new Error("the command's Context is closed");
      iamClient ??= createIamClient(globals, io.env, ctx.printer, ctx.localEndpoint);
      return iamClient;
    },
    logs() {
      if (closed) throw new Error("the command's Context is closed");
      logsClient ??= createLogsClient(globals, io.env, ctx.printer, ctx.localEndpoint);
      return logsClient;
    },
    localEndpoint() {
      if (closed) throw new Error("the command's Context is closed");
      endpoint ??= import("../local/in-process.js").then(async ({ openLocalEndpoint }) => {
        // Quotas and faults for testing clients against --local; the endpoint parses the values.
        const opened = await openLocalEndpoint({
          dataDir: paths.dataDir,
          region: region(),
          importLeaseMs: leaseMs(io.env.COGCTL_LOCAL_IMPORT_LEASE_MS),
          limits: {
            quotas: io.env.COGCTL_LOCAL_QUOTAS,
            quotasSource: "COGCTL_LOCAL_QUOTAS",
            faults: io.env.COGCTL_LOCAL_FAULTS,
            faultsSource: "COGCTL_LOCAL_FAULTS",
          },
        });
        // A drawn seed is the only way to repeat this run's faults: say it (stderr).
        if (opened.faultSeedDrawn()) for (const line of opened.limitsNotice()) ctx.printer.warn(line);
        else for (const line of opened.limitsNotice()) ctx.printer.debug(line);
        return opened;
      });
      return endpoint;
    },
    close() {
      closed ??= (async () => {
        // Each is released even when creating it had failed (the command already saw that error).
        const [c, i, l, e] = await Promise.allSettled([client, iamClient, logsClient, endpoint]);
        for (const sdkClient of [c, i, l]) if (sdkClient.status === "fulfilled") sdkClient.value?.destroy();
        // With --local this process is the endpoint: import jobs it started run in its background,
        // so the command's process ends when they do (Ctrl-C or a kill leaves them to be resumed).
        if (e.status === "fulfilled" && e.value) {
          await e.value.drain();
          e.value.close();
        }
      })();
      return closed;
    },
  };
  return ctx;
}

/**
 * COGCTL_LOCAL_IMPORT_LEASE_MS: how long a --local import job's lease lasts before another process
 * on the data directory takes it over (default: the endpoint's, 15 s). Tests of kill -9 shorten it.
 */
function leaseMs(value: string | undefined): number | undefined {
  const n = Number(value);
  return value !== undefined && Number.isSafeInteger(n) && n >= 100 ? n : undefined;
}

/** Defers loading @inquirer/prompts until a question is actually asked. */
function createInquirerPrompterLazily(io: IO): Prompter {
  let real: Promise<Prompter> | undefined;
  const get = () => {
    real ??= import("./io/inquirer-prompter.js").then((m) => m.createInquirerPrompter(io));
    return real;
  };
  return {
    input: async (...a) => (await get()).input(...a),
    password: async (...a) => (await get()).password(...a),
    select: async (...a) => (await get()).select(...a),
    confirm: async (...a) => (await get()).confirm(...a),
  };
}
